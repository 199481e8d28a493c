package dev.tessera.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /actuator/prometheus} and the probes (issue 14): what an operator's Prometheus and load balancer see. */
class MetricsAndHealthTests {

    static RunningTessera tessera;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2));
        scenario = new Scenario(tessera);
    }

    @AfterAll
    static void stop() {
        tessera.close();
    }

    @Test
    void prometheusCountsDataPlaneDecisionsByOutcomeAndTheirTime() {
        Scenario.Account account = scenario.account("metered");
        String token = scenario.issueToken(account);
        double grantedBefore = sample("tessera_dataplane_decisions_total", "level=\"TEST_ACCOUNT\",outcome=\"granted\"");
        double invalidBefore = sample("tessera_dataplane_decisions_total", "outcome=\"refused\",reason=\"TOKEN_INVALID\"");
        for (int i = 0; i < 3; i++) {
            assertThat(scenario.forwardAuth(tessera.dataPlane(), token, null).status()).isEqualTo(200);
        }
        assertThat(scenario.verify(tessera.api(), token, null).status()).isEqualTo(200);
        assertThat(scenario.forwardAuth(tessera.dataPlane(), "x".repeat(22), null).status()).isEqualTo(401);

        assertThat(sample("tessera_dataplane_decisions_total", "level=\"TEST_ACCOUNT\",outcome=\"granted\""))
                .isEqualTo(grantedBefore + 4);
        assertThat(sample("tessera_dataplane_decisions_total", "outcome=\"refused\",reason=\"TOKEN_INVALID\""))
                .isEqualTo(invalidBefore + 1);
        assertThat(sample("tessera_dataplane_decision_seconds_count", "")).isGreaterThanOrEqualTo(5);
        assertThat(scrape()).contains("tessera_dataplane_decision_seconds_bucket{");
    }

    @Test
    void prometheusCountsResetsAndShowsTheOutboxBacklog() {
        Scenario.Account account = scenario.account("reset-metered");
        scenario.issueToken(account);
        double before = sample("tessera_token_resets_seconds_count", "");
        assertThat(scenario.reset(account, "drill").status()).isEqualTo(200);
        assertThat(sample("tessera_token_resets_seconds_count", "")).isEqualTo(before + 1);
        assertThat(sample("tessera_outbox_backlog", "state=\"HELD\"")).as("no SMTP: the reset notice is held")
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void readinessReflectsTheDatabaseAndTheDataPlane() {
        Api.Reply readiness = tessera.api().get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.text("status")).isEqualTo("UP");
        assertThat(tessera.api().get("/actuator/health/liveness").status()).isEqualTo(200);

        tessera.bean(dev.tessera.dataplane.DataPlaneServer.class).stop();
        try {
            Api.Reply down = tessera.api().get("/actuator/health/readiness");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.text("status")).isEqualTo("DOWN");
            assertThat(tessera.api().get("/actuator/health/liveness").status()).as("alive all the same").isEqualTo(200);
        } finally {
            tessera.bean(dev.tessera.dataplane.DataPlaneServer.class).start();
        }
    }

    private static String scrape() {
        Api.Reply reply = tessera.api().get("/actuator/prometheus");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.body();
    }

    /** The value of the one sample of {@code name} whose labels contain {@code labels}. */
    private static double sample(String name, String labels) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "(?:\\{([^}]*)\\})? (\\S+)$").matcher(scrape());
        while (matcher.find()) {
            if (String.valueOf(matcher.group(1)).contains(labels)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError("no sample " + name + "{" + labels + "}");
    }
}
