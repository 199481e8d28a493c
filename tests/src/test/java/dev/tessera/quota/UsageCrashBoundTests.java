package dev.tessera.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The bound on what a crash can lose of quota usage: what was counted since the last flush, at most
 * one {@code tessera.access.usage-flush-interval} (issue #6).
 */
class UsageCrashBoundTests {

    @Test
    void aCrashLosesAtMostTheUsageSinceTheLastFlush() {
        // A second node on the same database reads what a crashed node would leave behind. H2's file
        // database admits one process, so on H2 the "survivor" starts after a graceful stop instead
        // (covered above); the bound is the same code path: what the flusher wrote.
        TestDatabase database = TestDatabase.fresh(Storage.POSTGRES);
        String hourly = "tessera.access.usage-flush-interval=1h";
        try (RunningTessera first = RunningTessera.start(database, hourly)) {
            Scenario scenario = new Scenario(first);
            Scenario.Account account = scenario.account("crashy");
            String token = scenario.issueToken(account);
            scenario.promote(account, "BASIC");
            assertThat(scenario.verify(token, null, null, 100).status()).isEqualTo(200);
            first.bean(UsageFlusher.class).flush();
            assertThat(scenario.verify(token, null, null, 50).status()).isEqualTo(200);

            try (RunningTessera survivor = RunningTessera.start(database, hourly)) {
                QuotaLedger ledger = survivor.bean(QuotaLedger.class);
                long account1 = Long.parseLong(account.customerId());
                assertThat(ledger.used(account1, false)).as("flushed usage is read back; the unflushed 50 are the loss")
                        .isEqualTo(100);
                Scenario other = new Scenario(survivor);
                assertThat(other.verify(token, null, null, 14_900).status()).isEqualTo(200);
                assertThat(other.verify(token, null, null, 1).status()).isEqualTo(429);
            }
        }
    }
}
