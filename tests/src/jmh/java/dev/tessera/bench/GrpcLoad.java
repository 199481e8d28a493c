package dev.tessera.bench;

import dev.tessera.testing.ChildTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TesseraClients;
import dev.tessera.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue 13: Envoy's ext_authz over gRPC ({@code Authorization/Check}) against the HTTP forward-auth
 * ({@code GET /v1/forward-auth}) of the same Tessera, on the same machine, with the same token population and
 * the same concurrency: a closed loop of {@code concurrency} requests in flight, each sent when the previous
 * one of its slot is answered. gRPC multiplexes them over {@link LoadClients#GRPC_CONNECTIONS} HTTP/2
 * connections (as Envoy does with its few connections to a cluster); HTTP/1.1 needs one keep-alive connection
 * per request in flight. Both clients are Netty (grpc-java and Netty's HTTP codec) on one I/O thread each, in
 * this JVM; Tessera runs in a JVM of its own ({@link ChildTessera}) on H2 ({@code -Xms1g -Xmx1g -Xmn640m}, as
 * benchmarks/http.sh), stopped with SIGKILL at the end.
 * Population: {@code accounts} STANDARD tokens (no quota) and as many unknown well-formed ones, interleaved,
 * so half the requests are granted and half refused 401. Rounds alternate gRPC and HTTP after two warm-up
 * rounds of each (as long as a measured one: gRPC's path takes the JIT much longer to compile than the HTTP
 * listener's); each prints requests per second, p50, p99 and p99.9 of the client-side latency.
 *
 * <p>Run: {@code mvn -B test-compile exec:exec@grpc-load -Dgrpc-load.args="20 16 20 3"} (seconds per round,
 * requests in flight, accounts, rounds per protocol).
 */
public final class GrpcLoad {

    private GrpcLoad() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int accounts = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int grpcPort = ChildTessera.freePort();
        List<String> properties = new ArrayList<>(List.of("tessera.data-plane-grpc-port=" + grpcPort, "logging.level.root=WARN"));
        properties.addAll(Arrays.asList(args).subList(Math.min(4, args.length), args.length)); // extra key=value
        try (ChildTessera tessera = ChildTessera.start(TestDatabase.fresh(Storage.H2), "tessera",
                List.of("-Xms1g", "-Xmx1g", "-Xmn640m"), properties.toArray(String[]::new))) {
            String[] population = population(tessera, accounts);
            System.out.printf(Locale.ROOT, "Tessera pid %d; %d tokens (%d STANDARD, %d unknown); %d in flight; %d s per round; %d cores%n",
                    tessera.pid(), population.length, accounts, accounts, concurrency, seconds,
                    Runtime.getRuntime().availableProcessors());
            try (LoadClients load = new LoadClients(population, concurrency)) {
                // The JIT needs a long while for gRPC's deeper path on a loaded machine: two warm-up rounds of each.
                for (int warmUp = 1; warmUp <= 2; warmUp++) {
                    load.grpc(grpcPort, seconds, "warm-up");
                    load.http(tessera.dataPlanePort(), seconds, "warm-up");
                }
                for (int round = 1; round <= rounds; round++) {
                    load.grpc(grpcPort, seconds, "round " + round);
                    load.http(tessera.dataPlanePort(), seconds, "round " + round);
                }
            }
        }
    }

    /** STANDARD tokens of {@code accounts} new accounts, interleaved with as many unknown well-formed tokens. */
    private static String[] population(TesseraClients tessera, int accounts) {
        Scenario scenario = new Scenario(tessera);
        String[] unknown = Tokens.generate(accounts, 13);
        String[] population = new String[2 * accounts];
        for (int i = 0; i < accounts; i++) {
            Scenario.Account account = scenario.account("load" + i);
            population[2 * i] = scenario.issueToken(account);
            scenario.promote(account, "BASIC");
            scenario.promote(account, "STANDARD");
            population[2 * i + 1] = unknown[i];
        }
        return population;
    }

}
