package dev.tessera.bench;

import dev.tessera.testing.Api;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 14: a reset over HTTP as automation makes it, timed at the client on one node (loopback,
 * keep-alive), with an API key ({@code Authorization: Bearer}) and with HTTP Basic (a bcrypt per
 * call). Resets run one after another on one account, alternating key and Basic in blocks of 50 so
 * both see the same machine; prints p50, p99 and the mean of each. H2 with Tessera's durable
 * setting ({@code WRITE_DELAY=0}) unless POSTGRES is given. With a third argument above 1 (PostgreSQL,
 * issue 11), that many nodes share the database and every reset's answer must name all of them as
 * having applied it: the end-to-end figure of a reset on a cluster.
 *
 * <p>A fourth argument {@code KEY} times API keys alone: Spring Security's bcrypt allocates about
 * 2 MB per HTTP Basic check, and the young collections that garbage causes also land in the API-key
 * blocks of an alternating run.
 *
 * <p>Run: {@code mvn -B test-compile exec:exec@http-reset-latency -Dhttp-reset-latency.args="1000 H2"}
 * (resets per credential, H2 or POSTGRES, nodes, BOTH or KEY).
 */
public final class HttpResetLatency {

    private static final int BLOCK = 50;

    private HttpResetLatency() {}

    public static void main(String[] args) {
        int resets = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Storage storage = args.length > 1 ? Storage.valueOf(args[1].toUpperCase(Locale.ROOT)) : Storage.H2;
        int nodes = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        boolean withBasic = args.length <= 3 || !args[3].equalsIgnoreCase("KEY");
        if (nodes > 1 && storage != Storage.POSTGRES) {
            throw new IllegalArgumentException("Several nodes share a PostgreSQL database only");
        }
        TestDatabase database = TestDatabase.fresh(storage);
        java.util.List<RunningTessera> others = new java.util.ArrayList<>();
        try (RunningTessera tessera = RunningTessera.start(database, "logging.level.root=WARN")) {
            for (int i = 1; i < nodes; i++) {
                others.add(RunningTessera.start(database, "logging.level.root=WARN"));
            }
            Scenario scenario = new Scenario(tessera);
            Scenario.Account account = scenario.account("automation");
            scenario.issueToken(account);
            Api basic = account.admin().api();
            Api.Reply created = basic.post("/api/v1/api-keys", Map.of("name", "benchmark", "scope", "token-admin",
                    "accounts", java.util.List.of(account.customerId())));
            Api key = tessera.api().header("Authorization", "Bearer " + created.text("apiKey"));
            String path = account.path() + "/developer-token:reset";
            for (int i = 0; i < 300; i++) {
                reset(key, path, nodes);
                if (withBasic) {
                    reset(basic, path, nodes);
                }
            }
            long[] withKey = new long[resets];
            long[] keyWaits = new long[resets];
            long[] basicNanos = new long[resets];
            for (int done = 0; done < resets; done += BLOCK) {
                for (int i = done; i < Math.min(resets, done + BLOCK); i++) {
                    long start = System.nanoTime();
                    Api.Reply reply = reset(key, path, nodes);
                    withKey[i] = System.nanoTime() - start;
                    keyWaits[i] = reply.json().at("/propagation/waitedMillis").asLong() * 1_000_000;
                }
                for (int i = done; i < Math.min(resets, done + BLOCK) && withBasic; i++) {
                    long start = System.nanoTime();
                    reset(basic, path, nodes);
                    basicNanos[i] = System.nanoTime() - start;
                }
            }
            print("API key   ", storage, nodes, withKey);
            if (withBasic) {
                print("HTTP Basic", storage, nodes, basicNanos);
            }
            // the server's own account of the wait for the nodes (whole milliseconds, API key resets)
            print("API key, of which the wait for every node (propagation.waitedMillis)", storage, nodes, keyWaits);
        } finally {
            others.forEach(RunningTessera::close);
        }
    }

    private static Api.Reply reset(Api api, String path, int nodes) {
        Api.Reply reply = api.post(path, null);
        if (reply.status() != 200) {
            throw new IllegalStateException("reset failed: " + reply.status());
        }
        if (reply.json().at("/propagation/acknowledged").size() != nodes) {
            throw new IllegalStateException("a reset returned before every node applied it: " + reply.json().get("propagation"));
        }
        return reply;
    }

    private static void print(String label, Storage storage, int nodes, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "reset over HTTP with %s on %s, %d node(s): %d resets, p50 %.2f ms, p99 %.2f ms, mean %.2f ms%n",
                label, storage, nodes, nanos.length, nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6,
                Arrays.stream(nanos).average().orElseThrow() / 1e6);
    }
}
