package dev.tessera.quota;

import dev.tessera.system.CoarseClock;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One quota ledger per node. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    /**
     * The ledger reads the time on every granted request: on the system clock it reads the
     * {@link CoarseClock}; a clock put in place of the system's (tests move one) is read as is, so
     * moving it takes effect at once.
     */
    @Bean
    QuotaLedger quotaLedger(Clock clock) {
        return new QuotaLedger(clock.equals(Clock.systemUTC()) ? CoarseClock.systemUTC() : clock);
    }
}
