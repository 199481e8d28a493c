package dev.tessera.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.OnEachStorage;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API keys for the management API over real HTTP (issue 14): created once, shown once, sent as
 * {@code Authorization: Bearer}, scoped, revoked with effect on the next request, audited.
 */
class ApiKeyTests extends OnEachStorage {

    Scenario.Account account;
    Api admin;

    @BeforeEach
    void accountWithToken() {
        account = scenario.account("keyholder");
        admin = account.admin().api();
        scenario.issueToken(account);
    }

    @Test
    void aKeyIsShownOnceAndResetsTheTokenAsItsCreator() {
        Api.Reply created = create(admin, "ci pipeline", null, null);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String key = created.text("apiKey");
        assertThat(key).startsWith("tsk_").hasSize(47);
        assertThat(created.text("scope")).isEqualTo("creator");
        assertThat(created.text("maskedKey")).startsWith(key.substring(0, 8)).endsWith(key.substring(43)).contains("…");

        Api.Reply reset = bearer(key).post(account.path() + "/developer-token:reset", Map.of("reason", "rotation"));
        assertThat(reset.status()).as("%s", reset).isEqualTo(200);
        assertThat(reset.text("developerToken")).isNotBlank();
        assertThat(reset.header("Set-Cookie")).as("a bearer request is stateless").isNull();

        Api.Reply listed = admin.get("/api/v1/api-keys");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(key).doesNotContain("apiKey\"");
        assertThat(listed.json().at("/apiKeys/0/name").asString()).isEqualTo("ci pipeline");
        assertThat(listed.json().at("/apiKeys/0/lastUsedAt").isNull()).as("last-used time after use").isFalse();
        assertThat(listed.json().at("/apiKeys/0/lastUsedAt").isMissingNode()).isFalse();
        assertThat(storedText()).as("the database holds no key text").doesNotContain(key.substring(4));
    }

    @Test
    void aRevokedKeyIsRefusedOnTheNextRequest() {
        Api.Reply created = create(admin, "to revoke", null, null);
        Api key = bearer(created.text("apiKey"));
        assertThat(key.get(account.path()).status()).isEqualTo(200);

        assertThat(admin.delete("/api/v1/api-keys/" + created.text("id")).status()).isEqualTo(204);

        Api.Reply refused = key.get(account.path());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(admin.get("/api/v1/api-keys").json().at("/apiKeys/0/revokedAt").isNull()).isFalse();
        assertThat(admin.delete("/api/v1/api-keys/" + created.text("id")).status()).as("idempotent").isEqualTo(204);
    }

    @Test
    void aReadOnlyKeyReadsButCannotReset() {
        Api key = bearer(create(admin, "dashboard", "read-only", null).text("apiKey"));
        assertThat(key.get(account.path() + "/developer-token").status()).isEqualTo(200);
        String maskedBefore = key.get(account.path() + "/developer-token").text("maskedToken");

        Api.Reply reset = key.post(account.path() + "/developer-token:reset", null);
        assertThat(reset.status()).as("%s", reset).isEqualTo(403);
        assertThat(reset.contentType()).startsWith("application/problem+json");
        assertThat(key.post("/api/v1/api-keys", Map.of("name", "escalate")).status()).isEqualTo(403);
        assertThat(key.get(account.path() + "/developer-token").text("maskedToken")).isEqualTo(maskedBefore);
    }

    @Test
    void aTokenAdminKeyActsOnlyOnTheTokensOfItsAccounts() {
        Scenario.Account other = scenario.account("other");
        scenario.addMember(other, account.admin(), "ADMIN");
        scenario.issueToken(other);
        Api key = bearer(create(admin, "rotator", "token-admin", List.of(account.customerId())).text("apiKey"));

        assertThat(key.post(account.path() + "/developer-token:reset", null).status()).isEqualTo(200);
        assertThat(key.get(account.path() + "/developer-token").status()).isEqualTo(200);
        assertThat(key.post(other.path() + "/developer-token:reset", null).status()).isEqualTo(403);
        assertThat(key.get(account.path() + "/users").status()).isEqualTo(403);
        assertThat(key.get("/api/v1/api-keys").status()).isEqualTo(403);
    }

