package dev.tessera.token;

import dev.tessera.webhook.SealingKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Keys derived from the token pepper, one per purpose: HMAC-SHA256 of the purpose's name under the
 * pepper. A derived key reveals nothing about the pepper, and differs from every token digest (those
 * are HMACs of 22-character tokens, never of a purpose's name).
 */
@Component
class PepperKeys implements SealingKeys {

    private final TokenPepper pepper;

    PepperKeys(TokenPepper pepper) {
        this.pepper = pepper;
    }

    @Override
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper.bytes(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
