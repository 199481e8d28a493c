package dev.tessera.bench;

import dev.tessera.account.CustomerId;
import dev.tessera.audit.Actor;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import dev.tessera.token.DeveloperTokens;
import java.util.Arrays;
import java.util.Locale;

/**
 * Issue 12: what a durable commit costs a reset. Times the reset itself on the server
 * ({@link DeveloperTokens#reset}: one transaction, index swap; no HTTP, no password hash), one reset
 * after another on one account, and prints p50, p99 and the mean. On H2 the fourth argument sets
 * {@code WRITE_DELAY} (0, Tessera's setting: each commit written to the file before it returns;
 * 500, H2's default: commits buffered for up to 500 ms and lost to kill -9).
 *
 * With a fourth argument above 1 (PostgreSQL), that many nodes run on the database and each reset
 * returns only once every node applied it: the figure then includes the cluster's propagation.
 *
 * <p>Run: {@code mvn -B test-compile exec:exec@reset-latency -Dreset-latency.args="2000 H2 0"}
 * (resets, H2 or POSTGRES, H2 write delay in ms, nodes).
 */
public final class ResetLatency {

    private ResetLatency() {}

    public static void main(String[] args) {
        int resets = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Storage storage = args.length > 1 ? Storage.valueOf(args[1].toUpperCase(Locale.ROOT)) : Storage.H2;
        int writeDelay = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        int nodes = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        TestDatabase database = TestDatabase.fresh(storage);
        String url = storage == Storage.H2
                ? "spring.datasource.url=jdbc:h2:file:" + database.dataDir().resolve("tessera")
                        + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=" + writeDelay
                : "spring.datasource.url=" + database.properties().get("spring.datasource.url");
        java.util.List<RunningTessera> others = new java.util.ArrayList<>();
        try (RunningTessera tessera = RunningTessera.start(database, "logging.level.root=WARN", url)) {
            for (int i = 1; i < nodes; i++) {
                others.add(RunningTessera.start(database, "logging.level.root=WARN", url));
            }
            Scenario scenario = new Scenario(tessera);
            Scenario.Account account = scenario.account("resetter");
            scenario.issueToken(account);
            DeveloperTokens tokens = tessera.bean(DeveloperTokens.class);
            CustomerId customer = CustomerId.parse(account.customerId());
            Actor actor = new Actor(account.admin().email(), "127.0.0.1");
            for (int i = 0; i < Math.min(500, resets); i++) {
                tokens.reset(customer, actor, "warm-up");
            }
            long[] nanos = new long[resets];
            for (int i = 0; i < resets; i++) {
                long start = System.nanoTime();
                tokens.reset(customer, actor, "measured");
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "reset on %s%s, %d node(s): %d resets, p50 %.2f ms, p99 %.2f ms, mean %.2f ms%n",
                    storage, storage == Storage.H2 ? " WRITE_DELAY=" + writeDelay : "", nodes, resets,
                    nanos[resets / 2] / 1e6, nanos[(int) (resets * 0.99)] / 1e6,
                    Arrays.stream(nanos).average().orElseThrow() / 1e6);
        } finally {
            others.forEach(RunningTessera::close);
        }
    }
}
