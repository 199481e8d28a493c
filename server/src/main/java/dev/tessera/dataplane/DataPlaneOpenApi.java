package dev.tessera.dataplane;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The data plane's part of the OpenAPI document: {@code /v1/forward-auth} and
 * {@code /v1/developer-token:verify} (served on the main port and, identically, on the data-plane
 * port), their {@code developer-token} credential and the Google-Ads-shaped error body.
 */
@Configuration(proxyBeanMethods = false)
class DataPlaneOpenApi {

    @Bean
    OpenApiCustomizer dataPlaneContract() {
        return api -> {
            api.getComponents().addSecuritySchemes("developerToken", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                    .in(SecurityScheme.In.HEADER).name("developer-token")
                    .description("The developer token (forward-auth); :verify takes it in the body instead"));
            api.getComponents().addSchemas("GoogleAdsError", googleAdsError());
            api.getComponents().addSchemas("VerifyGranted", new ObjectSchema()
                    .addProperty("valid", new Schema<>().types(java.util.Set.of("boolean")))
                    .addProperty("managerCustomerId", new StringSchema())
                    .addProperty("accessLevel", new StringSchema()));
            api.getPaths().forEach((path, item) -> {
                // Only the two data-plane paths: the other /v1 paths (leak reports) describe themselves.
                if (path.equals("/v1/forward-auth") || path.equals("/v1/developer-token:verify")) {
                    item.readOperations().forEach(operation -> describe(path, operation));
                }
            });
        };
    }

    private static void describe(String path, Operation operation) {
        Content error = new Content().addMediaType("application/json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/GoogleAdsError")));
        ApiResponses responses = new ApiResponses();
        ApiResponse granted = new ApiResponse().description("Granted; headers name the manager account and access level");
        if (path.endsWith(":verify")) {
            granted.content(new Content().addMediaType("application/json",
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/VerifyGranted"))));
        } else {
            operation.addSecurityItem(new io.swagger.v3.oas.models.security.SecurityRequirement().addList("developerToken"));
        }
        responses.addApiResponse("200", granted);
        responses.addApiResponse("400", new ApiResponse().description("Token or customer id missing or malformed").content(error));
        responses.addApiResponse("401", new ApiResponse().description("Unknown developer token").content(error));
        responses.addApiResponse("403", new ApiResponse().description("Token not approved for this use").content(error));
        responses.addApiResponse("429", new ApiResponse().description("Daily operation quota exhausted").content(error));
        operation.setResponses(responses);
    }

    private static Schema<?> googleAdsError() {
        Schema<?> failure = new ObjectSchema()
                .addProperty("@type", new StringSchema())
                .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                        .addProperty("errorCode", new ObjectSchema().additionalProperties(new StringSchema()))
                        .addProperty("message", new StringSchema())))
                .addProperty("requestId", new StringSchema());
        return new ObjectSchema().description("The Google Ads API's error body")
                .addProperty("error", new ObjectSchema()
                        .addProperty("code", new IntegerSchema())
                        .addProperty("message", new StringSchema())
                        .addProperty("status", new StringSchema())
                        .addProperty("details", new ArraySchema().items(failure)));
    }
}
