package dev.tessera.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A full token appears only in the one response that issues it; and what a restart must keep
 * (issue #3, points 2 and 5). Each test owns its Tessera, since it stops or restarts it.
 */
@ParameterizedClass
@EnumSource(Storage.class)
@ExtendWith(OutputCaptureExtension.class)
class TokenSecrecyTests {

    @Parameter
    Storage storage;

    @Test
    void restartKeepsNewTokenValidOldTokenInvalidAndThePepper() throws IOException {
        TestDatabase database = TestDatabase.fresh(storage);
        String oldToken;
        String newToken;
        String pepperBefore;
        try (RunningTessera tessera = RunningTessera.start(database)) {
            Scenario scenario = new Scenario(tessera);
            Scenario.Account account = scenario.account("ada");
            oldToken = scenario.issueToken(account);
            newToken = scenario.reset(account, "restart drill").text("developerToken");
            pepperBefore = pepperFile(database);
        }

        try (RunningTessera restarted = RunningTessera.start(database)) {
            Scenario scenario = new Scenario(restarted);
            assertThat(scenario.forwardAuth(newToken, null).status()).isEqualTo(200);
            assertThat(scenario.verify(newToken, null).status()).isEqualTo(200);
            assertThat(scenario.forwardAuth(oldToken, null).status()).isEqualTo(401);
            assertThat(scenario.verify(oldToken, null).status()).isEqualTo(401);
            assertThat(pepperFile(database)).isEqualTo(pepperBefore);
            assertThat(restarted.bean(JdbcClient.class).sql("SELECT COUNT(*) FROM users").query(Long.class).single())
                    .as("the first-start operator is created once").isEqualTo(2);
        }
    }

    @Test
    void fullTokenAppearsOnlyInTheIssuingResponse(CapturedOutput output) throws IOException {
        TestDatabase database = TestDatabase.fresh(storage);
        List<String> tokens = new ArrayList<>();
        List<Api.Reply> readable = new ArrayList<>();
        try (RunningTessera tessera = RunningTessera.start(database,
                "logging.level.org.springframework.web=DEBUG",
                "logging.level.org.springframework.security=DEBUG",
                "logging.level.org.springframework.jdbc.core=TRACE",
                "logging.level.dev.tessera=TRACE")) {
            Scenario scenario = new Scenario(tessera);
            Scenario.Account account = scenario.account("ada");
            String client = scenario.clientAccount(account, true);
            tokens.add(scenario.issueToken(account));
            tokens.add(scenario.reset(account, "leak drill").text("developerToken"));
            tokens.add(scenario.reset(account, null).text("developerToken"));
            for (String token : tokens) {
                readable.add(scenario.forwardAuth(token, client));
                readable.add(scenario.verify(token, client));
            }
            Api admin = account.admin().api();
            for (String path : List.of("", "/developer-token", "/audit-events", "/audit-events?type=TOKEN_RESET",
                    "/users", "/client-accounts")) {
                Api.Reply reply = admin.get(account.path() + path);
                assertThat(reply.status()).as(path).isEqualTo(200);
                readable.add(reply);
            }
            readable.add(admin.get("/api/v1/manager-accounts"));
            assertThat(admin.get(account.path() + "/audit-events").body()).contains(tokens.get(2).substring(0, 4) + "…");

            for (String token : tokens) {
                assertThat(databaseText(tessera.bean(JdbcClient.class))).doesNotContain(token);
            }
        }

        assertThat(output.getAll()).as("the log said something").contains("Loaded");
        for (String token : tokens) {
            assertThat(output.getAll()).doesNotContain(token);
            assertThat(readable).allSatisfy(reply -> assertThat(reply.body() + reply.headers()).doesNotContain(token));
            if (storage == Storage.H2) {
                assertNoFileContains(database.dataDir(), token);
            }
        }
    }

    /** Every value of every column of every table of Tessera's schema, as text. */
    private static String databaseText(JdbcClient jdbc) {
        List<String> tables = jdbc.sql("""
                        SELECT table_name FROM information_schema.tables
                        WHERE LOWER(table_schema) = 'public' AND table_type IN ('BASE TABLE', 'TABLE')""")
                .query(String.class)
                .list();
        assertThat(tables).isNotEmpty().anyMatch(table -> table.equalsIgnoreCase("developer_tokens"));
        StringBuilder text = new StringBuilder();
        for (String table : tables) {
            jdbc.sql("SELECT * FROM \"" + table + "\"").query(rs -> {
                for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                    Object value = rs.getObject(column);
                    text.append(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : value)
                            .append('\n');
                }
            });
        }
        return text.toString();
    }

    private static void assertNoFileContains(Path dir, String token) throws IOException {
        byte[] needle = token.getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            assertThat(regular).anyMatch(file -> file.getFileName().toString().endsWith(".mv.db"));
            for (Path file : regular) {
                String haystack = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(haystack.contains(new String(needle, StandardCharsets.ISO_8859_1)))
                        .as("%s contains a full token", file).isFalse();
            }
        }
    }

    private String pepperFile(TestDatabase database) throws IOException {
        Path file = database.dataDir().resolve(TokenConfiguration.PEPPER_FILE);
        return Files.exists(file) ? Files.readString(file) : database.properties().get("tessera.token-pepper");
    }

}
