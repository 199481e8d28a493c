package dev.tessera.bench;

import dev.tessera.testing.Api;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue #7, reset propagation: client threads hammer the data-plane listener (keep-alive, raw
 * HTTP/1.1) with the current token and with the token the last reset replaced, while resets run
 * over the management API. A request counts as <em>late</em> when it carried a token whose reset
 * call had already returned before the request was sent; every late request must be refused, so
 * "late accepted" must be 0. Also reports the reset call's latency (p50/p99) and, to read it, the
 * latency of an authenticated no-op call (both pay for HTTP Basic's password hash).
 *
 * <p>Run: {@code mvn -B test-compile exec:exec@reset-race -Dreset-race.args="20 200 4 H2"} (seconds,
 * resets, client threads, H2 or POSTGRES, nodes); {@code benchmarks/reset-race.sh} does the same. With
 * more than one node (PostgreSQL), the clients are spread over every node's listener and the resets go
 * through the first: a late accept on any node counts.
 */
public final class ResetRace {

    private ResetRace() {}

    /** What a run measured. */
    public record Result(long requests, long lateRequests, long lateAccepted, long currentRefused, int resets,
            double resetP50Ms, double resetP99Ms, double authNoopP50Ms) {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int resets = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Storage storage = args.length > 3 ? Storage.valueOf(args[3].toUpperCase(Locale.ROOT)) : Storage.H2;
        int nodes = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        Result result = run(seconds, resets, clients, storage, nodes);
        System.exit(result.lateAccepted() == 0 ? 0 : 1);
    }

    public static Result run(int seconds, int resets, int clients, Storage storage) throws Exception {
        return run(seconds, resets, clients, storage, 1);
    }

    public static Result run(int seconds, int resets, int clients, Storage storage, int nodes) throws Exception {
        TestDatabase database = TestDatabase.fresh(storage);
        List<RunningTessera> others = new ArrayList<>();
        try (RunningTessera tessera = RunningTessera.start(database, "logging.level.root=WARN")) {
            for (int i = 1; i < nodes; i++) {
                others.add(RunningTessera.start(database, "logging.level.root=WARN"));
            }
            int[] ports = new int[nodes];
            ports[0] = tessera.dataPlanePort();
            for (int i = 1; i < nodes; i++) {
                ports[i] = others.get(i - 1).dataPlanePort();
            }
            Scenario scenario = new Scenario(tessera);
            Scenario.Account account = scenario.account("racer");
            String first = scenario.issueToken(account);
            // STANDARD has no daily limit: the race measures resets, not the quota.
            scenario.promote(account, "BASIC");
            scenario.promote(account, "STANDARD");
            Api.Reply noop = null;
            double[] noopMs = new double[20];
            for (int i = 0; i < noopMs.length; i++) {
                long t0 = System.nanoTime();
                noop = account.admin().api().get(account.path() + "/developer-token");
                noopMs[i] = (System.nanoTime() - t0) / 1e6;
            }
            if (noop.status() != 200) {
                throw new IllegalStateException("masked view failed: " + noop);
            }

            // token -> System.nanoTime() at which the reset that replaced it had returned
            ConcurrentHashMap<String, Long> retiredAt = new ConcurrentHashMap<>();
            String[] tokens = {first, first}; // {current, previous}; replaced as a whole
            Object lock = new Object();
            AtomicLong requests = new AtomicLong();
            AtomicLong late = new AtomicLong();
            AtomicLong lateAccepted = new AtomicLong();
            AtomicLong currentRefused = new AtomicLong();
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int port = ports[c % nodes];
                Thread client = new Thread(() -> {
                    try (Socket socket = new Socket("127.0.0.1", port)) {
                        socket.setTcpNoDelay(true);
                        OutputStream out = socket.getOutputStream();
                        InputStream in = new BufferedInputStream(socket.getInputStream());
                        long n = 0;
                        while (System.nanoTime() < deadline) {
                            String[] pair;
                            synchronized (lock) {
                                pair = tokens.clone();
                            }
                            String token = (n++ & 1) == 0 ? pair[0] : pair[1];
                            long sent = System.nanoTime();
                            out.write(("GET /v1/forward-auth HTTP/1.1\r\nHost: race\r\ndeveloper-token: " + token + "\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            int status = readStatus(in);
                            requests.incrementAndGet();
                            Long retired = retiredAt.get(token);
                            if (retired != null && retired < sent) {
                                late.incrementAndGet();
                                if (status == 200) {
                                    lateAccepted.incrementAndGet();
                                }
                            } else if (status != 200) {
                                currentRefused.incrementAndGet(); // in flight across a reset: allowed
                            }
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, "race-client-" + c);
                threads.add(client);
                client.start();
            }
            long pause = Math.max(0, seconds * 1000L / Math.max(1, resets) - 5);
            double[] resetMs = new double[resets];
            int done = 0;
            String current = first;
            while (done < resets && System.nanoTime() < deadline - 500_000_000L) {
                long t0 = System.nanoTime();
                Api.Reply reset = scenario.reset(account, "race");
                long returned = System.nanoTime();
                if (reset.status() != 200) {
                    throw new IllegalStateException("reset failed: " + reset);
                }
                resetMs[done++] = (returned - t0) / 1e6;
                retiredAt.put(current, returned);
                String next = reset.text("developerToken");
                synchronized (lock) {
                    tokens[1] = current;
                    tokens[0] = next;
                }
                current = next;
                Thread.sleep(pause);
            }
            for (Thread t : threads) {
                t.join();
            }
            double[] measured = Arrays.copyOf(resetMs, done);
            Result result = new Result(requests.get(), late.get(), lateAccepted.get(), currentRefused.get(), done,
                    percentile(measured, 50), percentile(measured, 99), percentile(noopMs, 50));
            System.out.printf(Locale.ROOT, "RESULT reset-race storage=%s nodes=%d seconds=%d clients=%d resets=%d requests=%d "
                            + "late-requests=%d late-accepted=%d in-flight-refused=%d reset-p50-ms=%.1f reset-p99-ms=%.1f "
                            + "authenticated-noop-p50-ms=%.1f%n",
                    storage, nodes, seconds, clients, done, result.requests(), result.lateRequests(), result.lateAccepted(),
                    result.currentRefused(), result.resetP50Ms(), result.resetP99Ms(), result.authNoopP50Ms());
            return result;
        } finally {
            others.forEach(RunningTessera::close);
        }
    }

    private static double percentile(double[] values, int p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** Reads one response with a Content-Length and answers its status. */
    private static int readStatus(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder(256);
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            head.append((char) b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString();
        int length = 0;
        int at = text.toLowerCase(Locale.ROOT).indexOf("content-length:");
        if (at >= 0) {
            length = Integer.parseInt(text.substring(at + 15, text.indexOf('\r', at)).strip());
        }
        in.readNBytes(length);
        return Integer.parseInt(text.substring(9, 12));
    }
}
