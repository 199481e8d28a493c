package dev.tessera.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.Cluster;
import dev.tessera.testing.Scenario;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Rotation on two nodes on one PostgreSQL (issue 15): both tokens work on every node when the
 * rotation returns, the old token's requests are summed over the nodes, and ending the overlap
 * through one node refuses the old token on both when the call returns. No sleeps.
 */
class ClusterRotationTests {

    static Cluster cluster;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        cluster = Cluster.start(2);
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
    void bothTokensWorkOnEveryNodeTheirUseIsSummedAndEndingTheOverlapRefusesTheOldOneEverywhere() {
        Scenario.Account account = scenario.account("cluster-rotator");
        String old = scenario.issueToken(account);
        Api.Reply rotated = account.admin().api().post(account.path() + "/developer-token:rotate", Map.of("overlap", "PT1H"));
        assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
        assertThat(rotated.json().at("/propagation/acknowledged").size()).isEqualTo(2);
        String fresh = rotated.text("developerToken");
        Instant until = Instant.parse(rotated.text("previousTokenValidUntil"));

        for (int node = 0; node < 2; node++) {
            assertThat(status(node, fresh)).as("new token on node %d", node).isEqualTo(200);
        }
        assertThat(status(0, old)).isEqualTo(200);
        assertThat(status(0, old)).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(status(1, old)).as("old token on node 1").isEqualTo(200);
        }
        cluster.node(1).bean(OverlapUsage.class).flush();

        JsonNode overlap = account.admin().api().get(account.path() + "/developer-token/overlap").json();
        assertThat(overlap.get("requests").asLong()).as("summed over both nodes").isEqualTo(5);
        assertThat(Instant.parse(overlap.get("endsAt").asString())).isEqualTo(until);

        Api.Reply ended = account.admin().api().post(account.path() + "/developer-token:endOverlap", null);
        assertThat(ended.status()).as("%s", ended).isEqualTo(200);
        for (int node = 0; node < 2; node++) {
            assertThat(status(node, old)).as("old token on node %d", node).isEqualTo(401);
            assertThat(status(node, fresh)).as("new token on node %d", node).isEqualTo(200);
        }
    }
}
