package dev.tessera.verifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The verifier's follower: one thread that long-polls Tessera's verifier feed. Each poll renews this
 * process's lease on the server and acknowledges the sequence it names; after applying a whole answer
 * that reaches the log's head, the verifier serves until the poll's start plus the lease minus the
 * drift margin, on its own monotonic clock (the node's rule, docs/cluster.md). A writer that waits for
 * this verifier's acknowledgement or for its lease to run out (plus the margin) therefore never returns
 * while this process could still answer from older state. A cut, failed or refused poll extends nothing.
 */
final class FeedFollower {

    static final String FORMAT = "tessera-verifier-feed 1";
    private static final System.Logger LOG = System.getLogger(TesseraVerifier.class.getName());

    private final HttpClient http;
    private final String feedUrl;
    private final String leaveUrl;
    private final String authorization;
    private final long extraMarginNanos;

    private volatile FeedState state;
    private volatile long servingUntilNanos = System.nanoTime() - 1;
    private volatile boolean running;
    private long after = -1;
    private long leaseMillis = 2_000;
    private long marginMillis = 500;
    private long waitMillis = 500;
    private boolean failing;
    private Thread thread;

    FeedFollower(HttpClient http, String serverUrl, String apiKey, String instance, String name, Duration extraMargin) {
        this.http = http;
        String base = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        this.leaveUrl = base + "/api/v1/verifier/feed?instance=" + instance;
        this.feedUrl = leaveUrl + "&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        this.authorization = "Bearer " + apiKey;
        this.extraMarginNanos = extraMargin.toNanos();
    }

    FeedState state() {
        return state;
    }

    /** Whether the last whole answer is fresh enough to serve from: one volatile read and the clock. */
    boolean current() {
        return System.nanoTime() - servingUntilNanos < 0;
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::follow, "tessera-verifier-follower");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops serving first, then following, then says goodbye (best effort, one second), so writers
     * need not wait out this process's lease.
     */
    synchronized void stop() {
        running = false;
        servingUntilNanos = System.nanoTime() - 1;
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(5_000);
            HttpRequest goodbye = HttpRequest.newBuilder(URI.create(leaveUrl))
                    .header("Authorization", authorization)
                    .timeout(Duration.ofSeconds(1))
                    .DELETE()
                    .build();
            http.send(goodbye, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the lease runs out by itself: writers wait for it once
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    private void follow() {
        while (running) {
            try {
                poll();
                if (failing) {
                    LOG.log(System.Logger.Level.INFO, "Tessera verifier is following the feed again at change {0}", after);
                    failing = false;
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!failing) {
                    LOG.log(System.Logger.Level.WARNING, "Tessera verifier cannot read the feed ({0}); it refuses with 503"
                            + " once its lease ends", e.toString());
                    failing = true;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(Math.min(250, waitMillis));
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** One long-poll: send, apply the answer, and extend the serving time when it was whole and complete. */
    private void poll() throws IOException, InterruptedException {
        long sent = System.nanoTime();
        boolean snapshot = after < 0;
        URI uri = URI.create(feedUrl + "&wait=" + waitMillis + (snapshot ? "" : "&after=" + after));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", authorization)
                .timeout(snapshot ? Duration.ofMinutes(10) : Duration.ofMillis(waitMillis + leaseMillis))
                .GET()
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                throw new IOException("the feed answered HTTP " + response.statusCode()
                        + (response.statusCode() == 401 || response.statusCode() == 403 ? " (is the key a verifier key?)" : ""));
            }
            if (!FORMAT.equals(lines.readLine())) {
                throw new IOException("the feed answered an unknown format");
            }
            read(lines, sent);
        }
    }

    private void read(BufferedReader lines, long sent) throws IOException {
        FeedState target = state;
        FeedState fresh = null;
        byte[] key = null;
        Set<String> restricted = new HashSet<>();
        long[] tests = new long[64];
        int testCount = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "lease" -> {
                    leaseMillis = Long.parseLong(f[1]);
                    marginMillis = Long.parseLong(f[2]);
                    waitMillis = Long.parseLong(f[3]);
                }
                case "snapshot" -> target = null;
                case "key" -> key = Base64.getDecoder().decode(f[1]);
                case "restricted" -> restricted.add(f[1].toLowerCase(Locale.ROOT));
                case "token", "no-token", "previous", "client" -> {
                    if (target == null) {
                        if (key == null) {
                            throw new IOException("a snapshot without its key");
                        }
                        target = fresh = new FeedState(new TokenDigester(key), Set.copyOf(restricted));
                    }
                    if (f[0].equals("token")) {
                        target.grants.apply(Long.parseLong(f[1]), Long.parseLong(f[2]), f[3], Base64.getUrlDecoder().decode(f[4]),
                                f.length > 5 ? Long.parseLong(f[5]) : Long.MAX_VALUE);
                    } else if (f[0].equals("no-token")) {
                        target.grants.remove(Long.parseLong(f[1]));
                    } else if (f[0].equals("previous")) {
                        if ("none".equals(f[2])) {
                            target.grants.clearPrevious(Long.parseLong(f[1]));
                        } else {
                            target.grants.applyPrevious(Long.parseLong(f[1]), Long.parseLong(f[2]), f[3],
                                    Base64.getUrlDecoder().decode(f[4]), Long.parseLong(f[5]));
                        }
                    } else if (fresh != null) {
                        if ("test".equals(f[2])) {
                            if (testCount == tests.length) {
                                tests = java.util.Arrays.copyOf(tests, testCount * 2);
                            }
                            tests[testCount++] = Long.parseLong(f[1]);
                        }
                    } else {
                        target.client(Long.parseLong(f[1]), "test".equals(f[2]));
                    }
                }
                case "end" -> {
                    if (target == null) {
                        if (key == null) {
                            throw new IOException("a snapshot without its key");
                        }
                        fresh = new FeedState(new TokenDigester(key), Set.copyOf(restricted));
                    }
                    if (fresh != null) {
                        fresh.clients(tests, testCount);
                        state = fresh;
                    }
                    after = Long.parseLong(f[1]);
                    if ("complete".equals(f[2])) {
                        servingUntilNanos = sent + TimeUnit.MILLISECONDS.toNanos(leaseMillis - marginMillis) - extraMarginNanos;
                    }
                    return;
                }
                default -> {
                    // a line of a later format version: not needed for this one's decision
                }
            }
        }
        throw new IOException("the feed's answer was cut before its end");
    }
}
