package dev.tessera.bench;

import dev.tessera.testing.ScannableTokens;
import dev.tessera.token.DeveloperToken;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The data plane's shape check ({@link DeveloperToken#isWellFormed}, issue 15) for both token formats:
 * a 22-character token, a prefixed one ({@code tsr_} + 36, its CRC32 checked), a prefixed one with a
 * typo (refused by the checksum) and a malformed text; each call takes the next of 4,096. With
 * {@code -prof gc}, {@code gc.alloc.rate.norm} shows that no path allocates.
 *
 * <p>Run: {@code mvn -B test-compile exec:exec@jmh -Djmh.args="TokenShapeBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc"}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class TokenShapeBenchmark {

    private static final int SAMPLE = 4096;

    String[] google;
    String[] prefixed;
    String[] typo;
    String[] malformed;

    @Setup(Level.Trial)
    public void setUp() {
        google = Tokens.generate(SAMPLE, 7);
        SplittableRandom random = new SplittableRandom(5);
        prefixed = new String[SAMPLE];
        typo = new String[SAMPLE];
        malformed = new String[SAMPLE];
        for (int i = 0; i < SAMPLE; i++) {
            prefixed[i] = ScannableTokens.generate(random, "tsr_");
            int at = 4 + random.nextInt(36);
            char other = prefixed[i].charAt(at) == 'a' ? 'b' : 'a';
            typo[i] = prefixed[i].substring(0, at) + other + prefixed[i].substring(at + 1);
            malformed[i] = google[i].substring(0, 10) + '.' + google[i].substring(11);
            if (!DeveloperToken.isWellFormed(google[i]) || !DeveloperToken.isWellFormed(prefixed[i])
                    || DeveloperToken.isWellFormed(typo[i]) || DeveloperToken.isWellFormed(malformed[i])) {
                throw new IllegalStateException("Benchmark data is wrong at " + i);
            }
        }
    }


    /** Per-thread cursor over the samples. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int next() {
            return next = (next + 1) & (SAMPLE - 1);
        }
    }

    @Benchmark
    public boolean google(Cursor cursor) {
        return DeveloperToken.isWellFormed(google[cursor.next()]);
    }

    @Benchmark
    public boolean prefixed(Cursor cursor) {
        return DeveloperToken.isWellFormed(prefixed[cursor.next()]);
    }

    @Benchmark
    public boolean prefixedTypo(Cursor cursor) {
        return DeveloperToken.isWellFormed(typo[cursor.next()]);
    }

    @Benchmark
    public boolean malformed(Cursor cursor) {
        return DeveloperToken.isWellFormed(malformed[cursor.next()]);
    }
}
