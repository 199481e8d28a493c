package dev.tessera.bench;

import com.sun.net.httpserver.HttpServer;
import dev.tessera.verifier.Decision;
import dev.tessera.verifier.TesseraVerifier;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * In-process cost of the embedded verifier's decision (issue 13), through the library's public API
 * ({@link TesseraVerifier#verify(CharSequence, long, String)}: lease check → shape check →
 * HMAC-SHA256 → index lookup → access rules), for a valid, an unknown and a malformed token, against
 * the floor measured in the same run: one HMAC-SHA256 with {@link Mac} plus one
 * {@link ConcurrentHashMap#get} on a map of the same size. The verifier is real: it loads its index
 * from a snapshot served over HTTP by a stand-in for Tessera's feed (the JDK's HttpServer, answering
 * the feed's format), and keeps long-polling it while measured. Tokens are STANDARD; each call takes
 * the next of 4,096 tokens drawn at random from the population.
 *
 * <p>Run: {@code mvn -B test-compile exec:exec@jmh -Djmh.args="EmbeddedVerifyBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc"}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class EmbeddedVerifyBenchmark {

    private static final int SAMPLE = 4096;
    private static final byte[] PEPPER = "embedded-verifier-benchmark-pepper-32b".getBytes(StandardCharsets.US_ASCII);

    @Param({"1000", "1000000"})
    public int activeTokens;

    HttpServer feed;
    TesseraVerifier verifier;
    String[] valid;
    String[] unknown;
    String[] malformed;
    byte[][] validBytes;
    ConcurrentHashMap<Digest, Long> floorMap;

    /** The floor's map key: a digest's 32 bytes as four longs (as the server's TokenDigest). */
    record Digest(long w0, long w1, long w2, long w3) {
        static Digest of(byte[] b) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(b);
            return new Digest(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String[] population = Tokens.generate(activeTokens, 7);
        Mac mac = mac();
        String[] digests = new String[population.length];
        floorMap = new ConcurrentHashMap<>(Math.max(16, (int) (activeTokens / 0.75f) + 1));
        for (int i = 0; i < population.length; i++) {
            byte[] digest = mac.doFinal(population[i].getBytes(StandardCharsets.US_ASCII));
            digests[i] = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
            floorMap.put(Digest.of(digest), 1_000_000_000L + i);
        }
        feed = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        feed.createContext("/api/v1/verifier/feed", exchange -> {
            boolean snapshot = !exchange.getRequestURI().getQuery().contains("after=");
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody();
                    Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(body, StandardCharsets.UTF_8))) {
                out.write("tessera-verifier-feed 1\nlease 60000 500 1000\n");
                if (snapshot) {
                    out.write("snapshot\nkey " + Base64.getEncoder().encodeToString(PEPPER) + "\n");
                    for (int i = 0; i < digests.length; i++) {
                        out.write("token " + (1_000_000_000L + i) + " 1 STANDARD " + digests[i] + "\n");
                    }
                } else {
                    sleep(1000);
                }
                out.write("end 1 complete\n");
            }
        });
        feed.start();
        verifier = TesseraVerifier.builder("http://127.0.0.1:" + feed.getAddress().getPort(), "tsk_benchmark").name("bench").start();
        if (!verifier.awaitCurrent(Duration.ofMinutes(5))) {
            throw new IllegalStateException("The verifier did not load its snapshot");
        }

        valid = Tokens.sample(population, SAMPLE, 11);
        validBytes = new byte[SAMPLE][];
        for (int i = 0; i < SAMPLE; i++) {
            validBytes[i] = valid[i].getBytes(StandardCharsets.US_ASCII);
        }
        unknown = Tokens.generate(SAMPLE, 13);
        malformed = Tokens.malformed(unknown);
        for (int i = 0; i < SAMPLE; i++) {
            if (!verifier.verify(valid[i], 0, null).granted() || verifier.verify(unknown[i], 0, null).granted()
                    || verifier.verify(malformed[i], 0, null).granted()) {
                throw new IllegalStateException("Benchmark data is wrong at " + i);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        verifier.close();
        feed.stop(0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(PEPPER, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Per-thread cursor and the floor's own {@link Mac} and output buffer. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
        Mac mac = mac();
        final byte[] out = new byte[32];

        int next() {
            return next = (next + 1) & (SAMPLE - 1);
        }
    }

    @Benchmark
    public Decision embeddedValid(Cursor cursor) {
        return verifier.verify(valid[cursor.next()], 0, null);
    }

    @Benchmark
    public Decision embeddedUnknown(Cursor cursor) {
        return verifier.verify(unknown[cursor.next()], 0, null);
    }

    @Benchmark
    public Decision embeddedMalformed(Cursor cursor) {
        return verifier.verify(malformed[cursor.next()], 0, null);
    }

    /** The physical floor: one HMAC-SHA256 of the 22 token bytes and one map lookup. */
    @Benchmark
    public Long floorHmacPlusMapGet(Cursor cursor) throws GeneralSecurityException {
        byte[] input = validBytes[cursor.next()];
        cursor.mac.update(input, 0, input.length);
        cursor.mac.doFinal(cursor.out, 0);
        return floorMap.get(Digest.of(cursor.out));
    }
}
