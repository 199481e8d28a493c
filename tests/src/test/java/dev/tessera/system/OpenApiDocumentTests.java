package dev.tessera.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document Tessera serves equals the one checked in at {@code docs/openapi.json}, so
 * clients generated from the repository match the server (issue 14). After a deliberate API change,
 * refresh the file with {@code mvn -B test -Dtest=OpenApiDocumentTests -Dopenapi.update=true}.
 */
class OpenApiDocumentTests {

    static final Path CHECKED_IN = Path.of("..", "docs", "openapi.json");

    @Test
    void theServedDocumentEqualsTheCheckedInOne() throws IOException {
        try (RunningTessera tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2))) {
            Api.Reply served = tessera.api().get("/v3/api-docs");
            assertThat(served.status()).as("%s", served).isEqualTo(200);
            if (Boolean.getBoolean("openapi.update")) {
                Files.createDirectories(CHECKED_IN.getParent());
                Files.writeString(CHECKED_IN, served.body() + "\n", StandardCharsets.UTF_8);
            }
            JsonMapper json = JsonMapper.builder().build();
            JsonNode document = json.readTree(served.body());
            assertThat(document.get("openapi").asString()).startsWith("3.1");
            assertThat(document.at("/components/securitySchemes/apiKey/scheme").asString()).isEqualTo("bearer");
            assertThat(document.at("/components/schemas/Problem").isMissingNode()).isFalse();
            assertThat(document.at("/components/schemas/GoogleAdsError").isMissingNode()).isFalse();
            assertThat(document.at("/paths/~1api~1v1~1api-keys/post").isMissingNode()).isFalse();
            assertThat(document.at("/paths/~1v1~1forward-auth/get/responses/429").isMissingNode()).isFalse();
            assertThat(document.get("paths").propertyNames()).allMatch(path -> path.startsWith("/api/") || path.startsWith("/v1/"));
            assertThat(document)
                    .as("docs/openapi.json is out of date: refresh it with -Dopenapi.update=true (see this class)")
                    .isEqualTo(json.readTree(Files.readString(CHECKED_IN, StandardCharsets.UTF_8)));
        }
    }
}
