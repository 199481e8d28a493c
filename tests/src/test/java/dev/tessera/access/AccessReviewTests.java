package dev.tessera.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.OnEachStorage;
import dev.tessera.testing.Scenario;


import java.util.Map;
import org.junit.jupiter.api.Test;






/** The application and review workflow end to end over HTTP, on H2 and PostgreSQL (issue #6). */
class AccessReviewTests extends OnEachStorage {

    @Test
    void applicationIsReviewedAndTheLevelReachesTheDataPlaneAtOnce() {
        Scenario.Account account = scenario.account("applicant");
        Api admin = account.admin().api();
        assertThat(apply(admin, account, "BASIC").status()).as("no token yet").isEqualTo(409);
        String token = scenario.issueToken(account);

        assertThat(apply(admin, account, "STANDARD").status()).as("STANDARD needs BASIC").isEqualTo(409);
        Api.Reply basic = apply(admin, account, "BASIC");
        assertThat(basic.status()).isEqualTo(201);
        assertThat(basic.text("status")).isEqualTo("PENDING");
        assertThat(apply(admin, account, "EXPLORER").status()).as("one pending at a time").isEqualTo(409);

        Api.Reply queue = tessera.operator().get("/api/v1/access-applications?status=PENDING");
        assertThat(queue.status()).isEqualTo(200);
        long id = basic.json().get("id").asLong();
        assertThat(queue.json().findValues("id").stream().map(node -> node.asLong())).contains(id);

        String approve = "/api/v1/access-applications/" + id + ":approve";
        assertThat(admin.post(approve, Map.of("reason", "self-approval")).status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/access-applications?status=PENDING").status()).isEqualTo(403);
        assertThat(tessera.api().post(approve, null).status()).isEqualTo(401);
        assertThat(scenario.forwardAuth(token, null).header("Tessera-Access-Level")).isEqualTo("TEST_ACCOUNT");

        Api.Reply approved = tessera.operator().post(approve, Map.of("reason", "Clear use case"));
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.text("status")).isEqualTo("APPROVED");
        assertThat(approved.text("decidedBy")).isEqualTo(RunningTessera.OPERATOR_EMAIL);
        assertThat(scenario.forwardAuth(token, null).header("Tessera-Access-Level")).isEqualTo("BASIC");
        assertThat(admin.get(account.path() + "/developer-token").text("accessLevel")).isEqualTo("BASIC");
        assertThat(tessera.operator().post(approve, null).status()).as("decided once").isEqualTo(409);

        Api.Reply standard = apply(admin, account, "STANDARD");
        assertThat(standard.status()).isEqualTo(201);
        String reject = "/api/v1/access-applications/" + standard.json().get("id").asLong() + ":reject";
        assertThat(tessera.operator().post(reject, null).status()).as("a rejection needs a reason").isEqualTo(400);
        Api.Reply rejected = tessera.operator().post(reject, Map.of("reason", "Expected volume does not need it"));
        assertThat(rejected.text("status")).isEqualTo("REJECTED");
        assertThat(scenario.forwardAuth(token, null).header("Tessera-Access-Level")).isEqualTo("BASIC");

        Api.Reply audit = admin.get(account.path() + "/audit-events?type=ACCESS_LEVEL_CHANGED");
        assertThat(audit.json().at("/events/0/details/to").asString()).isEqualTo("BASIC");
        assertThat(admin.get(account.path() + "/audit-events?type=APPLICATION_DECIDED").json().at("/totalEvents")
                .asLong()).isEqualTo(2);
    }

    @Test
    void badApplicationsNameTheField() {
        Scenario.Account account = scenario.account("sloppy");
        scenario.issueToken(account);
        Api admin = account.admin().api();
        Api.Reply level = admin.post(account.path() + "/access-applications", Map.of("requestedLevel", "GOLD",
                "useCase", "x", "expectedDailyOperations", 1, "companyUrl", "https://a.example"));
        assertThat(level.status()).isEqualTo(400);
        assertThat(level.text("field")).isEqualTo("requestedLevel");
        Api.Reply url = admin.post(account.path() + "/access-applications", Map.of("requestedLevel", "BASIC",
                "useCase", "x", "expectedDailyOperations", 1, "companyUrl", "ftp://a.example"));
        assertThat(url.text("field")).isEqualTo("companyUrl");
        Api.Reply ops = admin.post(account.path() + "/access-applications", Map.of("requestedLevel", "BASIC",
                "useCase", "x", "expectedDailyOperations", -5, "companyUrl", "https://a.example"));
        assertThat(ops.text("field")).isEqualTo("expectedDailyOperations");
        assertThat(admin.get(account.path() + "/access-applications").json().size()).isZero();
        assertThat(tessera.operator().post("/api/v1/access-applications/999999:approve", null).status()).isEqualTo(404);
    }

    private static Api.Reply apply(Api admin, Scenario.Account account, String level) {
        return admin.post(account.path() + "/access-applications", Map.of("requestedLevel", level,
                "useCase", "Campaign reporting for 40 clients", "expectedDailyOperations", 5_000,
                "companyUrl", "https://acme.example"));
    }
}
