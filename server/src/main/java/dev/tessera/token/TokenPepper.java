package dev.tessera.token;

import java.util.Arrays;
import java.util.Base64;

/**
 * The server-side secret under which token digests are computed. Lives in configuration (or, on
 * the embedded default, in a file of the data directory), never in the database.
 */
public final class TokenPepper {

    /** Fewest bytes a pepper may have. */
    public static final int MIN_BYTES = 32;

    private final byte[] bytes;

    private TokenPepper(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /**
     * Decodes a base64 (standard or URL alphabet) pepper.
     *
     * @throws IllegalArgumentException when it is not base64 or shorter than 32 bytes; the message
     *     never contains the pepper
     */
    public static TokenPepper fromBase64(String text) {
        byte[] decoded;
        String trimmed = text.strip();
        try {
            decoded = trimmed.contains("-") || trimmed.contains("_")
                    ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TESSERA_TOKEN_PEPPER is not valid base64");
        }
        if (decoded.length < MIN_BYTES) {
            throw new IllegalArgumentException(
                    "TESSERA_TOKEN_PEPPER must decode to at least " + MIN_BYTES + " bytes, it has " + decoded.length);
        }
        return new TokenPepper(decoded);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenPepper that && java.security.MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "TokenPepper[…]";
    }
}
