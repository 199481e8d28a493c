package dev.tessera.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.Cluster;
import dev.tessera.testing.GitHubSigner;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Three nodes on one PostgreSQL: whatever a call through node A changes is in force on B and C when
 * the call returns (issue 11). No sleeps: every assertion is made right after the call.
 */
class ClusterPropagationTests {

    static Cluster cluster;
    static Scenario scenario;
    static final GitHubSigner GITHUB = new GitHubSigner("cluster-key");
    static java.nio.file.Path keys;

    @BeforeAll
    static void start() throws java.io.IOException {
        keys = GitHubSigner.writeKeys(java.nio.file.Files.createTempFile("github-keys", ".json"), GITHUB);
        cluster = Cluster.start(3, "tessera.secret-scanning.github-keys=" + keys);
        scenario = new Scenario(cluster.node(0));
    }

    @AfterAll
    static void stop() throws java.io.IOException {
        cluster.close();
        java.nio.file.Files.deleteIfExists(keys);
    }

    private static Api dataPlane(int node) {
        return cluster.node(node).dataPlane();
    }

    @Test
    void aTokenIssuedThroughOneNodeWorksOnEveryNodeWhenTheCallReturns() {
        Scenario.Account account = scenario.account("issuer");
        String token = scenario.issueToken(account);
        for (int node = 0; node < 3; node++) {
            assertThat(scenario.forwardAuth(dataPlane(node), token, null).status()).as("node %d", node).isEqualTo(200);
        }
    }

    @Test
    void aResetThroughOneNodeRefusesTheOldTokenOnEveryNodeAndTheNewOneWorksAtOnce() {
        Scenario.Account account = scenario.account("resetter");
        String old = scenario.issueToken(account);
        Api.Reply reset = scenario.reset(account, "leaked");
        assertThat(reset.status()).as("reset: %s", reset).isEqualTo(200);
        String fresh = reset.text("developerToken");
        for (int node = 0; node < 3; node++) {
            assertThat(scenario.forwardAuth(dataPlane(node), old, null).status()).as("old token on node %d", node).isEqualTo(401);
            assertThat(scenario.forwardAuth(dataPlane(node), fresh, null).status()).as("new token on node %d", node).isEqualTo(200);
        }
        JsonNode receipt = reset.json().get("propagation");
        assertThat(names(receipt.get("acknowledged"))).containsExactlyInAnyOrder("node-a", "node-b", "node-c");
        assertThat(receipt.get("fenced")).isEmpty();
    }

    @Test
    void anApprovedAccessLevelIsInForceOnEveryNodeWhenTheApprovalReturns() {
        Scenario.Account account = scenario.account("applicant");
        String production = scenario.clientAccount(account, false);
        String token = scenario.issueToken(account);
        assertThat(scenario.forwardAuth(dataPlane(2), token, production).status()).as("TEST_ACCOUNT on production").isEqualTo(403);
        scenario.promote(account, "BASIC");
        for (int node = 0; node < 3; node++) {
            Api.Reply reply = scenario.forwardAuth(dataPlane(node), token, production);
            assertThat(reply.status()).as("BASIC on production, node %d: %s", node, reply).isEqualTo(200);
            assertThat(reply.header("Tessera-Access-Level")).isEqualTo("BASIC");
        }
    }

    @Test
    void aClientAccountCreatedThroughOneNodeIsKnownToEveryNodeWhenTheCallReturns() {
        Scenario.Account account = scenario.account("manager");
        String token = scenario.issueToken(account);
        String test = scenario.clientAccount(account, true);
        for (int node = 0; node < 3; node++) {
            assertThat(scenario.forwardAuth(dataPlane(node), token, test).status())
                    .as("TEST_ACCOUNT token on a new test account, node %d", node).isEqualTo(200);
        }
    }

    @Test
    void aUserRemovedThroughOneNodeIsRefusedOnEveryNodeAtOnce() {
        Scenario.Account account = scenario.account("owner");
        Scenario.User colleague = scenario.user("colleague");
        scenario.addMember(account, colleague, "ADMIN");
        Api.Reply removed = account.admin().api().delete(account.path() + "/users/" + colleague.email());
        assertThat(removed.status()).isEqualTo(204);
        for (RunningTessera node : cluster.nodes()) {
            Api.Reply reply = node.api().as(colleague.email(), colleague.password()).get(account.path() + "/developer-token");
            assertThat(reply.status()).as("removed user on %s", node.baseUrl()).isEqualTo(404);
        }
    }

    /** Issue 15: a leak report answered by one node has revoked the token on every node. */
    @Test
    void aTokenReportedPublicThroughOneNodeIsRefusedOnEveryNodeWhenTheReportIsAnswered() {
        Scenario.Account account = scenario.account("leaker");
        String token = scenario.issueToken(account);
        Api.Reply answer = GITHUB.post(cluster.node(1).api(), GitHubSigner.report(token, "https://github.com/acme/app/blob/1/a.env"));
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.json().get(0).get("label").asString()).isEqualTo("true_positive");
        for (int node = 0; node < 3; node++) {
            assertThat(scenario.forwardAuth(dataPlane(node), token, null).status()).as("node %d", node).isEqualTo(401);
        }

        Scenario.Account other = scenario.account("finder");
        String found = scenario.issueToken(other);
        assertThat(cluster.node(2).api().post("/v1/credentials/revoke", java.util.Map.of("credentials", List.of(found)))
                .status()).isEqualTo(202);
        for (int node = 0; node < 3; node++) {
            assertThat(scenario.forwardAuth(dataPlane(node), found, null).status()).as("node %d", node).isEqualTo(401);
        }
        Api.Reply next = other.admin().api().post(other.path() + "/developer-token", null);
        assertThat(next.status()).isEqualTo(201);
        for (int node = 0; node < 3; node++) {
            assertThat(scenario.forwardAuth(dataPlane(node), next.text("developerToken"), null).status())
                    .as("the next token on node %d", node).isEqualTo(200);
        }
    }

    private static List<String> names(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }

}
