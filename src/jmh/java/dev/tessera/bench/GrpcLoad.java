package dev.tessera.bench;

import dev.tessera.testing.Api;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TesseraClients;
import dev.tessera.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 13: Envoy's ext_authz over gRPC ({@code Authorization/Check}) against the HTTP forward-auth
 * ({@code GET /v1/forward-auth}) of the same Tessera, on the same machine, with the same token population and
 * the same concurrency: a closed loop of {@code concurrency} requests in flight, each sent when the previous
 * one of its slot is answered. gRPC multiplexes them over {@link LoadClients#GRPC_CONNECTIONS} HTTP/2
 * connections (as Envoy does with its few connections to a cluster); HTTP/1.1 needs one keep-alive connection
 * per request in flight. Both clients are Netty (grpc-java and Netty's HTTP codec) on one I/O thread each, in
 * this JVM; Tessera runs in a JVM of its own on H2 ({@code -Xms1g -Xmx1g -Xmn640m}, as benchmarks/http.sh).
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
        TestDatabase database = TestDatabase.fresh(Storage.H2);
        int port = freePort();
        int dataPlanePort = freePort();
        int grpcPort = freePort();
        Map<String, String> properties = new LinkedHashMap<>(database.properties());
        properties.put("server.port", Integer.toString(port));
        properties.put("server.address", "127.0.0.1");
        properties.put("tessera.data-plane-port", Integer.toString(dataPlanePort));
        properties.put("tessera.data-plane-grpc-port", Integer.toString(grpcPort));
        properties.put("tessera.data-plane-address", "127.0.0.1");
        properties.put("tessera.admin-email", RunningTessera.OPERATOR_EMAIL);
        properties.put("tessera.admin-password", RunningTessera.OPERATOR_PASSWORD);
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        for (int i = 4; i < args.length; i++) { // extra Tessera properties, key=value
            properties.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms1g", "-Xmx1g", "-Xmn640m", "-cp", System.getProperty("java.class.path"), "dev.tessera.TesseraApplication"));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Process tessera = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(database.dataDir().resolve("tessera.log").toFile())).start();
        try {
            awaitPorts(tessera, port, dataPlanePort, grpcPort);
            String[] population = population(new Clients(port), accounts);
            System.out.printf(Locale.ROOT, "Tessera pid %d; %d tokens (%d STANDARD, %d unknown); %d in flight; %d s per round; %d cores%n",
                    tessera.pid(), population.length, accounts, accounts, concurrency, seconds,
                    Runtime.getRuntime().availableProcessors());
            try (LoadClients load = new LoadClients(population, concurrency)) {
                // The JIT needs a long while for gRPC's deeper path on a loaded machine: two warm-up rounds of each.
                for (int warmUp = 1; warmUp <= 2; warmUp++) {
                    load.grpc(grpcPort, seconds, "warm-up");
                    load.http(dataPlanePort, seconds, "warm-up");
                }
                for (int round = 1; round <= rounds; round++) {
                    load.grpc(grpcPort, seconds, "round " + round);
                    load.http(dataPlanePort, seconds, "round " + round);
                }
            }
        } finally {
            tessera.destroy();
            if (!tessera.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                tessera.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
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

    private record Clients(int port) implements TesseraClients {

        @Override
        public Api api() {
            return Api.at("http://127.0.0.1:" + port);
        }

        @Override
        public Api operator() {
            return api().as(RunningTessera.OPERATOR_EMAIL, RunningTessera.OPERATOR_PASSWORD);
        }
    }

    private static void awaitPorts(Process process, int... ports) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        for (int port : ports) {
            while (!accepts(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Tessera did not start (see its log in the data directory)");
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
