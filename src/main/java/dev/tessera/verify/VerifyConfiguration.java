package dev.tessera.verify;

import dev.tessera.token.TokenHasher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The data plane's in-memory state and its decision, one of each per node. */
@Configuration(proxyBeanMethods = false)
class VerifyConfiguration {

    @Bean
    TokenIndex tokenIndex() {
        return new TokenIndex();
    }

    @Bean
    ClientAccountIndex clientAccountIndex() {
        return new ClientAccountIndex();
    }

    @Bean
    Verifier verifier(TokenHasher hasher, TokenIndex tokens, ClientAccountIndex clients) {
        return new Verifier(hasher, tokens, clients);
    }
}
