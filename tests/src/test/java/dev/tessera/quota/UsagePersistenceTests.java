package dev.tessera.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Quota usage survives a restart, and a crash loses at most what was not flushed yet (issue #6). */
@ParameterizedClass
@EnumSource(Storage.class)
class UsagePersistenceTests {

    @Parameter
    Storage storage;

    @Test
    void usageSurvivesARestart() {
        TestDatabase database = TestDatabase.fresh(storage);
        String token;
        Scenario.Account account;
        try (RunningTessera tessera = RunningTessera.start(database)) {
            Scenario scenario = new Scenario(tessera);
            account = scenario.account("durable");
            token = scenario.issueToken(account);
            scenario.promote(account, "BASIC");
            assertThat(scenario.verify(token, null, null, 10_000).status()).isEqualTo(200);
        }
        try (RunningTessera restarted = RunningTessera.start(database)) {
            Scenario scenario = new Scenario(restarted);
            assertThat(scenario.verify(token, null, null, 5_000).status()).isEqualTo(200);
            assertThat(scenario.verify(token, null, null, 1).status()).isEqualTo(429);
            // The usage report reads the same rows back, per hour and per day, on either database.
            Api.Reply report = restarted.api().as(account.admin().email(), account.admin().password())
                    .get(account.path() + "/usage");
            assertThat(report.status()).as("%s", report).isEqualTo(200);
            long hourly = 0;
            for (JsonNode hour : report.json().get("hourly")) {
                hourly += hour.get("acceptedOperations").asLong();
            }
            assertThat(hourly).isEqualTo(15_000);
            assertThat(report.json().at("/quotas/0/used").asLong()).isEqualTo(15_000);
        }
    }
}
