package dev.tessera.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;

import dev.tessera.testing.OnEachStorage;
import dev.tessera.testing.Scenario;


import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;





import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bad input gets a 4xx problem detail naming what is wrong, never a 500, and changes nothing
 * (issue #3, point 7).
 */
class ManagementApiInputTests extends OnEachStorage {

    static final String SQL = "x'; DROP TABLE users; --";
    static final List<String> TABLES = List.of("users", "manager_accounts", "memberships", "client_accounts",
            "developer_tokens", "token_lineages", "audit_events", "customer_ids");

    Scenario.Account account;
    Api admin;

    @BeforeEach
    void accountWithToken() {
        account = scenario.account("ada");
        admin = account.admin().api();
        scenario.issueToken(account);
    }

    @Test
    void malformedJsonAndWrongTypesNameTheFieldAndChangeNothing() {
        Map<String, Long> before = rowCounts();
        problem(admin.send("POST", "/api/v1/manager-accounts", "{\"name\": ", "application/json"), 400, null);
        problem(admin.send("POST", "/api/v1/manager-accounts", "[1,2]", "application/json"), 400, null);
        problem(admin.post("/api/v1/manager-accounts", Map.of("name", 1, "companyName", "A", "companyUrl",
                "https://a.example", "apiContactEmail", "api@a.example")), 400, "name");
        problem(admin.post(account.path() + "/client-accounts", Map.of("name", "C", "testAccount", "yes")), 400,
                "testAccount");
        problem(admin.post(account.path() + "/client-accounts", Map.of("name", "C")), 400, "testAccount");
        problem(admin.put(account.path() + "/users/" + account.admin().email(), Map.of("role", "KING")), 400, "role");
        problem(admin.put(account.path() + "/users/" + account.admin().email(), Map.of("role", 7)), 400, "role");
        problem(admin.post(account.path() + "/developer-token:reset", Map.of("reason", 5)), 400, "reason");
        problem(admin.post(account.path() + "/developer-token:reset", Map.of("reason", "x".repeat(501))), 400, "reason");
        problem(admin.send("POST", account.path() + "/developer-token:reset", "{\"reason\":", "application/json"), 400, null);
        problem(tessera.operator().post("/api/v1/users", Map.of("email", "short@example.com", "password", "short")), 400,
                "password");
        problem(admin.send("POST", "/api/v1/manager-accounts", "name=x", "application/x-www-form-urlencoded"), 415, null);
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void customerIdsWithLettersAreBadRequests() {
        for (String id : List.of("12345678a0", "abc-def-ghij", "123-456-789", "0123456789", "1' OR '1'='1")) {
            String path = "/api/v1/manager-accounts/" + id.replace(" ", "%20").replace("'", "%27");
            problem(admin.get(path + "/developer-token"), 400, "customerId");
            problem(admin.post(path + "/developer-token:reset", null), 400, "customerId");
        }
    }

    @Test
    void oversizedBodiesAndHeadersAreRefusedWithProblemDetails() {
        Map<String, Long> before = rowCounts();
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(tenMegabytes, (byte) 'a');
        problem(admin.send("POST", "/api/v1/manager-accounts", tenMegabytes, "application/json"), 413, null);
        problem(admin.send("POST", "/v1/developer-token:verify", tenMegabytes, "application/json"), 413, null);
        Api.Reply hugeHeader = admin.header("X-Padding", "p".repeat(100 * 1024)).get(account.path());
        problem(hugeHeader, 431, null);
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void sqlMetacharactersAreRefusedWhereInvalidAndStoredVerbatimWhereText() {
        Map<String, Long> before = rowCounts();
        problem(admin.post("/api/v1/manager-accounts", Map.of("name", "A", "companyName", "A",
                "companyUrl", SQL, "apiContactEmail", "api@a.example")), 400, "companyUrl");
        problem(admin.post("/api/v1/manager-accounts", Map.of("name", "A", "companyName", "A",
                "companyUrl", "https://a.example", "apiContactEmail", SQL)), 400, "apiContactEmail");
        problem(admin.put(account.path() + "/users/" + SQL.replace(" ", "%20").replace("'", "%27"),
                Map.of("role", "ADMIN")), 400, null);
        problem(admin.put(account.path() + "/users/" + account.admin().email(), Map.of("role", SQL)), 400, "role");
        problem(tessera.operator().post("/api/v1/users", Map.of("email", SQL, "password", "long-enough-password")), 400,
                "email");
        assertThat(rowCounts()).isEqualTo(before);

        Map<String, String> text = new LinkedHashMap<>();
        text.put("name", SQL);
        text.put("companyName", "Robert'); DROP TABLE manager_accounts;--");
        text.put("companyUrl", "https://a.example/?q=';--");
        text.put("apiContactEmail", "o'brien@a.example");
        Api.Reply created = admin.post("/api/v1/manager-accounts", text);
        assertThat(created.status()).isEqualTo(201);
        Api.Reply read = admin.get("/api/v1/manager-accounts/" + created.text("customerId"));
        assertThat(read.text("name")).isEqualTo(SQL);
        assertThat(read.text("companyName")).isEqualTo(text.get("companyName"));
        assertThat(read.text("apiContactEmail")).isEqualTo("o'brien@a.example");
        Api.Reply reset = scenario.reset(account, SQL);
        assertThat(reset.status()).isEqualTo(200);
        assertThat(admin.get(account.path() + "/audit-events?type=TOKEN_RESET").json()
                .at("/events/0/details/reason").asString()).isEqualTo(SQL);
        assertThat(rowCounts()).containsOnlyKeys(TABLES);
        problem(admin.get(account.path() + "/audit-events?type=" + SQL.replace(" ", "%20").replace("'", "%27")
                .replace(";", "%3B")), 400, "type");
    }

    private static void problem(Api.Reply reply, int status, String field) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(status);
        assertThat(reply.contentType()).as("%s", reply).startsWith("application/problem+json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        if (field != null) {
            assertThat(reply.text("field")).as("%s", reply).isEqualTo(field);
            assertThat(reply.text("detail")).as("%s", reply).contains(field);
        }
    }

    private static Map<String, Long> rowCounts() {
        JdbcClient jdbc = tessera.bean(JdbcClient.class);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
        }
        return counts;
    }
}
