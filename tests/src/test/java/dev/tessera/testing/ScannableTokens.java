package dev.tessera.testing;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * Prefixed tokens made the way the README defines them, independently of {@code token.PrefixedFormat}:
 * prefix + 30 base62 characters + the {@link CRC32} (java.util.zip) of both in 6 base62 characters.
 * Tests and benchmarks compare Tessera's shape check with this definition (issue 15).
 */
public final class ScannableTokens {

    public static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private ScannableTokens() {}

    /** A well-formed prefixed token from a seeded source. */
    public static String generate(SplittableRandom random, String prefix) {
        StringBuilder token = new StringBuilder(prefix);
        for (int j = 0; j < 30; j++) {
            token.append(BASE62.charAt(random.nextInt(62)));
        }
        return token + checksum(token.toString());
    }

    /** The checksum of a prefix and random part: their CRC32 in 6 base62 characters, left-padded with 0. */
    public static String checksum(String prefixAndRandom) {
        CRC32 crc = new CRC32();
        crc.update(prefixAndRandom.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[6];
        for (int i = 5; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(digits);
    }
}
