package dev.tessera.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Webhook signing secrets: {@code whsec_} and 43 base64url characters (256 random bits), shown in
 * full once. Stored sealed with AES-256-GCM (random 96-bit nonce, the account id as associated data)
 * under a key derived from the token pepper, because the server must read a secret again to sign each
 * delivery; a copy of the database alone reveals none. Changing the pepper makes every stored secret
 * unreadable (deliveries then fail saying so; recreate the webhooks), as it invalidates every token.
 */
@Component
class SigningSecrets {

    static final String PREFIX = "whsec_";
    private static final String PURPOSE = "tessera webhook signing secrets v1";
    private static final int NONCE = 12;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SigningSecrets(SealingKeys keys) {
        this.key = new SecretKeySpec(keys.derive(PURPOSE), "AES");
    }

    String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String mask(String secret) {
        return secret.substring(0, PREFIX.length() + 4) + "…" + secret.substring(secret.length() - 4);
    }

    byte[] seal(String secret, long accountId) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, accountId, secret.getBytes(StandardCharsets.US_ASCII));
        return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
    }

    /** @throws IllegalStateException when the secret was sealed under another pepper (or altered) */
    String open(byte[] sealed, long accountId) {
        byte[] nonce = java.util.Arrays.copyOf(sealed, NONCE);
        byte[] body = java.util.Arrays.copyOfRange(sealed, NONCE, sealed.length);
        return new String(crypt(Cipher.DECRYPT_MODE, nonce, accountId, body), StandardCharsets.US_ASCII);
    }

    private byte[] crypt(int mode, byte[] nonce, long accountId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(ByteBuffer.allocate(Long.BYTES).putLong(accountId).array());
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The webhook secret cannot be opened: it was sealed under another token"
                    + " pepper or altered; recreate the webhook");
        }
    }
}
