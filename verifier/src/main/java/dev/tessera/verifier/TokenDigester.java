package dev.tessera.verifier;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The token's digest as Tessera computes it: HMAC-SHA256 (RFC 2104) of its ASCII characters under
 * the server's pepper, written out over {@link MessageDigest} with per-thread buffers so a digest
 * allocates nothing (the result lives in the thread's own array until its next digest).
 */
final class TokenDigester {

    static final int LENGTH = 22;
    private static final int BLOCK = 64;
    private static final int[] BASE64URL = new int[128];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray()) {
            BASE64URL[c] = 1;
        }
    }

    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final ThreadLocal<State> state = ThreadLocal.withInitial(State::new);

    TokenDigester(byte[] key) {
        byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
    }

    /**
     * Whether the text has a developer token's shape: 22 base64url characters, 128 bits (the last one
     * of AQgw), or the prefixed format's ({@link PrefixedShape}).
     */
    static boolean isWellFormed(CharSequence text) {
        if (text.length() != LENGTH) {
            return text.length() > LENGTH && PrefixedShape.isWellFormed(text);
        }
        int bad = 0;
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            bad |= (c >>> 7) | (BASE64URL[c & 0x7f] ^ 1);
        }
        char last = text.charAt(LENGTH - 1);
        return bad == 0 && (last == 'A' || last == 'Q' || last == 'g' || last == 'w');
    }

    /** The 32 bytes of a well-formed token's digest, in this thread's array: valid until its next call. */
    byte[] digest(CharSequence wellFormedToken) {
        State s = state.get();
        int length = wellFormedToken.length();
        for (int i = 0; i < length; i++) {
            s.input[i] = (byte) wellFormedToken.charAt(i);
        }
        try {
            s.sha.update(innerPad, 0, BLOCK);
            s.sha.update(s.input, 0, length);
            s.sha.digest(s.hash, 0, 32);
            s.sha.update(outerPad, 0, BLOCK);
            s.sha.update(s.hash, 0, 32);
            s.sha.digest(s.hash, 0, 32);
        } catch (DigestException e) {
            s.sha.reset();
            throw new IllegalStateException("SHA-256 failed", e);
        }
        return s.hash;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static final class State {
        final MessageDigest sha = sha256();
        final byte[] input = new byte[PrefixedShape.MAX_LENGTH];
        final byte[] hash = new byte[32];
    }
}
