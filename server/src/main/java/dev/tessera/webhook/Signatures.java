package dev.tessera.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Tessera-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">},
 * keyed with the webhook's secret (its full text, {@code whsec_…}, as UTF-8). The time is the
 * attempt's, so a receiver can refuse old replays; the body is the exact bytes sent.
 */
final class Signatures {

    static final String HEADER = "Tessera-Signature";

    private Signatures() {}

    static String header(String secret, long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
