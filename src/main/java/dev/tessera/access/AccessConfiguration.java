package dev.tessera.access;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One quota ledger per node. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    @Bean
    QuotaLedger quotaLedger(Clock clock) {
        return new QuotaLedger(clock);
    }
}
