package dev.tessera.cluster;

import static dev.tessera.testing.Waits.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.Cluster;
import dev.tessera.testing.Scenario;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Three nodes on one PostgreSQL, each through a TCP proxy a test can cut (issue 11): a node cut off
 * from the database is fenced, never serves the old token, and serves again when the database is
 * back; with the database gone every node refuses and management calls answer 503 quickly. Leases of
 * 2 s with a 0.5 s drift margin (the defaults).
 */
class ClusterFaultTests {

    /** Lease plus drift margin: the longest a reset may wait for a silent node. */
    private static final Duration LEASE_BOUND = Duration.ofMillis(2_500);

    static Cluster cluster;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        cluster = Cluster.start(3);
        scenario = new Scenario(cluster.node(0));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static int status(int node, String token) {
        return scenario.forwardAuth(cluster.node(node).dataPlane(), token, null).status();
    }

    @Test
    void aNodeCutOffFromTheDatabaseIsFencedBeforeTheResetReturnsAndServesAgainWhenItIsBack() {
        Scenario.Account account = scenario.account("fenced");
        String old = scenario.issueToken(account);
        cluster.proxy(2).cut();
        try {
            long started = System.nanoTime();
            Api.Reply reset = scenario.reset(account, "leaked while node-c was cut off");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(reset.status()).as("reset: %s", reset).isEqualTo(200);
            String fresh = reset.text("developerToken");
            JsonNode receipt = reset.json().get("propagation");
            assertThat(receipt.get("fenced").toString()).contains("node-c");
            assertThat(receipt.get("acknowledged").toString()).contains("node-a").contains("node-b");
            // a protocol bound, not a speed goal: the reset never waits longer than one lease and the margin
            assertThat(took).as("reset with node-c cut off").isLessThan(LEASE_BOUND.plusSeconds(2));
            assertThat(status(2, old)).as("old token on the fenced node").isEqualTo(503);
            assertThat(status(2, fresh)).as("new token on the fenced node").isEqualTo(503);
            assertThat(status(1, old)).isEqualTo(401);
            assertThat(status(1, fresh)).isEqualTo(200);
            Api.Reply health = cluster.node(2).api().get("/actuator/health");
            assertThat(health.status()).as("node-c's health while fenced: %s", health).isEqualTo(503);
            assertThat(health.json().get("components").get("cluster").get("status").asString()).isEqualTo("OUT_OF_SERVICE");
            assertThat(cluster.node(1).api().get("/actuator/health").status()).as("node-b's health").isEqualTo(200);
            cluster.proxy(2).restore();
            awaitTrue(() -> status(2, fresh) == 200, Duration.ofSeconds(20), "node-c serves again");
            assertThat(cluster.node(2).api().get("/actuator/health").status()).as("node-c's health when back").isEqualTo(200);
            assertThat(status(2, old)).as("old token on node-c after it caught up").isEqualTo(401);
        } finally {
            cluster.proxy(2).restore();
        }
    }

    @Test
    void withTheDatabaseGoneEveryNodeRefusesAndManagementAnswers503ThenEverythingServesAgain() {
        Scenario.Account account = scenario.account("outage");
        String old = scenario.issueToken(account);
        String fresh = scenario.reset(account, "before the outage").text("developerToken");
        for (int node = 0; node < 3; node++) {
            cluster.proxy(node).cut();
        }
        try {
            for (int node = 0; node < 3; node++) {
                int index = node;
                awaitTrue(() -> status(index, fresh) == 503, LEASE_BOUND.plusSeconds(3), "node " + node + " refuses");
                assertThat(status(node, old)).as("old token during the outage on node %d", node).isEqualTo(503);
            }
            long started = System.nanoTime();
            Api.Reply reset = scenario.reset(account, "during the outage");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(reset.status()).as("reset during the outage: %s", reset).isEqualTo(503);
            assertThat(reset.json().get("detail").asString()).contains("database is unreachable").contains("nothing was changed");
            assertThat(took).as("a management call during the outage").isLessThan(Duration.ofSeconds(10));
        } finally {
            for (int node = 0; node < 3; node++) {
                cluster.proxy(node).restore();
            }
        }
        for (int node = 0; node < 3; node++) {
            int index = node;
            awaitTrue(() -> status(index, fresh) == 200, Duration.ofSeconds(20), "node " + node + " serves again");
            assertThat(status(node, old)).as("old token after the outage on node %d", node).isEqualTo(401);
        }
        Api.Reply after = scenario.reset(account, "after the outage");
        assertThat(after.status()).as("reset after the outage: %s", after).isEqualTo(200);
        for (int node = 0; node < 3; node++) {
            assertThat(status(node, fresh)).as("token reset after the outage, node %d", node).isEqualTo(401);
        }
    }
}
