package dev.tessera.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.MovableClock;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Access levels on the data plane (issue #6): each level's daily limit at its exact boundary, the
 * 24-hour slide on a moved clock, restricted services, and a reset that neither refills the quota
 * nor touches level or pending application.
 */
class QuotaTests {

    static final MovableClock clock = new MovableClock();
    static RunningTessera tessera;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2), clock);
        scenario = new Scenario(tessera);
    }

    @AfterAll
    static void stop() {
        tessera.close();
    }

    @Test
    void explorerLimitHoldsExactlyAtTheBoundaryAndTestAccountsHaveTheirOwn() {
        Scenario.Account account = scenario.account("explorer");
        String production = scenario.clientAccount(account, false);
        String test = scenario.clientAccount(account, true);
        String token = scenario.issueToken(account);
        scenario.promote(account, "EXPLORER");

        assertThat(scenario.verify(token, production, null, 2_879).status()).isEqualTo(200);
        assertThat(scenario.verify(token, production, null, 1).status()).as("the 2,880th").isEqualTo(200);
        assertQuotaExhausted(scenario.verify(token, production, null, 1));
        assertQuotaExhausted(scenario.forwardAuth(token, production));

        assertThat(scenario.verify(token, test, null, 14_999).status()).isEqualTo(200);
        assertThat(scenario.verify(token, test, null, 1).status()).as("the 15,000th on test").isEqualTo(200);
        assertQuotaExhausted(scenario.verify(token, test, null, 1));
    }

    @Test
    void eachLevelsLimitIsHitExactly() {
        for (String level : List.of("TEST_ACCOUNT", "BASIC")) {
            Scenario.Account account = scenario.account(level.toLowerCase());
            String client = scenario.clientAccount(account, true);
            String token = scenario.issueToken(account);
            if (!level.equals("TEST_ACCOUNT")) {
                scenario.promote(account, level);
            }
            assertThat(scenario.verify(token, client, null, 14_999).status()).isEqualTo(200);
            assertThat(scenario.verify(token, client, null, 1).status()).as(level).isEqualTo(200);
            assertQuotaExhausted(scenario.verify(token, client, null, 1));
        }
        Scenario.Account standard = scenario.account("standard");
        String token = scenario.issueToken(standard);
        scenario.promote(standard, "BASIC");
        scenario.promote(standard, "STANDARD");
        assertThat(scenario.verify(token, null, null, 1_000_000).status()).isEqualTo(200);
        assertThat(scenario.verify(token, null, null, 1_000_000).status()).as("STANDARD is unlimited").isEqualTo(200);
    }

    @Test
    void usageSlidesOutAfter24Hours() {
        Scenario.Account account = scenario.account("slider");
        String token = scenario.issueToken(account);
        scenario.promote(account, "BASIC");
        assertThat(scenario.verify(token, null, null, 15_000).status()).isEqualTo(200);
        Api.Reply over = scenario.verify(token, null, null, 1);
        assertQuotaExhausted(over);
        assertThat(Long.parseLong(over.header("Retry-After"))).isBetween(23 * 3600L, 24 * 3600L);

        clock.advance(Duration.ofHours(23));
        assertQuotaExhausted(scenario.verify(token, null, null, 1));
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        assertThat(scenario.verify(token, null, null, 15_000).status()).isEqualTo(200);
        assertQuotaExhausted(scenario.verify(token, null, null, 1));
    }

    @Test
    void testAccountTokenOnProductionIsNotApproved() {
        Scenario.Account account = scenario.account("tester");
        String production = scenario.clientAccount(account, false);
        String token = scenario.issueToken(account);
        Api.Reply refused = scenario.verify(token, production, null, 1);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().at("/error/details/0/errors/0/errorCode/authorizationError").asString())
                .isEqualTo("DEVELOPER_TOKEN_NOT_APPROVED");
    }

    @Test
    void explorerIsProhibitedFromEachRestrictedServiceAndBasicIsNot() {
        Scenario.Account explorer = scenario.account("restricted");
        String explorerToken = scenario.issueToken(explorer);
        scenario.promote(explorer, "EXPLORER");
        Scenario.Account basic = scenario.account("unrestricted");
        String basicToken = scenario.issueToken(basic);
        scenario.promote(basic, "BASIC");

        for (String service : AccessPolicy.DEFAULT_RESTRICTED) {
            String called = service.contains(".") ? service : service + ".Mutate";
            Api.Reply prohibited = scenario.verify(explorerToken, null, called, 1);
            assertThat(prohibited.status()).as(called).isEqualTo(403);
            assertThat(prohibited.json().at("/error/details/0/errors/0/errorCode/authorizationError").asString())
                    .isEqualTo("DEVELOPER_TOKEN_PROHIBITED");
            assertThat(prohibited.json().at("/error/message").asString()).contains(service);
            assertThat(scenario.verify(basicToken, null, called, 1).status()).as(called).isEqualTo(200);
        }
        String uri = "/v23/customers/1234567890/KeywordPlanIdeaService:generateKeywordIdeas";
        Api.Reply byUri = tessera.api().header("developer-token", explorerToken).header("X-Original-URI", uri)
                .get("/v1/forward-auth");
        assertThat(byUri.status()).isEqualTo(403);
        assertThat(byUri.json().at("/error/message").asString()).contains("KeywordPlanIdeaService");
        Api.Reply byHeader = tessera.api().header("developer-token", explorerToken)
                .header("tessera-service", "ReachPlanService.GenerateReachForecast").get("/v1/forward-auth");
        assertThat(byHeader.status()).isEqualTo(403);
        assertThat(tessera.api().header("developer-token", basicToken).header("X-Original-URI", uri)
                .get("/v1/forward-auth").status()).isEqualTo(200);
        assertThat(scenario.verify(explorerToken, null, "GoogleAdsService.Search", 1).status()).isEqualTo(200);
    }

    @Test
    void resetMidDayKeepsRemainingQuotaLevelAndPendingApplication() {
        Scenario.Account account = scenario.account("resetter");
        String token = scenario.issueToken(account);
        scenario.promote(account, "BASIC");
        assertThat(scenario.verify(token, null, null, 10_000).status()).isEqualTo(200);
        Api.Reply applied = account.admin().api().post(account.path() + "/access-applications", Map.of(
                "requestedLevel", "STANDARD", "useCase", "More volume", "expectedDailyOperations", 50_000,
                "companyUrl", "https://acme.example"));
        assertThat(applied.status()).isEqualTo(201);
        Map<String, Long> before = quota(account);

        Api.Reply reset = scenario.reset(account, "mid-day rotation");
        String newToken = reset.text("developerToken");

        assertThat(reset.text("accessLevel")).isEqualTo("BASIC");
        assertThat(quota(account)).isEqualTo(before).containsEntry("remaining", 5_000L);
        assertThat(scenario.verify(newToken, null, null, 5_000).status()).isEqualTo(200);
        assertQuotaExhausted(scenario.verify(newToken, null, null, 1));
        assertThat(account.admin().api().get(account.path() + "/access-applications").json().get(0).get("status")
                .asString()).isEqualTo("PENDING");
    }

    @Test
    void usageReportCountsAcceptedAndRejectedPerHourAndDay() {
        Scenario.Account account = scenario.account("reporter");
        String production = scenario.clientAccount(account, false);
        String token = scenario.issueToken(account);
        scenario.verify(token, null, null, 4);
        clock.advance(Duration.ofMinutes(2)); // two minutes of usage: summed into their hour and day
        scenario.verify(token, null, null, 3);
        scenario.verify(token, production, null, 1);
        Api.Reply report = account.admin().api().get(account.path() + "/usage");
        assertThat(report.status()).isEqualTo(200);
        JsonNode json = report.json();
        assertThat(json.get("accessLevel").asString()).isEqualTo("TEST_ACCOUNT");
        assertThat(json.get("hourly").size()).isEqualTo(24);
        assertThat(json.get("daily").size()).isEqualTo(30);
        long accepted = 0;
        long notApproved = 0;
        for (JsonNode hour : json.get("hourly")) {
            accepted += hour.get("acceptedOperations").asLong();
            notApproved += hour.get("rejectedNotApproved").asLong();
        }
        assertThat(accepted).isEqualTo(7);
        assertThat(notApproved).isEqualTo(1);
        long acceptedDaily = 0;
        for (JsonNode day : json.get("daily")) {
            acceptedDaily += day.get("acceptedOperations").asLong();
        }
        assertThat(acceptedDaily).isEqualTo(7);
        assertThat(json.at("/quotas/0/used").asLong()).isEqualTo(7);
        assertThat(json.at("/quotas/0/limit").asLong()).isEqualTo(15_000);
        assertThat(scenario.user("stranger").api().get(account.path() + "/usage").status()).isEqualTo(404);
    }

    private static Map<String, Long> quota(Scenario.Account account) {
        JsonNode quota = account.admin().api().get(account.path() + "/usage").json().at("/quotas/0");
        return Map.of("used", quota.get("used").asLong(), "remaining", quota.get("remaining").asLong());
    }

    private static void assertQuotaExhausted(Api.Reply reply) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(429);
        assertThat(reply.json().at("/error/status").asString()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(reply.json().at("/error/details/0/errors/0/errorCode/quotaError").asString())
                .isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(reply.json().at("/error/details/0/errors/0/details/quotaErrorDetails/retryDelay").asString())
                .isEqualTo(reply.header("Retry-After") + "s");
        assertThat(Long.parseLong(reply.header("Retry-After"))).isPositive();
    }
}
