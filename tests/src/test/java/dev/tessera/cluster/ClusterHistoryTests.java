package dev.tessera.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.ChildTessera;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The reset promise across nodes and faults, checked as a history (issue 11), in the manner of
 * Jepsen's checkers: clients record every data-plane request's start, end, node, token and answer on
 * three nodes while resets run through node A; node C is a JVM of its own and is frozen with SIGSTOP
 * for longer than a lease in the middle of the run, then thawed; in the second test the resetting
 * node itself is killed with SIGKILL. The checker then asserts that no request that <em>started</em>
 * after the reset that retired its token <em>returned</em> was accepted, on any node, including the
 * requests that waited in the frozen node's socket queue.
 *
 * <p>{@code -Dtessera.history.seconds=N} lengthens the run (6 s in the build).
 */
class ClusterHistoryTests {

    private static final long RUN_MILLIS = TimeUnit.SECONDS.toMillis(Long.getLong("tessera.history.seconds", 6));
    private static final int CLIENTS_PER_NODE = 2;

    /** One data-plane request as a client saw it. */
    record Request(int node, String token, long startNanos, long endNanos, int status) {}

    /** One reset as its caller saw it: the token it retired and when the call returned. */
    record Reset(String retired, String issued, long startNanos, long endNanos) {}

    @Test
    void noNodeAcceptsATokenAfterItsResetReturnedWhileANodeIsFrozenAndThawed() throws Exception {
        TestDatabase database = TestDatabase.fresh(Storage.POSTGRES);
        try (RunningTessera a = RunningTessera.start(database, "tessera.cluster.node-name=node-a", "logging.level.root=WARN");
                RunningTessera b = RunningTessera.start(database, "tessera.cluster.node-name=node-b", "logging.level.root=WARN");
                ChildTessera c = ChildTessera.start(database, "node-c", "tessera.cluster.node-name=node-c")) {
            Scenario scenario = new Scenario(a);
            Scenario.Account account = scenario.account("history");
            String first = scenario.issueToken(account);
            unlimited(scenario, account);
            History history = new History(first);
            List<Api> dataPlanes = List.of(a.dataPlane(), b.dataPlane(), c.dataPlane());
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = history.startClients(dataPlanes, running);
            Thread resetter = history.startResetter(scenario, account, running, Long.MAX_VALUE);

            Thread.sleep(RUN_MILLIS / 3);
            signal("STOP", c.pid());
            Thread.sleep(3_500); // longer than a lease plus the drift margin
            signal("CONT", c.pid());
            Thread.sleep(RUN_MILLIS / 3);

            running.set(false);
            for (Thread thread : threads) {
                thread.join(60_000);
                assertThat(thread.isAlive()).as("a client still running 60 s after the end").isFalse();
            }
            resetter.join(60_000);
            history.check(3);
            assertThat(history.resets()).as("resets during the run").isGreaterThanOrEqualTo(3);
            JsonNode fencedReceipts = history.fencedNodes();
            assertThat(fencedReceipts.toString()).as("some reset fenced the frozen node").contains("node-c");
        }
    }

    @Test
    void whenTheResettingNodeIsKilledTheOthersAgreeOnExactlyOneValidToken() throws Exception {
        TestDatabase database = TestDatabase.fresh(Storage.POSTGRES);
        try (RunningTessera b = RunningTessera.start(database, "tessera.cluster.node-name=node-b", "logging.level.root=WARN");
                RunningTessera c = RunningTessera.start(database, "tessera.cluster.node-name=node-c", "logging.level.root=WARN");
                ChildTessera a = ChildTessera.start(database, "node-a", "tessera.cluster.node-name=node-a")) {
            Scenario scenario = new Scenario(a);
            Scenario.Account account = scenario.account("history");
            String first = scenario.issueToken(account);
            unlimited(scenario, account);
            History history = new History(first);
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = history.startClients(List.of(b.dataPlane(), c.dataPlane()), running);
            Thread resetter = history.startResetter(scenario, account, running, Long.MAX_VALUE);
            Thread.sleep(ThreadLocalRandom.current().nextLong(1_500, 3_000));
            a.killHard();
            resetter.join(60_000);
            Thread.sleep(300);
            running.set(false);
            for (Thread thread : threads) {
                thread.join(60_000);
            }
            history.check(2);

            Scenario survivors = new Scenario(b);
            JsonNode view = b.api().as(account.admin().email(), account.admin().password())
                    .get(account.path() + "/developer-token").json();
            int committed = view.get("resetCount").asInt();
            int acknowledged = history.resets();
            assertThat(committed).as("resets committed (acknowledged %d)", acknowledged).isBetween(acknowledged, acknowledged + 1);
            String last = history.current();
            for (RunningTessera node : List.of(b, c)) {
                int lastStatus = survivors.forwardAuth(node.dataPlane(), last, null).status();
                assertThat(lastStatus).as("last acknowledged token on %s", node.baseUrl())
                        .isEqualTo(committed == acknowledged ? 200 : 401);
                for (String retired : history.retired()) {
                    assertThat(survivors.forwardAuth(node.dataPlane(), retired, null).status()).isEqualTo(401);
                }
            }
        }
    }

