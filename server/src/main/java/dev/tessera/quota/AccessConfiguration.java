package dev.tessera.quota;

import dev.tessera.cluster.ClusterNode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import dev.tessera.system.CoarseClock;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One quota ledger per node, charging the cluster's budgets. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    /**
     * The ledger reads the time on every granted request: on the system clock it reads the
     * {@link CoarseClock}; a clock put in place of the system's (tests move one) is read as is, so
     * moving it takes effect at once.
     */
    @Bean
    QuotaLedger quotaLedger(Clock clock, ClusterBudgets budgets) {
        return new QuotaLedger(clock.equals(Clock.systemUTC()) ? CoarseClock.systemUTC() : clock, budgets);
    }

    @Bean
    ClusterBudgets clusterBudgets(JdbcClient jdbc, PlatformTransactionManager transactions, ClusterNode node, Clock clock) {
        return new ClusterBudgets(jdbc, transactions, node, clock);
    }
}
