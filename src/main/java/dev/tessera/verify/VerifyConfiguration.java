package dev.tessera.verify;

import dev.tessera.dataplane.DataPlaneProperties;
import dev.tessera.dataplane.DataPlaneServer;
import dev.tessera.quota.AccessPolicy;
import dev.tessera.quota.QuotaLedger;
import dev.tessera.token.TokenHasher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The data plane's in-memory state, its decision and its dedicated listener, one of each per node. */
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
    Verifier verifier(TokenHasher hasher, TokenIndex tokens, ClientAccountIndex clients, AccessPolicy policy,
            QuotaLedger quotas) {
        return new Verifier(hasher, tokens, clients, policy, quotas);
    }

    @Bean
    DataPlane dataPlaneDecision(Verifier verifier, JsonMapper json) {
        return new DataPlane(verifier, json);
    }

    @Bean
    DataPlaneServer dataPlaneServer(DataPlane dataPlane, DataPlaneProperties properties) {
        return new DataPlaneServer(dataPlane, properties);
    }
}
