package dev.tessera.bench;

import dev.tessera.access.AccessLevel;
import dev.tessera.token.TokenHasher;
import dev.tessera.token.TokenPepper;
import dev.tessera.verify.TokenIndex;
import java.util.Base64;
import java.util.SplittableRandom;

/** Test data for the benchmarks: a pepper, tokens shaped like real ones, an index filled with them. */
final class Tokens {

    /** A fixed pepper, so runs are comparable (it is not a secret: benchmark data only). */
    static final TokenPepper PEPPER = TokenPepper.fromBase64("dGVzc2VyYS1iZW5jaG1hcmstcGVwcGVyLTMyLWJ5dGVzIQ==");

    /** First manager customer id of the generated accounts (ten digits). */
    static final long FIRST_ACCOUNT = 1_000_000_000L;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {}

    /** {@code count} distinct-with-overwhelming-probability well-formed tokens from a seeded source. */
    static String[] generate(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] tokens = new String[count];
        byte[] bits = new byte[16];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < 16; j += 8) {
                long r = random.nextLong();
                for (int k = 0; k < 8; k++) {
                    bits[j + k] = (byte) (r >>> (8 * k));
                }
            }
            tokens[i] = ENCODER.encodeToString(bits);
        }
        return tokens;
    }

    /**
     * {@code count} tokens drawn at random from the population, each a fresh copy (a request's header
     * value is fresh in the cache, not wherever the population's string happens to lie in a big heap).
     */
    static String[] sample(String[] population, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] sample = new String[count];
        for (int i = 0; i < count; i++) {
            sample[i] = new String(population[random.nextInt(population.length)].toCharArray());
        }
        return sample;
    }

    /** Malformed variants of the tokens: wrong length, a character outside base64url, or impossible final bits, in turn. */
    static String[] malformed(String[] tokens) {
        String[] malformed = new String[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            malformed[i] = switch (i % 3) {
                case 0 -> t.substring(0, 21);
                case 1 -> t.substring(0, 10) + '.' + t.substring(11);
                default -> t.substring(0, 21) + 'B';
            };
        }
        return malformed;
    }

    /** An index holding {@code tokens}, token i active for account FIRST_ACCOUNT + i, at STANDARD. */
    static TokenIndex index(TokenHasher hasher, String[] tokens) {
        TokenIndex index = new TokenIndex(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            index.activate(FIRST_ACCOUNT + i, 1, hasher.digest(tokens[i]), AccessLevel.STANDARD);
        }
        return index;
    }
}
