package dev.tessera.verify;

import dev.tessera.cluster.ClusterNode;
import dev.tessera.quota.AccessPolicy;
import dev.tessera.quota.QuotaLedger;
import dev.tessera.token.TokenHasher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The data plane's in-memory state and its decision, one of each per node (the listeners are in dataplane). */
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
    DataPlaneOutcomes dataPlaneOutcomes() {
        return new DataPlaneOutcomes();
    }

    @Bean
    DataPlane dataPlaneDecision(Verifier verifier, JsonMapper json, ClusterNode node, DataPlaneOutcomes outcomes) {
        return new DataPlane(verifier, json, node::current, outcomes);
    }

    @Bean
    VerifyMetrics verifyMetrics(DataPlaneOutcomes outcomes) {
        return new VerifyMetrics(outcomes);
    }
}
