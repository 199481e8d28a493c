package dev.tessera.token;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes {@link TokenDigest}s: HMAC-SHA256 of the token's ASCII bytes under the server pepper.
 * Thread-safe: each thread keeps its own {@link Mac} and buffers, so a digest costs one HMAC and
 * one small object, and no lock.
 */
public final class TokenHasher {

    private final ThreadLocal<State> state;

    public TokenHasher(TokenPepper pepper) {
        SecretKeySpec key = new SecretKeySpec(pepper.bytes(), "HmacSHA256");
        newMac(key); // fail at start, not on the first request
        this.state = ThreadLocal.withInitial(() -> new State(newMac(key)));
    }

    /**
     * Digest of a well-formed token (see {@link DeveloperToken#isWellFormed}); the caller checks the
     * shape first, since only 22 ASCII characters are read.
     */
    public TokenDigest digest(CharSequence wellFormedToken) {
        State s = state.get();
        byte[] input = s.input;
        for (int i = 0; i < DeveloperToken.LENGTH; i++) {
            input[i] = (byte) wellFormedToken.charAt(i);
        }
        try {
            s.mac.update(input, 0, DeveloperToken.LENGTH);
            s.mac.doFinal(s.output, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 failed", e);
        }
        return TokenDigest.of(s.output, 0);
    }

    public TokenDigest digest(DeveloperToken token) {
        return digest(token.value());
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static final class State {
        final Mac mac;
        final byte[] input = new byte[DeveloperToken.LENGTH];
        final byte[] output = new byte[TokenDigest.BYTES];

        State(Mac mac) {
            this.mac = mac;
        }
    }
}
