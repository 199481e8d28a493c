package dev.tessera.contact;

import dev.tessera.testing.Fast;
import dev.tessera.testing.Outboxes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.SmtpServer;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Without spring.mail.host, notices stay in the outbox, readable, and go out once SMTP is configured (issue 5). */
class ContactWithoutSmtpTests {

    @Test
    void noticesAreHeldAndReadableWithoutSmtpAndSentOnceSmtpIsConfigured() {
        TestDatabase database = TestDatabase.fresh(Storage.H2);
        Scenario.Account account;
        String masked;
        try (RunningTessera tessera = RunningTessera.start(database, Fast.with())) {
            Scenario scenario = new Scenario(tessera);
            account = scenario.account("shannon");
            scenario.issueToken(account);
            Api.Reply reset = scenario.reset(account, "rotation");
            assertThat(reset.status()).isEqualTo(200);
            masked = reset.text("maskedToken");

            JsonNode held = Outboxes.notifications(account);
            assertThat(held).hasSize(3);
            for (JsonNode mail : held) {
                assertThat(mail.get("state").asString()).isEqualTo("HELD");
            }
            assertThat(held.get(0).get("kind").asString()).isEqualTo("TOKEN_RESET");
            assertThat(held.get(0).get("textBody").asString()).contains(masked, "rotation")
                    .doesNotContain(reset.text("developerToken"));
        }

        try (SmtpServer smtp = new SmtpServer();
                RunningTessera tessera = RunningTessera.start(database, Fast.with(smtp.properties()))) {
            Scenario.User admin = account.admin();
            Scenario.Account again = new Scenario.Account(account.customerId(),
                    new Scenario.User(admin.email(), admin.password(), tessera.api().as(admin.email(), admin.password())));
            Outboxes.awaitAllSent(again);
            assertThat(smtp.to("api-team@acme.example", text -> text.contains(masked))).hasSize(1);
            assertThat(smtp.received()).hasSize(3);
        }
    }
}