    @Test
    void aKeyNeverHasMoreRightsThanItsCreator() {
        Scenario.User standard = scenario.user("standard");
        scenario.addMember(account, standard, "STANDARD");
        assertThat(create(standard.api(), "sneaky", "token-admin", List.of(account.customerId())).status())
                .as("a STANDARD member cannot make a token-admin key").isEqualTo(403);
        assertThat(create(standard.api(), "op", "operator", null).status()).isEqualTo(403);

        Api key = bearer(create(standard.api(), "member key", null, null).text("apiKey"));
        assertThat(key.post(account.path() + "/developer-token:reset", null).status()).isEqualTo(403);
        assertThat(key.post("/api/v1/users", Map.of("email", "x@example.com", "password", "a-long-password-1"))
                .status()).isEqualTo(403);
    }

    @Test
    void anOperatorKeyCreatesUsersButTouchesNoToken() {
        Api operatorKey = bearer(create(tessera.operator(), "provisioning", "operator", null).text("apiKey"));
        Api.Reply user = operatorKey.post("/api/v1/users",
                Map.of("email", "provisioned-" + System.nanoTime() + "@example.com", "password", "a-long-password-1"));
        assertThat(user.status()).as("%s", user).isEqualTo(201);
        assertThat(operatorKey.get(account.path()).status()).isEqualTo(403);
    }

    @Test
    void unknownAndMalformedKeysGet401() {
        String unknown = "tsk_" + "A".repeat(43);
        for (String text : List.of(unknown, "tsk_short", "not-a-key", "")) {
            Api.Reply reply = bearer(text).get(account.path());
            assertThat(reply.status()).as("%s -> %s", text, reply).isEqualTo(401);
            assertThat(reply.body()).doesNotContain(text.isEmpty() ? "\u0000" : text);
        }
    }

    @Test
    void badRequestsNameTheFieldAndCreateNothing() {
        int before = admin.get("/api/v1/api-keys").json().get("apiKeys").size();
        problem(create(admin, null, null, null), 400, "name");
        problem(create(admin, "x", "superuser", null), 400, "scope");
        problem(create(admin, "x", "read-only", List.of(account.customerId())), 400, "accounts");
        problem(create(admin, "x", "token-admin", List.of()), 400, "accounts");
        problem(create(admin, "x", "token-admin", List.of("12")), 400, "accounts");
        assertThat(create(admin, "x", "token-admin", List.of("999-999-9999")).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/api-keys").json().get("apiKeys").size()).isEqualTo(before);
        assertThat(tessera.api().post("/api/v1/api-keys", Map.of("name", "anonymous")).status()).isEqualTo(401);
    }

    @Test
    void anotherUsersKeyCannotBeRevoked() {
        Api.Reply created = create(admin, "mine", null, null);
        Api stranger = scenario.user("stranger").api();
        assertThat(stranger.delete("/api/v1/api-keys/" + created.text("id")).status()).isEqualTo(404);
        assertThat(bearer(created.text("apiKey")).get(account.path()).status()).isEqualTo(200);
    }

    @Test
    void creationAndRevocationAreAuditedWithTheMaskedKey() {
        Api.Reply created = create(admin, "audited", null, null);
        admin.delete("/api/v1/api-keys/" + created.text("id"));
        Api.Reply events = admin.get(account.path() + "/audit-events?type=API_KEY_CREATED");
        assertThat(events.json().at("/events/0/details/apiKey").asString()).isEqualTo(created.text("maskedKey"));
        assertThat(admin.get(account.path() + "/audit-events?type=API_KEY_REVOKED").json().at("/events/0/details/name")
                .asString()).isEqualTo("audited");
        assertThat(events.body()).doesNotContain(created.text("apiKey"));
    }

    private static Api.Reply create(Api api, String name, String scope, List<String> accounts) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        if (scope != null) {
            body.put("scope", scope);
        }
        if (accounts != null) {
            body.put("accounts", accounts);
        }
        return api.post("/api/v1/api-keys", body);
    }

    private static Api bearer(String key) {
        return tessera.api().header("Authorization", "Bearer " + key);
    }

    private static void problem(Api.Reply reply, int status, String field) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.text("field")).isEqualTo(field);
    }

    /** Every text column of the api_keys table, joined. */
    private static String storedText() {
        return String.join("|", tessera.bean(JdbcClient.class)
                .sql("SELECT name || masked || scope || accounts FROM api_keys").query(String.class).list());
    }
}
