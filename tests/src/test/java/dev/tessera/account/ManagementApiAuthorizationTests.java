package dev.tessera.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;

import dev.tessera.testing.OnEachStorage;
import dev.tessera.testing.Scenario;


import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;






/**
 * The role matrix of the management API (issue #3, point 6): ADMIN, STANDARD, READ_ONLY, a signed-in
 * non-member and an anonymous caller against every endpoint. A non-member gets the 404 of an account
 * that does not exist; a member with too low a role 403; no credentials 401.
 */
class ManagementApiAuthorizationTests extends OnEachStorage {

    Scenario.Account account;
    Map<String, Api> callers;

    @BeforeEach
    void accountWithOneUserOfEachRole() {
        account = scenario.account("admin");
        Scenario.User standard = scenario.user("standard");
        Scenario.User readOnly = scenario.user("readonly");
        scenario.addMember(account, standard, "STANDARD");
        scenario.addMember(account, readOnly, "READ_ONLY");
        callers = new LinkedHashMap<>();
        callers.put("STANDARD", standard.api());
        callers.put("READ_ONLY", readOnly.api());
        callers.put("non-member", scenario.user("outsider").api());
        callers.put("anonymous", tessera.api());
        callers.put("ADMIN", account.admin().api());
    }

    @Test
    void tokenEndpointsAreForAdminsOnly() {
        expect("POST", "/developer-token", null, 403, 403, 404, 401, 201);
        expect("POST", "/developer-token", null, 403, 403, 404, 401, 409);
        expect("GET", "/developer-token", null, 403, 403, 404, 401, 200);
        expect("POST", "/developer-token:reset", Map.of("reason", "drill"), 403, 403, 404, 401, 200);
        expect("GET", "/audit-events", null, 403, 403, 404, 401, 200);
    }

    @Test
    void membersReadTheAccountAndOnlyAdminsManageUsers() {
        Scenario.User target = scenario.user("target");
        scenario.addMember(account, target, "READ_ONLY");
        expect("GET", "", null, 200, 200, 404, 401, 200);
        expect("GET", "/users", null, 200, 200, 404, 401, 200);
        expect("GET", "/client-accounts", null, 200, 200, 404, 401, 200);
        expect("PUT", "/users/" + target.email(), Map.of("role", "STANDARD"), 403, 403, 404, 401, 200);
        expect("DELETE", "/users/" + target.email(), null, 403, 403, 404, 401, 204);
        expect("POST", "/client-accounts", Map.of("name", "Client", "testAccount", true), 201, 403, 404, 401, 201);
    }

    @Test
    void theLastAdminCannotBeRemovedOrDemoted() {
        Api admin = account.admin().api();
        String self = account.path() + "/users/" + account.admin().email();
        assertThat(admin.put(self, Map.of("role", "STANDARD")).status()).isEqualTo(409);
        assertThat(admin.delete(self).status()).isEqualTo(409);

        Scenario.User second = scenario.user("second-admin");
        scenario.addMember(account, second, "ADMIN");
        assertThat(admin.put(self, Map.of("role", "STANDARD")).status()).isEqualTo(200);
        assertThat(second.api().delete(self).status()).isEqualTo(204);
        assertThat(second.api().delete(account.path() + "/users/" + second.email()).status()).isEqualTo(409);
    }

    @Test
    void onlyTheOperatorCreatesUsersAndAnyoneSignedInCreatesAccounts() {
        Map<String, String> user = Map.of("email", "new-user@example.com", "password", "a-long-password-1");
        assertThat(tessera.api().post("/api/v1/users", user).status()).isEqualTo(401);
        assertThat(account.admin().api().post("/api/v1/users", user).status()).isEqualTo(403);
        assertThat(tessera.operator().post("/api/v1/users", user).status()).isEqualTo(201);
        assertThat(tessera.operator().post("/api/v1/users", user).status()).isEqualTo(409);

        Map<String, String> newAccount = Map.of("name", "Other", "companyName", "Other Inc",
                "companyUrl", "https://other.example", "apiContactEmail", "api@other.example");
        assertThat(tessera.api().post("/api/v1/manager-accounts", newAccount).status()).isEqualTo(401);
        assertThat(callers.get("READ_ONLY").post("/api/v1/manager-accounts", newAccount).status()).isEqualTo(201);
    }

    @Test
    void anUnknownAccountIsNotFoundEvenForAnAdmin() {
        Api admin = account.admin().api();
        assertThat(admin.get("/api/v1/manager-accounts/1000000001/developer-token").status()).isEqualTo(404);
        assertThat(admin.post("/api/v1/manager-accounts/1000000001/developer-token:reset", null).status()).isEqualTo(404);
        Api.Reply noToken = admin.get(account.path() + "/developer-token");
        assertThat(noToken.status()).isEqualTo(404);
        assertThat(noToken.contentType()).startsWith("application/problem+json");
        assertThat(admin.post(account.path() + "/developer-token:reset", null).status()).isEqualTo(404);
    }

    private void expect(String method, String path, Object body, int standard, int readOnly, int nonMember,
            int anonymous, int admin) {
        int[] expected = {standard, readOnly, nonMember, anonymous, admin};
        int i = 0;
        for (Map.Entry<String, Api> caller : callers.entrySet()) {
            Api.Reply reply = caller.getValue().send(method, account.path() + path, body == null ? null : json(body),
                    body == null ? null : "application/json");
            assertThat(reply.status()).as("%s %s as %s: %s", method, path, caller.getKey(), reply).isEqualTo(expected[i++]);
            if (reply.status() >= 400) {
                assertThat(reply.contentType()).as("%s %s as %s", method, path, caller.getKey())
                        .startsWith("application/problem+json");
            }
        }
    }

    private static String json(Object body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(body);
    }
}
