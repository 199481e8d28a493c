package dev.tessera.token;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Computes {@link TokenDigest}s: HMAC-SHA256 (RFC 2104) of the token's ASCII bytes under the server
 * pepper. Thread-safe: each thread keeps its own SHA-256 engine and buffers, so a digest costs one
 * HMAC, one small object (the digest) and no lock.
 *
 * <p>The HMAC is written out over {@link MessageDigest} (inner hash of key⊕ipad ‖ token, outer hash
 * of key⊕opad ‖ inner) because {@code javax.crypto.Mac} allocates a fresh array for every result; the
 * output is the same bytes (see {@code TokenHasherTests}).
 */
public final class TokenHasher {

    private static final int BLOCK = 64;

    private final byte[] innerPad;
    private final byte[] outerPad;
    private final ThreadLocal<State> state;

    public TokenHasher(TokenPepper pepper) {
        byte[] key = pepper.bytes();
        if (key.length > BLOCK) {
            key = sha256().digest(key);
        }
        innerPad = new byte[BLOCK];
        outerPad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0;
            innerPad[i] = (byte) (k ^ 0x36);
            outerPad[i] = (byte) (k ^ 0x5c);
        }
        Arrays.fill(key, (byte) 0);
        this.state = ThreadLocal.withInitial(State::new);
    }

    /**
     * Digest of a well-formed token (see {@link DeveloperToken#isWellFormed}); the caller checks the
     * shape first, since the characters are read as ASCII bytes (22, or up to
     * {@link PrefixedFormat#MAX_LENGTH} for a prefixed token).
     */
    public TokenDigest digest(CharSequence wellFormedToken) {
        return TokenDigest.of(digestBytes(wellFormedToken), 0);
    }

    /**
     * The digest's 32 bytes in this thread's own array, for a lookup that makes no object: valid
     * until this thread's next digest; never keep or modify it.
     */
    public byte[] digestBytes(CharSequence wellFormedToken) {
        State s = state.get();
        byte[] input = s.input;
        int length = wellFormedToken.length();
        if (length > input.length) {
            throw new IllegalArgumentException("Not a well-formed developer token");
        }
        for (int i = 0; i < length; i++) {
            input[i] = (byte) wellFormedToken.charAt(i);
        }
        MessageDigest sha = s.sha;
        byte[] hash = s.hash;
        try {
            sha.update(innerPad, 0, BLOCK);
            sha.update(input, 0, length);
            sha.digest(hash, 0, TokenDigest.BYTES);
            sha.update(outerPad, 0, BLOCK);
            sha.update(hash, 0, TokenDigest.BYTES);
            sha.digest(hash, 0, TokenDigest.BYTES);
        } catch (DigestException e) {
            sha.reset();
            throw new IllegalStateException("SHA-256 failed", e);
        }
        return hash;
    }

    public TokenDigest digest(DeveloperToken token) {
        return digest(token.value());
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
        final byte[] input = new byte[Math.max(DeveloperToken.LENGTH, PrefixedFormat.MAX_LENGTH)];
        final byte[] hash = new byte[TokenDigest.BYTES];
    }
}
