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
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Notices to the API contact email over real SMTP, and the outbox lists (issue 5). */
class ContactNotificationTests {

    static SmtpServer smtp;
    static RunningTessera tessera;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        smtp = new SmtpServer();
        tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2),
                Fast.with(smtp.properties("tessera.public-url=https://tessera.acme.example/")));
        scenario = new Scenario(tessera);
    }

    @AfterAll
    static void stop() {
        tessera.close();
        smtp.close();
    }

    @Test
    void resetDeliversExactlyOneNoticeWithTheMaskedTokenAndNeverTheFullToken() {
        Scenario.Account account = scenario.account("turing");
        String contact = contactOf(account);
        scenario.issueToken(account);
        Api.Reply reset = scenario.reset(account, "a contractor who knew it left");
        assertThat(reset.status()).isEqualTo(200);
        String full = reset.text("developerToken");
        String masked = reset.text("maskedToken");

        Outboxes.awaitAllSent(account);
        List<MimeMessage> notices = smtp.to(contact, text -> text.contains("Developer token reset"));
        assertThat(notices).hasSize(1);
        String text = SmtpServer.text(notices.get(0));
        assertThat(text)
                .contains(masked, account.admin().email(), "127.0.0.1", "a contractor who knew it left", "Tessera",
                        "Acme MCC", ContactEmailConfirmationTests.displayed(account),
                        "https://tessera.acme.example/accounts/" + account.customerId() + "/api-center")
                .doesNotContain(full);
        assertThat(smtp.to(contact, body -> body.contains(full))).isEmpty();
        assertThat(smtp.to(contact, body -> body.contains("Developer token issued"))).hasSize(1);
    }

    @Test
    void accessDecisionsAreMailedToTheContact() {
        Scenario.Account account = scenario.account("hopper");
        String contact = contactOf(account);
        scenario.issueToken(account);
        scenario.promote(account, "BASIC");
        Api.Reply standard = account.admin().api().post(account.path() + "/access-applications", Map.of(
                "requestedLevel", "STANDARD", "useCase", "Growth", "expectedDailyOperations", 90_000,
                "companyUrl", "https://acme.example"));
        tessera.operator().post("/api/v1/access-applications/" + standard.json().get("id").asLong() + ":reject",
                Map.of("reason", "Volume does not need STANDARD yet"));

        List<MimeMessage> approved = smtp.await(contact, 1, text -> text.contains("Application approved"));
        assertThat(SmtpServer.text(approved.get(0))).contains("BASIC");
        List<MimeMessage> changed = smtp.await(contact, 1, text -> text.contains("Access level changed"));
        assertThat(SmtpServer.text(changed.get(0))).contains("TEST_ACCOUNT", "BASIC");
        List<MimeMessage> rejected = smtp.await(contact, 1, text -> text.contains("Application rejected"));
        assertThat(SmtpServer.text(rejected.get(0))).contains("STANDARD", "Volume does not need STANDARD yet");
    }

    @Test
    void removingAnAdminPromptsTheContactToResetTheToken() {
        Scenario.Account account = scenario.account("church");
        String contact = contactOf(account);
        Scenario.User other = scenario.user("kleene");
        scenario.addMember(account, other, "ADMIN");
        assertThat(account.admin().api().delete(account.path() + "/users/" + other.email()).status()).isEqualTo(204);

        List<MimeMessage> notices = smtp.await(contact, 1, text -> text.contains("An ADMIN was removed")
                && text.contains(ContactEmailConfirmationTests.displayed(account)));
        assertThat(notices).hasSize(1);
        assertThat(SmtpServer.text(notices.get(0))).contains(other.email(), "reset the token");
    }

    @Test
    void demotingAnAdminAlsoPromptsAReset() {
        Scenario.Account account = scenario.account("backus");
        String contact = contactOf(account);
        Scenario.User other = scenario.user("naur");
        scenario.addMember(account, other, "ADMIN");
        scenario.addMember(account, other, "STANDARD");

        List<MimeMessage> notices = smtp.await(contact, 1, text -> text.contains("An ADMIN was removed"));
        assertThat(notices).hasSize(1);
        assertThat(SmtpServer.text(notices.get(0))).contains(other.email() + " is no longer an ADMIN");
    }

    @Test
    void adminSeesTheAccountsNotificationsWithDeliveryStateAndOperatorSeesAll() {
        Scenario.Account account = scenario.account("hamming");
        scenario.issueToken(account);
        JsonNode sent = Outboxes.awaitAllSent(account);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).get("kind").asString()).isEqualTo("TOKEN_ISSUED");
        assertThat(sent.get(0).get("sentAt").asString()).isNotBlank();
        JsonNode confirmation = sent.get(1);
        assertThat(confirmation.get("kind").asString()).isEqualTo("CONTACT_CONFIRMATION");
        assertThat(confirmation.get("textBody").asString())
                .contains("[confirmation link: created when this mail is sent]")
                .doesNotContain("token=");

        Scenario.User reader = scenario.user("reader");
        scenario.addMember(account, reader, "READ_ONLY");
        assertThat(reader.api().get(account.path() + "/notifications").status()).isEqualTo(403);
        assertThat(account.admin().api().get("/api/v1/notifications").status()).isEqualTo(403);

        Api.Reply all = tessera.operator().get("/api/v1/notifications?size=200");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("total").asLong()).isGreaterThanOrEqualTo(2);
        boolean found = false;
        for (JsonNode mail : all.json().get("notifications")) {
            found |= mail.get("customerId").asString().equals(account.customerId());
        }
        assertThat(found).isTrue();
        assertThat(tessera.operator().get("/api/v1/notifications?size=0").text("field")).isEqualTo("size");
    }

    private static String contactOf(Scenario.Account account) {
        String contact = "contact-" + account.customerId() + "@acme.example";
        Api.Reply changed = account.admin().api().put(account.path() + "/api-contact-email", Map.of("email", contact));
        assertThat(changed.status()).isEqualTo(200);
        return contact;
    }
}
