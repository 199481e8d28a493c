package dev.tessera.token;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A developer token: 22 characters of base64url carrying 128 random bits. The value is a secret;
 * {@link #toString()} masks it, so a token that slips into a log line or an exception message
 * shows only {@code ABcd…STUv}.
 */
public record DeveloperToken(String value) {

    /** Length of every developer token. */
    public static final int LENGTH = 22;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    public DeveloperToken {
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("A developer token has 22 characters of A-Z a-z 0-9 - _");
        }
    }

    /** A new token from 128 bits of the given source, which must be a {@link SecureRandom}. */
    static DeveloperToken generate(SecureRandom random) {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        return new DeveloperToken(ENCODER.encodeToString(bits));
    }

    /**
     * Whether the text has a token's shape: 22 characters of {@code A-Z a-z 0-9 - _}, the last one
     * carrying the 2 final bits (so one of {@code AQgw}). Allocates nothing; the data plane calls it
     * before hashing.
     */
    public static boolean isWellFormed(CharSequence text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64url) {
                return false;
            }
        }
        char last = text.charAt(LENGTH - 1);
        return last == 'A' || last == 'Q' || last == 'g' || last == 'w';
    }

    /** The form shown again after issue: first four and last four characters, {@code ABcd…STUv}. */
    public String masked() {
        return mask(value);
    }

    static String mask(String value) {
        return value.substring(0, 4) + '…' + value.substring(LENGTH - 4);
    }

    @Override
    public String toString() {
        return masked();
    }
}
