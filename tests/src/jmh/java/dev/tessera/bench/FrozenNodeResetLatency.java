package dev.tessera.bench;

import dev.tessera.account.CustomerId;
import dev.tessera.audit.Actor;
import dev.tessera.cluster.ClusterProperties;
import dev.tessera.cluster.Propagation;
import dev.tessera.testing.ChildTessera;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import dev.tessera.token.DeveloperTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Issue 11: what a frozen node costs a reset. Two nodes on one PostgreSQL: node A in this JVM, node C
 * in a JVM of its own. Each cycle times resets with both nodes live, then freezes C with SIGSTOP and
 * times the first reset (it waits until C's lease has run out plus the drift margin, then fences C)
 * and the resets after it (C no longer holds a live lease, so nothing waits for it), then thaws C and
 * waits until C serves the newest token again.
 *
 * <p>Run: {@code mvn -B test-compile exec:exec@frozen-reset-latency -Dfrozen-reset-latency.args="10 50"}
 * (cycles, resets per phase).
 */
public final class FrozenNodeResetLatency {

    private static final long CATCH_UP_LIMIT_NANOS = 60_000_000_000L;

    private FrozenNodeResetLatency() {}

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int resets = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        TestDatabase database = TestDatabase.fresh(Storage.POSTGRES);
        try (RunningTessera a = RunningTessera.start(database, "tessera.cluster.node-name=node-a", "logging.level.root=WARN");
                ChildTessera c = ChildTessera.start(database, "node-c", "tessera.cluster.node-name=node-c")) {
            Scenario scenario = new Scenario(a);
            Scenario.Account account = scenario.account("frozen");
            scenario.issueToken(account);
            DeveloperTokens tokens = a.bean(DeveloperTokens.class);
            CustomerId customer = CustomerId.parse(account.customerId());
            Actor actor = new Actor(account.admin().email(), "127.0.0.1");
            for (int i = 0; i < 200; i++) {
                tokens.reset(customer, actor, "warm-up");
            }
            List<Long> live = new ArrayList<>();
            List<Long> frozenAfterFirst = new ArrayList<>();
            long[] firstAfterFreeze = new long[cycles];
            long[] catchUp = new long[cycles];
            for (int cycle = 0; cycle < cycles; cycle++) {
                for (int i = 0; i < resets; i++) {
                    live.add(timed(tokens, customer, actor, "both live").nanos());
                }
                signal("STOP", c.pid());
                awaitStopped(c.pid());
                Timed first = timed(tokens, customer, actor, "node-c frozen");
                firstAfterFreeze[cycle] = first.nanos();
                if (!first.propagation().fenced().contains("node-c")) {
                    throw new IllegalStateException("the first reset after the freeze did not fence node-c: " + first.propagation());
                }
                for (int i = 0; i < resets; i++) {
                    frozenAfterFirst.add(timed(tokens, customer, actor, "node-c fenced").nanos());
                }
                Timed last = timed(tokens, customer, actor, "before the thaw");
                long thawed = System.nanoTime();
                signal("CONT", c.pid());
                catchUp[cycle] = awaitServing(c, last.token()) - thawed;
            }
            ClusterProperties cluster = a.bean(ClusterProperties.class);
            System.out.printf(Locale.ROOT, "%d cycles, %d resets per phase, PostgreSQL, 2 nodes (lease %d ms, drift margin %d ms)%n",
                    cycles, resets, cluster.lease().toMillis(), cluster.driftMargin().toMillis());
            print("reset, both nodes live", live.stream().mapToLong(Long::longValue).toArray());
            print("first reset after node C froze", firstAfterFreeze);
            print("resets while node C stays frozen (fenced)", frozenAfterFirst.stream().mapToLong(Long::longValue).toArray());
            print("node C thawed until it serves the newest token", catchUp);
        }
    }

    private record Timed(long nanos, Propagation propagation, String token) {}

    private static Timed timed(DeveloperTokens tokens, CustomerId customer, Actor actor, String reason) {
        long start = System.nanoTime();
        DeveloperTokens.IssuedToken issued = tokens.reset(customer, actor, reason);
        return new Timed(System.nanoTime() - start, issued.propagation(), issued.token().value());
    }

    private static long awaitServing(ChildTessera node, String token) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < CATCH_UP_LIMIT_NANOS) {
            if (node.dataPlane().header("developer-token", token).get("/v1/forward-auth").status() == 200) {
                return System.nanoTime();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("node C did not serve the newest token within 60 s of the thaw");
    }

    /** SIGSTOP is delivered asynchronously: wait until every thread of the process is in the stopped state. */
    private static void awaitStopped(long pid) throws IOException, InterruptedException {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        for (int attempt = 0; attempt < 1000; attempt++) {
            boolean allStopped;
            try (Stream<Path> threads = Files.list(tasks)) {
                allStopped = threads.allMatch(FrozenNodeResetLatency::stopped);
            }
            if (allStopped) {
                return;
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("process " + pid + " not stopped 1 s after SIGSTOP");
    }

    private static boolean stopped(Path thread) {
        try {
            String stat = Files.readString(thread.resolve("stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'T' || state == 't';
        } catch (IOException gone) {
            return true;
        }
    }

    private static void print(String what, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-48s n=%5d  p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms%n", what, nanos.length,
                nanos[nanos.length / 2] / 1e6, nanos[Math.min(nanos.length - 1, (int) (nanos.length * 0.99))] / 1e6,
                nanos[nanos.length - 1] / 1e6);
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }
}
