package dev.tessera.verifier.spring;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tessera.verifier.*} ({@code TESSERA_VERIFIER_*}).
 *
 * @param url Tessera's main URL
 * @param apiKey an API key of scope {@code verifier}
 * @param name how reset receipts name this application ({@code verifier:<name>}); the application's name when unset
 * @param extraDriftMargin stop serving this much earlier than the server's lease requires
 * @param urlPatterns the paths the filter guards; {@code /*} when unset
 */
@ConfigurationProperties("tessera.verifier")
public record TesseraVerifierProperties(String url, String apiKey, String name, Duration extraDriftMargin,
        List<String> urlPatterns) {

    public TesseraVerifierProperties {
        extraDriftMargin = extraDriftMargin == null ? Duration.ZERO : extraDriftMargin;
        urlPatterns = urlPatterns == null || urlPatterns.isEmpty() ? List.of("/*") : List.copyOf(urlPatterns);
    }
}
