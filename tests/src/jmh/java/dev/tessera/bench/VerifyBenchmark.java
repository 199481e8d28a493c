package dev.tessera.bench;

import dev.tessera.quota.AccessPolicy;
import dev.tessera.quota.QuotaLedger;
import dev.tessera.token.TokenDigest;
import dev.tessera.token.TokenHasher;
import dev.tessera.verify.ClientAccountIndex;
import dev.tessera.verify.DataPlane;
import dev.tessera.verify.Grant;
import dev.tessera.verify.TokenIndex;
import dev.tessera.verify.Verdict;
import dev.tessera.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.SplittableRandom;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * In-process cost of the data-plane decision (issue #7), through the code the endpoints run
 * ({@link DataPlane#forwardAuth}: shape check → HMAC-SHA256 → index lookup → access rules and the
 * daily quota, counted for STANDARD tokens), for a valid, an unknown and a malformed token; the
 * valid path again without the access rules and quota ({@link Verifier#tokensOnly}), which is what
 * the quota check adds (issue #6); against the floor measured in the same run: one HMAC-SHA256 of
 * the 22 token bytes with {@link Mac} plus one {@link ConcurrentHashMap#get} on a map of the same
 * size. Each call takes the next of 4,096 tokens drawn at random from the population, so a big
 * index is read from memory as in production, not from one hot cache line.
 *
 * <p>Run (full, ~4 min): {@code mvn -B test-compile exec:exec@jmh -Djmh.args="VerifyBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc"}
 * <br>Quick (seconds): {@code mvn -B test-compile exec:exec@jmh -Djmh.args="VerifyBenchmark -f 0 -wi 0 -i 1 -r 200ms -p activeTokens=1000"}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class VerifyBenchmark {

    private static final int SAMPLE = 4096;

    @Param({"1000", "1000000"})
    public int activeTokens;

    DataPlane dataPlane;
    DataPlane tokensOnly;
    String[] valid;
    String[] unknown;
    String[] malformed;
    byte[][] validBytes;
    ConcurrentHashMap<TokenDigest, Grant> floorMap;
    SecretKeySpec floorKey;

    @Setup(Level.Trial)
    public void setUp() {
        TokenHasher hasher = new TokenHasher(Tokens.PEPPER);
        String[] population = Tokens.generate(activeTokens, 7);
        TokenIndex index = Tokens.index(hasher, population);
        ClientAccountIndex clients = new ClientAccountIndex();
        JsonMapper json = JsonMapper.builder().build();
        dataPlane = new DataPlane(new Verifier(hasher, index, clients, AccessPolicy.defaults(),
                new QuotaLedger(dev.tessera.system.CoarseClock.systemUTC())), json);
        tokensOnly = new DataPlane(Verifier.tokensOnly(hasher, index, clients), json);

        SplittableRandom random = new SplittableRandom(11);
        valid = new String[SAMPLE];
        validBytes = new byte[SAMPLE][];
        for (int i = 0; i < SAMPLE; i++) {
            // A copy, allocated with the others: a request's header value is fresh in the cache, not
            // wherever the population's string happens to lie in a heap of a million.
            byte[] ascii = population[random.nextInt(population.length)].getBytes(StandardCharsets.US_ASCII);
            valid[i] = new String(ascii, StandardCharsets.US_ASCII);
            validBytes[i] = ascii.clone();
        }
        unknown = Tokens.generate(SAMPLE, 13);
        malformed = Tokens.malformed(unknown);

        floorKey = new SecretKeySpec(pepperBytes(), "HmacSHA256");
        floorMap = new ConcurrentHashMap<>(Math.max(16, (int) (activeTokens / 0.75f) + 1));
        for (String token : population) {
            floorMap.put(TokenDigest.of(floorMac(floorKey).doFinal(token.getBytes(StandardCharsets.US_ASCII))), Grant.of(1L, dev.tessera.access.AccessLevel.STANDARD));
        }
        for (int i = 0; i < SAMPLE; i++) {
            if (!dataPlane.forwardAuth(valid[i], null, null).granted() || dataPlane.forwardAuth(unknown[i], null, null).granted()
                    || dataPlane.forwardAuth(malformed[i], null, null).granted()) {
                throw new IllegalStateException("Benchmark data is wrong at " + i);
            }
        }
    }

    private static byte[] pepperBytes() {
        try {
            var bytes = dev.tessera.token.TokenPepper.class.getDeclaredMethod("bytes");
            bytes.setAccessible(true);
            return (byte[]) bytes.invoke(Tokens.PEPPER);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static Mac floorMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Per-thread cursor and the floor's own {@link Mac} and output buffer. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
        Mac mac;
        final byte[] out = new byte[TokenDigest.BYTES];

        @Setup(Level.Trial)
        public void setUp(VerifyBenchmark benchmark) {
            mac = floorMac(benchmark.floorKey);
        }

        int next() {
            return next = (next + 1) & (SAMPLE - 1);
        }
    }

    @Benchmark
    public Verdict verifyValid(Cursor cursor) {
        return dataPlane.forwardAuth(valid[cursor.next()], null, null);
    }

    /** The valid path without access rules and quota: {@code verifyValid} minus this is the quota's cost. */
    @Benchmark
    public Verdict verifyValidWithoutQuota(Cursor cursor) {
        return tokensOnly.forwardAuth(valid[cursor.next()], null, null);
    }

    @Benchmark
    public Verdict verifyUnknown(Cursor cursor) {
        return dataPlane.forwardAuth(unknown[cursor.next()], null, null);
    }

    @Benchmark
    public Verdict verifyMalformed(Cursor cursor) {
        return dataPlane.forwardAuth(malformed[cursor.next()], null, null);
    }

    /** The physical floor: one HMAC-SHA256 of the 22 token bytes and one map lookup. */
    @Benchmark
    public Grant floorHmacPlusMapGet(Cursor cursor) throws GeneralSecurityException {
        byte[] input = validBytes[cursor.next()];
        cursor.mac.update(input, 0, input.length);
        cursor.mac.doFinal(cursor.out, 0);
        return floorMap.get(TokenDigest.of(cursor.out, 0));
    }
}
