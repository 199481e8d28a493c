package dev.tessera.leaks;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The leak reports' part of the OpenAPI document: GitHub's report and feedback arrays with the two
 * signature headers, and the public revocation call. Neither takes a session, an API key or a token.
 */
@Configuration(proxyBeanMethods = false)
class LeakReportsOpenApi {

    @Bean
    OpenApiCustomizer leakReportsContract() {
        return api -> {
            PathItem github = api.getPaths().get("/v1/secret-scanning/github");
            if (github != null && github.getPost() != null) {
                describeGitHub(github.getPost());
            }
            PathItem revoke = api.getPaths().get("/v1/credentials/revoke");
            if (revoke != null && revoke.getPost() != null) {
                describeRevoke(revoke.getPost());
            }
        };
    }

    private static void describeGitHub(Operation operation) {
        operation.summary("GitHub secret-scanning partner endpoint: revokes reported active tokens before answering")
                .parameters(List.of(
                        new HeaderParameter().name(SecretScanningController.KEY_ID).required(true).schema(new StringSchema())
                                .description("key_identifier of the GitHub key that signed the body"),
                        new HeaderParameter().name(SecretScanningController.SIGNATURE).required(true).schema(new StringSchema())
                                .description("base64 of the DER ECDSA P-256 / SHA-256 signature of the raw body")))
                .requestBody(new RequestBody().required(true).content(json(new ArraySchema().items(new ObjectSchema()
                        .addProperty("token", new StringSchema())
                        .addProperty("type", new StringSchema())
                        .addProperty("url", new StringSchema())
                        .addProperty("source", new StringSchema())))));
        ApiResponses responses = new ApiResponses()
                .addApiResponse("200", new ApiResponse().description("GitHub's feedback, one item per reported token")
                        .content(json(new ArraySchema().items(new ObjectSchema()
                                .addProperty("token_hash", new StringSchema().description("SHA-256 of the token, hex"))
                                .addProperty("token_type", new StringSchema())
                                .addProperty("label", new StringSchema()._enum(List.of("true_positive", "false_positive")))))))
                .addApiResponse("400", problem("Signed, but not GitHub's array of matches; nothing changed"))
                .addApiResponse("401", problem("Missing or bad signature, or an unknown key id; nothing changed"));
        operation.setResponses(responses);
    }

    private static void describeRevoke(Operation operation) {
        operation.summary("Revokes the active developer tokens among up to 1,000 found credentials; says nothing about which")
                .requestBody(new RequestBody().required(true).content(json(new ObjectSchema()
                        .addProperty("credentials", new ArraySchema().items(new StringSchema()).minItems(1).maxItems(1_000)))));
        operation.setResponses(new ApiResponses()
                .addApiResponse("202", new ApiResponse().description("Accepted, whatever the credentials were"))
                .addApiResponse("400", problem("Not 1 to 1,000 strings under credentials; nothing revoked"))
                .addApiResponse("429", problem("Too many calls from this address; nothing revoked")
                        .addHeaderObject("Retry-After", new Header().schema(new StringSchema()))));
    }

    private static Content json(Schema<?> schema) {
        return new Content().addMediaType("application/json", new MediaType().schema(schema));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }
}
