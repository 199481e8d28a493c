package dev.tessera.outbox;

import dev.tessera.testing.Outboxes;
import dev.tessera.testing.Fast;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.SmtpServer;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * An SMTP outage neither fails nor slows a reset, and loses no notice, also across a restart; on H2
 * and on PostgreSQL (issue 5). While down, the SMTP port accepts connections and never answers (a
 * hung server, 1 s timeout), so a reset that waited for SMTP would take at least a second.
 */
@ParameterizedClass
@EnumSource(Storage.class)
class NotificationOutboxDurabilityTests {

    private static final int RESETS = 20;

    @Parameter
    Storage storage;

    SmtpServer smtp;
    TestDatabase database;
    RunningTessera tessera;

    @BeforeEach
    void start() {
        smtp = new SmtpServer();
        database = TestDatabase.fresh(storage);
        tessera = RunningTessera.start(database, Fast.with(smtp.properties()));
    }

    @AfterEach
    void stop() {
        tessera.close();
        smtp.close();
    }

    @Test
    void resetsDuringAnSmtpOutageSucceedQuicklyAndEveryNoticeArrivesOnceAfterIt() {
        Scenario.Account account = accountWithToken();
        String contact = contactOf(account);

        smtp.down();
        Set<String> masked = resetManyTimes(account);
        assertNothingSentYet(account);

        smtp.up();
        assertEveryNoticeArrivedOnce(account, contact, masked);
    }

    @Test
    void noticesQueuedDuringAnOutageSurviveARestartAndArriveOnce() {
        Scenario.Account account = accountWithToken();
        String contact = contactOf(account);

        smtp.down();
        Set<String> masked = resetManyTimes(account);
        assertNothingSentYet(account);

        tessera.close();
        tessera = RunningTessera.start(database, Fast.with(smtp.properties()));
        Scenario.User admin = account.admin();
        account = new Scenario.Account(account.customerId(),
                new Scenario.User(admin.email(), admin.password(), tessera.api().as(admin.email(), admin.password())));

        smtp.up();
        assertEveryNoticeArrivedOnce(account, contact, masked);
    }

    private Scenario.Account accountWithToken() {
        Scenario scenario = new Scenario(tessera);
        Scenario.Account account = scenario.account("babbage");
        scenario.issueToken(account);
        return account;
    }

    private String contactOf(Scenario.Account account) {
        String contact = "ops-" + account.customerId() + "@acme.example";
        assertThat(account.admin().api().put(account.path() + "/api-contact-email", Map.of("email", contact)).status())
                .isEqualTo(200);
        Outboxes.awaitAllSent(account);
        return contact;
    }

    private Set<String> resetManyTimes(Scenario.Account account) {
        Scenario scenario = new Scenario(tessera);
        Set<String> masked = new HashSet<>();
        for (int i = 0; i < RESETS; i++) {
            Api.Reply reset = scenario.reset(account, "drill " + i);
            assertThat(reset.status()).as("%s", reset).isEqualTo(200);
            masked.add(reset.text("maskedToken"));
        }
        assertThat(masked).hasSize(RESETS);
        return masked;
    }

    private static void assertNothingSentYet(Scenario.Account account) {
        int resets = 0;
        for (JsonNode mail : Outboxes.notifications(account)) {
            if (mail.get("kind").asString().equals("TOKEN_RESET")) {
                resets++;
                assertThat(mail.get("state").asString()).isIn("PENDING", "SENDING");
            }
        }
        assertThat(resets).isEqualTo(RESETS);
    }

    private void assertEveryNoticeArrivedOnce(Scenario.Account account, String contact, Set<String> masked) {
        JsonNode all = Outboxes.awaitAllSent(account);
        assertThat(all).hasSize(RESETS + 4); // account's confirmation, token issued, contact confirmation, contact changed
        List<MimeMessage> notices = smtp.to(contact, text -> text.contains("Developer token reset"));
        assertThat(notices).hasSize(RESETS);
        Set<String> delivered = new HashSet<>();
        for (MimeMessage notice : notices) {
            String text = SmtpServer.text(notice);
            masked.stream().filter(text::contains).forEach(delivered::add);
        }
        assertThat(delivered).isEqualTo(masked);
    }
}
