package dev.tessera.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key text: {@code tsk_} and 43 base64url characters (256 random bits). Stored only as its
 * SHA-256 digest: with 256 random bits no pepper or slow hash is needed, and checking a key costs
 * one hash (microseconds), not a bcrypt (tens of milliseconds).
 */
final class ApiKeySecret {

    static final String PREFIX = "tsk_";
    static final int LENGTH = PREFIX.length() + 43;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecret() {}

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the text has a key's shape; anything else is refused without a database query. */
    static boolean isWellFormed(String text) {
        if (text == null || text.length() != LENGTH || !text.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** {@code tsk_ABcd…STUv}: enough to recognise a key, never enough to use it. */
    static String mask(String key) {
        return key.substring(0, PREFIX.length() + 4) + "…" + key.substring(key.length() - 4);
    }
}