    /** STANDARD has no daily limit: the history is about resets, not the quota. */
    private static void unlimited(Scenario scenario, Scenario.Account account) {
        scenario.promote(account, "BASIC");
        scenario.promote(account, "STANDARD");
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -%s %d", signal, pid).isZero();
    }

    /** What the clients and the resetter saw, and the checker over it. */
    private static final class History {

        private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
        private final List<Reset> resets = Collections.synchronizedList(new ArrayList<>());
        private final List<JsonNode> receipts = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, Long> retiredAt = new ConcurrentHashMap<>();
        private volatile String current;
        private volatile String previous;

        History(String first) {
            this.current = first;
            this.previous = first;
        }

        List<Thread> startClients(List<Api> dataPlanes, AtomicBoolean running) {
            List<Thread> threads = new ArrayList<>();
            for (int node = 0; node < dataPlanes.size(); node++) {
                for (int client = 0; client < CLIENTS_PER_NODE; client++) {
                    int index = node;
                    Api api = dataPlanes.get(node);
                    Thread thread = new Thread(() -> {
                        while (running.get()) {
                            String token = ThreadLocalRandom.current().nextBoolean() ? current : previous;
                            long start = System.nanoTime();
                            int status;
                            try {
                                status = api.header("developer-token", token).get("/v1/forward-auth").status();
                            } catch (UncheckedIOException gone) {
                                status = -1; // the node died under the request
                            }
                            requests.add(new Request(index, token, start, System.nanoTime(), status));
                            if (status == -1) {
                                return;
                            }
                        }
                    }, "history-client");
                    thread.start();
                    threads.add(thread);
                }
            }
            return threads;
        }

        Thread startResetter(Scenario scenario, Scenario.Account account, AtomicBoolean running, long limit) {
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    Api.Reply reply;
                    try {
                        reply = scenario.reset(account, "history");
                    } catch (UncheckedIOException killed) {
                        return;
                    }
                    long end = System.nanoTime();
                    if (reply.status() != 200) {
                        throw new AssertionError("reset: " + reply);
                    }
                    String issued = reply.text("developerToken");
                    String retired = current;
                    retiredAt.put(retired, end);
                    resets.add(new Reset(retired, issued, start, end));
                    receipts.add(reply.json().get("propagation"));
                    previous = retired;
                    current = issued;
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "history-resetter");
            thread.start();
            return thread;
        }

        /** Asserts that no accepted request started after its token's reset had returned. */
        void check(int nodes) {
            List<Request> late = new ArrayList<>();
            List<Request> lateAccepted = new ArrayList<>();
            int[] perNode = new int[nodes];
            synchronized (requests) {
                for (Request request : requests) {
                    Long retired = retiredAt.get(request.token());
                    if (request.status() > 0) {
                        perNode[request.node()]++;
                    }
                    if (retired != null && request.startNanos() > retired) {
                        late.add(request);
                        if (request.status() == 200) {
                            lateAccepted.add(request);
                        }
                    }
                }
            }
            System.out.printf("ClusterHistoryTests: %d requests (per node %s), %d resets, %d late, %d late accepted%n",
                    requests.size(), java.util.Arrays.toString(perNode), resets.size(), late.size(), lateAccepted.size());
            assertThat(lateAccepted).as("requests accepted with a token whose reset had returned before they started")
                    .isEmpty();
            assertThat(requests.size()).as("requests in the history").isGreaterThan(1000);
            assertThat(late.size()).as("requests that carried an already-reset token").isGreaterThan(100);
            for (int node = 0; node < nodes; node++) {
                assertThat(perNode[node]).as("answered requests on node %d", node).isGreaterThan(50);
            }
        }

        int resets() {
            return resets.size();
        }

        String current() {
            return current;
        }

        List<String> retired() {
            return List.copyOf(retiredAt.keySet());
        }

        JsonNode fencedNodes() {
            tools.jackson.databind.node.ArrayNode all = tools.jackson.databind.json.JsonMapper.builder().build().createArrayNode();
            synchronized (receipts) {
                receipts.forEach(receipt -> all.add(receipt.get("fenced")));
            }
            return all;
        }
    }
}
