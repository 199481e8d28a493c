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

    /** An index holding {@code tokens}, token i active for account FIRST_ACCOUNT + i, at STANDARD. */
    static TokenIndex index(TokenHasher hasher, String[] tokens) {
        TokenIndex index = new TokenIndex(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            index.activate(FIRST_ACCOUNT + i, 1, hasher.digest(tokens[i]), AccessLevel.STANDARD);
        }
        return index;
    }
}
