package dev.tessera.system.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 document at {@code /v3/api-docs} (checked in as {@code docs/openapi.json}, kept
 * equal by {@code OpenApiDocumentTests}): the management API under {@code /api/v1} with its two
 * credentials (API key as Bearer, HTTP Basic) and its RFC 9457 problem bodies. The data plane adds
 * its own part ({@code dataplane.DataPlaneOpenApi}). The server is relative, so the document does not
 * depend on the address it was fetched from.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final Map<String, String> ERRORS = Map.of(
            "400", "Bad input; `field` names the field at fault.",
            "401", "No credentials, or an unknown or revoked API key.",
            "403", "Your role or the API key's scope does not allow this.",
            "404", "No such resource visible to you.",
            "409", "Conflicts with the current state.");

    @Bean
    OpenAPI tesseraOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Tessera").version("v1")
                        .description("Management API (/api/v1) and data plane (/v1) of Tessera, a developer-token service."))
                .servers(List.of(new Server().url("/").description("This Tessera")))
                .components(new Components()
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("tsk_…").description("An API key from POST /api/v1/api-keys"))
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A user's email and password; costs a password hash per call")));
    }

    /**
     * Operation ids from the controller and method ({@code apiKeyCreate}), not springdoc's
     * {@code create_1}, whose numbering follows the order classes were scanned in.
     */
    @Bean
    OperationCustomizer stableOperationIds() {
        return (operation, handler) -> {
            String type = handler.getBeanType().getSimpleName().replaceFirst("Controller$", "");
            String method = handler.getMethod().getName();
            return operation.operationId(Character.toLowerCase(type.charAt(0)) + type.substring(1)
                    + Character.toUpperCase(method.charAt(0)) + method.substring(1));
        };
    }

    @Bean
    OpenApiCustomizer managementApiSecurityAndErrors() {
        return api -> {
            api.getComponents().addSchemas("Problem", problem());
            api.getPaths().forEach((path, item) -> {
                if (path.startsWith("/api/")) {
                    item.readOperations().forEach(OpenApiConfiguration::secureWithProblems);
                }
            });
        };
    }

    private static Schema<?> problem() {
        return new ObjectSchema()
                .description("RFC 9457 problem detail")
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("field", new StringSchema().description("The request field at fault, for 400"));
    }

    private static void secureWithProblems(Operation operation) {
        operation.setSecurity(List.of(new SecurityRequirement().addList("apiKey"), new SecurityRequirement().addList("basic")));
        Content content = new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
        ERRORS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(error -> {
            if (!operation.getResponses().containsKey(error.getKey())) {
                operation.getResponses().addApiResponse(error.getKey(),
                        new ApiResponse().description(error.getValue()).content(content));
            }
        });
    }
}
