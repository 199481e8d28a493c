package dev.tessera.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.Cluster;
import dev.tessera.testing.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The daily quota holds for the cluster, not per node (issue 11): a TEST_ACCOUNT token (15,000
 * operations a day) spent as fast as four clients can through two nodes is admitted within 2 % of
 * its limit — the bound the README states (per node, one chunk of 0.5 % plus one request over, one
 * and a half chunks under).
 */
class ClusterQuotaTests {

    private static final long LIMIT = 15_000;
    private static final int OPERATIONS_PER_REQUEST = 10;

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

    @Test
    void twoNodesAdmitTheDailyLimitWithinTwoPercent() throws InterruptedException {
        Scenario.Account account = scenario.account("spender");
        String testClient = scenario.clientAccount(account, true);
        String token = scenario.issueToken(account);
        AtomicLong admitted = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Api api = cluster.node(i % 2).dataPlane().header("developer-token", token)
                    .header("X-Original-URI", "/v23/customers/" + testClient + "/googleAds:search")
                    .header("tessera-operations", Integer.toString(OPERATIONS_PER_REQUEST));
            Thread client = new Thread(() -> spend(api, admitted, requests), "quota-client");
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join(180_000);
            assertThat(client.isAlive()).as("a client still spending after 180 s").isFalse();
        }
        long operations = admitted.get() * OPERATIONS_PER_REQUEST;
        System.out.printf("ClusterQuotaTests: %d operations admitted of %d through 2 nodes (%+.2f %%), %d requests%n",
                operations, LIMIT, 100.0 * (operations - LIMIT) / LIMIT, requests.get());
        assertThat(operations).as("operations admitted through two nodes").isBetween(LIMIT * 98 / 100, LIMIT * 102 / 100);
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Spends until the cluster says the budget is gone for hours (Retry-After over a minute), ten times in a row. */
    private static void spend(Api api, AtomicLong admitted, AtomicLong requests) {
        int exhausted = 0;
        for (int i = 0; i < 20_000 && exhausted < 10; i++) {
            Api.Reply reply = api.get("/v1/forward-auth");
            requests.incrementAndGet();
            if (reply.status() == 200) {
                admitted.incrementAndGet();
                exhausted = 0;
            } else {
                assertThat(reply.status()).as("answer: %s", reply).isEqualTo(429);
                long retryAfter = Long.parseLong(reply.header("Retry-After"));
                exhausted = retryAfter > 60 ? exhausted + 1 : 0;
                if (retryAfter <= 1) {
                    pause(); // the node's next chunk is on its way: back off a little, as a client would
                }
            }
        }
    }
}
