package dev.tessera.token;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A developer token: 22 characters of base64url carrying 128 random bits (the default, shaped like
 * Google's), or a scannable prefixed token ({@link PrefixedFormat}, opt-in). Both verify side by side.
 * The value is a secret; {@link #toString()} masks it, so a token that slips into a log line or an
 * exception message shows only {@code ABcd…STUv} (or {@code tsr_ABcd…STUv}).
 */
public record DeveloperToken(String value) {

    /** Length of every token of the default format. */
    public static final int LENGTH = 22;

    /** 1 for the characters of base64url ({@code A-Z a-z 0-9 - _}) among the first 128, else 0. */
    private static final int[] BASE64URL = new int[128];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray()) {
            BASE64URL[c] = 1;
        }
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    public DeveloperToken {
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException(
                    "A developer token has 22 characters of A-Z a-z 0-9 - _, or a prefix, 36 base62 characters and a fitting checksum");
        }
    }

    /** A new token from 128 bits of the given source, which must be a {@link SecureRandom}. */
    static DeveloperToken generate(SecureRandom random) {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        return new DeveloperToken(ENCODER.encodeToString(bits));
    }

    /** A new token of the prefixed format ({@link PrefixedFormat}). */
    static DeveloperToken generatePrefixed(SecureRandom random, String prefix) {
        return new DeveloperToken(PrefixedFormat.generate(random, prefix));
    }

    /**
     * Whether the text has a token's shape: 22 characters of {@code A-Z a-z 0-9 - _}, the last one
     * carrying the 2 final bits (so one of {@code AQgw}); or the prefixed format with a checksum that
     * fits ({@link PrefixedFormat#isWellFormed}). Allocates nothing; the data plane calls it before
     * hashing. The default format costs one length test more than it did alone.
     */
    public static boolean isWellFormed(CharSequence text) {
        if (text == null) {
            return false;
        }
        if (text.length() != LENGTH) {
            return text.length() > LENGTH && PrefixedFormat.isWellFormed(text);
        }
        // One table lookup per character and no early exit: a chain of range tests branches on
        // every character's class, which for random text mispredicts and cost ~80 ns a token.
        int bad = 0;
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            bad |= (c >>> 7) | (BASE64URL[c & 0x7f] ^ 1);
        }
        char last = text.charAt(LENGTH - 1);
        return bad == 0 && (last == 'A' || last == 'Q' || last == 'g' || last == 'w');
    }

    /** The form shown again after issue: first four and last four characters, {@code ABcd…STUv}. */
    public String masked() {
        return mask(value);
    }

    /** First four and last four characters; a prefixed token keeps its prefix too ({@code tsr_ABcd…STUv}). */
    static String mask(String value) {
        int start = value.length() == LENGTH ? 0 : value.length() - PrefixedFormat.BODY;
        return value.substring(0, start + 4) + '…' + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }
}
