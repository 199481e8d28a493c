package dev.tessera.verifier.spring;

import dev.tessera.verifier.TesseraVerifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * With {@code tessera.verifier.url} set: a started {@link TesseraVerifier}, closed with the context
 * (which says goodbye to Tessera). {@link TesseraVerifierFilterAutoConfiguration} puts its filter in
 * front of a servlet application.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "tessera.verifier", name = "url")
@EnableConfigurationProperties(TesseraVerifierProperties.class)
public class TesseraVerifierAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    TesseraVerifier tesseraVerifier(TesseraVerifierProperties properties, Environment environment) {
        if (properties.apiKey() == null || properties.apiKey().isBlank()) {
            throw new IllegalStateException("tessera.verifier.api-key (TESSERA_VERIFIER_API_KEY) is not set: create an API key"
                    + " of scope verifier in Tessera");
        }
        String name = properties.name() != null ? properties.name() : environment.getProperty("spring.application.name");
        return TesseraVerifier.builder(properties.url(), properties.apiKey())
                .name(name)
                .extraDriftMargin(properties.extraDriftMargin())
                .start();
    }
}
