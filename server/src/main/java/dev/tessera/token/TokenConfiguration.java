package dev.tessera.token;

import dev.tessera.system.SecretFiles;
import dev.tessera.system.StartupRefusal;
import dev.tessera.system.TesseraProperties;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Where the token pepper comes from: {@code TESSERA_TOKEN_PEPPER} when set; on the embedded H2
 * default, a pepper generated once into {@code <data dir>/token-pepper} (mode 600) and reused;
 * with any other database a pepper must be given, and start-up fails saying how.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    static final String PEPPER_FILE = "token-pepper";

    private static final Logger log = LoggerFactory.getLogger(TokenConfiguration.class);

    /**
     * Checks the pepper setting before any bean is made, so a missing or bad pepper stops start-up
     * before Flyway touches the database, with a message naming TESSERA_TOKEN_PEPPER.
     */
    @Bean
    static BeanFactoryPostProcessor pepperCheck(Environment environment) {
        return beanFactory -> {
            String pepper = environment.getProperty("tessera.token-pepper", "");
            if (pepper.isBlank()) {
                if (!environment.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:")) {
                    throw new MissingPepperException();
                }
                return;
            }
            try {
                TokenPepper.fromBase64(pepper);
            } catch (IllegalArgumentException e) {
                throw new StartupRefusal(e.getMessage() + ".", "Set TESSERA_TOKEN_PEPPER to " + PEPPER_EXAMPLE
                        + ", the same on every node.");
            }
        };
    }

    @Bean
    TokenPepper tokenPepper(TesseraProperties properties, Environment environment) {
        if (properties.tokenPepper() != null) {
            return TokenPepper.fromBase64(properties.tokenPepper());
        }
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:h2:")) {
            throw new MissingPepperException();
        }
        Path file = properties.dataDir().resolve(PEPPER_FILE);
        return SecretFiles.read(file).map(TokenPepper::fromBase64).orElseGet(() -> {
            byte[] bits = new byte[TokenPepper.MIN_BYTES];
            new SecureRandom().nextBytes(bits);
            String encoded = Base64.getEncoder().encodeToString(bits);
            SecretFiles.create(file, encoded);
            log.info("Generated the token pepper into {}; back it up with the database", file.toAbsolutePath());
            return TokenPepper.fromBase64(encoded);
        });
    }

    @Bean
    TokenHasher tokenHasher(TokenPepper pepper) {
        return new TokenHasher(pepper);
    }

    /** TESSERA_TOKEN_FORMAT and TESSERA_TOKEN_PREFIX; a bad value stops start-up saying which. */
    @Bean
    TokenFormat tokenFormat(Environment environment) {
        try {
            TokenFormat format = TokenFormat.of(environment.getProperty("tessera.token-format"),
                    environment.getProperty("tessera.token-prefix"));
            if (format.prefixed()) {
                log.info("New developer tokens are prefixed; register {} with secret scanners", format.scannerPattern());
            }
            return format;
        } catch (IllegalArgumentException e) {
            throw new StartupRefusal(e.getMessage() + ".", "Unset TESSERA_TOKEN_FORMAT for the default format, or set"
                    + " TESSERA_TOKEN_FORMAT=prefixed and, optionally, TESSERA_TOKEN_PREFIX=tsr_.");
        }
    }

    @Bean
    SecureRandom tokenRandom() {
        return new SecureRandom();
    }

    private static final String PEPPER_EXAMPLE = "a base64 secret of at least 32 bytes"
            + " (for example: export TESSERA_TOKEN_PEPPER=\"$(openssl rand -base64 32)\")";

    /** Start-up refused: an external database needs an explicit pepper. */
    static final class MissingPepperException extends StartupRefusal {
        MissingPepperException() {
            super("Tessera needs a token pepper when it does not use the embedded H2 database, and"
                    + " TESSERA_TOKEN_PEPPER is not set. Nothing was done to the database.",
                    "Set TESSERA_TOKEN_PEPPER to " + PEPPER_EXAMPLE + ", the same on every node. Keep it out of"
                            + " the database and back it up: without it no existing token verifies.");
        }
    }
}
