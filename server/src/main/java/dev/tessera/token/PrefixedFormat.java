package dev.tessera.token;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The scannable token format (opt-in, {@code TESSERA_TOKEN_FORMAT=prefixed}): a prefix that names
 * the issuer ({@code tsr_} by default: a lower-case letter, one to nine lower-case letters or digits,
 * and an underscore), 30 random base62 characters (178 bits) and the CRC32 of everything before it
 * (prefix and random part) in 6 base62 characters, left-padded with {@code 0}. A secret scanner matches it by its prefix; a typo
 * is refused from its shape alone, since the checksum no longer fits (GitHub's token format is the
 * model).
 *
 * <p>{@link #isWellFormed} accepts any prefix of the allowed shape, not only the configured one, so
 * tokens issued under an earlier prefix keep verifying after the prefix changes. It allocates nothing.
 */
public final class PrefixedFormat {

    /** Random characters after the prefix. */
    static final int RANDOM = 30;
    /** Checksum characters at the end. */
    static final int CHECKSUM = 6;
    /** Characters after the prefix (its underscore excluded). */
    static final int BODY = RANDOM + CHECKSUM;
    static final int MIN_PREFIX = 3;
    static final int MAX_PREFIX = 11;
    /** Length of the longest prefixed token. */
    public static final int MAX_LENGTH = MAX_PREFIX + BODY;

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{1,9}_");
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    /** Value of each base62 character among the first 128, -1 for any other. */
    private static final byte[] VALUE = new byte[128];
    /** CRC-32 tables for slicing by 4: CRC[0] is the byte-at-a-time table, CRC[k] advances it k bytes more. */
    private static final int[] CRC0 = new int[256];
    private static final int[] CRC1 = new int[256];
    private static final int[] CRC2 = new int[256];
    private static final int[] CRC3 = new int[256];

    static {
        java.util.Arrays.fill(VALUE, (byte) -1);
        for (int i = 0; i < BASE62.length; i++) {
            VALUE[BASE62[i]] = (byte) i;
        }
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            CRC0[n] = c;
        }
        for (int n = 0; n < 256; n++) {
            CRC1[n] = (CRC0[n] >>> 8) ^ CRC0[CRC0[n] & 0xff];
            CRC2[n] = (CRC1[n] >>> 8) ^ CRC0[CRC1[n] & 0xff];
            CRC3[n] = (CRC2[n] >>> 8) ^ CRC0[CRC2[n] & 0xff];
        }
    }

    private PrefixedFormat() {}

    /** Whether {@code prefix} may prefix tokens. */
    public static boolean isValidPrefix(String prefix) {
        return prefix != null && PREFIX.matcher(prefix).matches();
    }

    /**
     * The regular expression that matches the tokens of this prefix, for secret scanners:
     * {@code tsr_[0-9A-Za-z]{36}} for {@code tsr_}, between word boundaries.
     */
    public static String scannerPattern(String prefix) {
        return "\\b" + prefix + "[0-9A-Za-z]{" + BODY + "}\\b";
    }

    /** A new token: {@code prefix}, 30 uniform base62 characters from {@code random}, their checksum. */
    static String generate(SecureRandom random, String prefix) {
        if (!isValidPrefix(prefix)) {
            throw new IllegalArgumentException("A token prefix is a lower-case letter, 1 to 9 lower-case letters or digits, and _");
        }
        StringBuilder token = new StringBuilder(prefix.length() + BODY).append(prefix);
        byte[] bytes = new byte[64];
        int made = 0;
        while (made < RANDOM) {
            random.nextBytes(bytes);
            for (int i = 0; i < bytes.length && made < RANDOM; i++) {
                int b = bytes[i] & 0xff;
                if (b < 248) { // 248 = 4 × 62: no bias
                    token.append(BASE62[b % 62]);
                    made++;
                }
            }
        }
        long crc = crc32(token, 0, prefix.length() + RANDOM) & 0xffffffffL;
        char[] checksum = new char[CHECKSUM];
        for (int i = CHECKSUM - 1; i >= 0; i--) {
            checksum[i] = BASE62[(int) (crc % 62)];
            crc /= 62;
        }
        return token.append(checksum).toString();
    }

    /**
     * Whether the text has the prefixed shape and its checksum fits: a prefix of the allowed shape,
     * 36 base62 characters, the last 6 the CRC32 of all the characters before them. Allocates nothing.
     */
    public static boolean isWellFormed(CharSequence text) {
        int length = text.length();
        if (length < MIN_PREFIX + BODY || length > MAX_LENGTH) {
            return false;
        }
        int body = length - BODY;
        if (text.charAt(body - 1) != '_') {
            return false;
        }
        char first = text.charAt(0);
        if (first < 'a' || first > 'z') {
            return false;
        }
        for (int i = 1; i < body - 1; i++) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        int bad = 0;
        for (int i = body; i < length; i++) {
            char c = text.charAt(i);
            bad |= (c >>> 7) | (VALUE[c & 0x7f] >>> 31);
        }
        if (bad != 0) {
            return false;
        }
        long checksum = 0;
        for (int i = body + RANDOM; i < length; i++) {
            checksum = checksum * 62 + VALUE[text.charAt(i)];
        }
        return checksum == (crc32(text, 0, body + RANDOM) & 0xffffffffL);
    }

    /**
     * CRC-32 (IEEE, as java.util.zip.CRC32) of the ASCII characters {@code [from, to)}, four at a time
     * ("slicing by 4"): four independent table reads a step instead of a chain of one per character
     * (TokenShapeBenchmark; figures in benchmarks/RESULTS.md).
     */
    private static int crc32(CharSequence text, int from, int to) {
        int crc = 0xFFFFFFFF;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            crc ^= (text.charAt(i) & 0xff) | (text.charAt(i + 1) & 0xff) << 8 | (text.charAt(i + 2) & 0xff) << 16
                    | (text.charAt(i + 3) & 0xff) << 24;
            crc = CRC3[crc & 0xff] ^ CRC2[(crc >>> 8) & 0xff] ^ CRC1[(crc >>> 16) & 0xff] ^ CRC0[crc >>> 24];
        }
        for (; i < to; i++) {
            crc = CRC0[(crc ^ text.charAt(i)) & 0xff] ^ (crc >>> 8);
        }
        return ~crc;
    }
}
