package dev.tessera.contact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.SmtpServer;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The API contact email's confirmation round trip over real SMTP, and address validation (issue 5). */
class ContactEmailConfirmationTests extends MailTests {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<]+/contact-email/confirm\\?token=([A-Za-z0-9_-]{43})");

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void changedContactGetsAConfirmationLinkThatConfirmsItOnce() {
        Scenario.Account account = scenario.account("grace");
        String team = "platform-team-" + account.customerId() + "@acme.example";
        Api.Reply changed = admin(account).put(account.path() + "/api-contact-email", Map.of("email", team));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.text("status")).isEqualTo("UNCONFIRMED");
        assertThat(changed.text("email")).isEqualTo(team);

        String token = linkToken(smtp.await(team, 1, text -> text.contains("Confirm")).get(0));
        JdbcClient db = tessera.bean(JdbcClient.class);
        assertThat(db.sql("SELECT COUNT(*) FROM mail_outbox WHERE text_body LIKE :t OR html_body LIKE :t")
                .param("t", "%" + token + "%").query(Long.class).single()).as("link secret in the outbox").isZero();
        assertThat(db.sql("SELECT COUNT(*) FROM contact_confirmations WHERE digest = :d")
                .param("d", ContactConfirmations.digest(token)).query(Long.class).single()).isEqualTo(1);
        Api.Reply page = tessera.api().get("/contact-email/confirm?token=" + token);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("confirmed").doesNotContain(token);

        Api.Reply state = admin(account).get(account.path() + "/api-contact-email");
        assertThat(state.text("status")).isEqualTo("CONFIRMED");
        assertThat(state.text("confirmedAt")).isNotBlank();
        assertThat(state.json().get("looksPersonal").asBoolean()).isFalse();

        Api.Reply again = tessera.api().get("/contact-email/confirm?token=" + token);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.body()).contains("already used");
        Api.Reply audit = admin(account).get(account.path() + "/audit-events?type=CONTACT_EMAIL_CONFIRMED");
        assertThat(audit.json().get("totalEvents").asLong()).isEqualTo(1);
    }

    @Test
    void newAccountsContactIsUnconfirmedWithALinkMailedToIt() {
        Scenario.Account account = scenario.account("hopper");
        Api.Reply state = admin(account).get(account.path() + "/api-contact-email");
        assertThat(state.text("status")).isEqualTo("UNCONFIRMED");
        assertThat(state.text("email")).isEqualTo("api-team@acme.example");
        List<MimeMessage> mails = smtp.await("api-team@acme.example", 1,
                text -> text.contains(displayed(account)) && text.contains("Confirm"));
        assertThat(mails).hasSize(1);
        assertThat(SmtpServer.text(mails.get(0))).contains("Tessera", "Acme MCC",
                "/accounts/" + account.customerId() + "/api-center");
        assertThat(tessera.api().get("/contact-email/confirm?token=" + linkToken(mails.get(0))).status()).isEqualTo(200);
        assertThat(admin(account).get(account.path() + "/api-contact-email").text("status")).isEqualTo("CONFIRMED");
    }

    @Test
    void previousAddressIsToldOfTheChange() {
        Scenario.Account account = scenario.account("lamport");
        String first = "first-" + account.customerId() + "@acme.example";
        String second = "second-" + account.customerId() + "@acme.example";
        assertThat(admin(account).put(account.path() + "/api-contact-email", Map.of("email", first)).status()).isEqualTo(200);
        assertThat(admin(account).put(account.path() + "/api-contact-email", Map.of("email", second)).status()).isEqualTo(200);

        List<MimeMessage> notices = smtp.await(first, 1, text -> text.contains("changed"));
        assertThat(notices).hasSize(1);
        assertThat(SmtpServer.text(notices.get(0))).contains(second, account.admin().email());
        assertThat(smtp.await(second, 1, text -> text.contains("Confirm"))).hasSize(1);
    }

    @Test
    void linkForAnAddressThatWasReplacedConfirmsNothing() {
        Scenario.Account account = scenario.account("backus");
        String old = "old-" + account.customerId() + "@acme.example";
        admin(account).put(account.path() + "/api-contact-email", Map.of("email", old));
        String token = linkToken(smtp.await(old, 1, text -> text.contains("Confirm")).get(0));
        admin(account).put(account.path() + "/api-contact-email", Map.of("email", "new-" + account.customerId() + "@acme.example"));

        Api.Reply page = tessera.api().get("/contact-email/confirm?token=" + token);
        assertThat(page.status()).isEqualTo(410);
        assertThat(page.body()).contains("no longer");
        assertThat(admin(account).get(account.path() + "/api-contact-email").text("status")).isEqualTo("UNCONFIRMED");
        assertThat(tessera.api().get("/contact-email/confirm?token=" + "A".repeat(43)).status()).isEqualTo(404);
    }

    @Test
    void expiredLinkSaysExpiredAndAResentLinkWorks() {
        Scenario.Account account = scenario.account("liskov");
        String team = "ops-" + account.customerId() + "@acme.example";
        admin(account).put(account.path() + "/api-contact-email", Map.of("email", team));
        String stale = linkToken(smtp.await(team, 1, text -> text.contains("Confirm")).get(0));

        clock.advance(Duration.ofHours(73));
        Api.Reply expired = tessera.api().get("/contact-email/confirm?token=" + stale);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("expired", "send a new link", "/accounts/" + account.customerId() + "/api-center");
        assertThat(admin(account).get(account.path() + "/api-contact-email").text("status")).isEqualTo("UNCONFIRMED");

        Api.Reply resent = admin(account).post(account.path() + "/api-contact-email:resend-confirmation", null);
        assertThat(resent.status()).as("%s", resent).isEqualTo(200);
        List<MimeMessage> mails = smtp.await(team, 2, text -> text.contains("Confirm"));
        assertThat(mails).hasSize(2);
        String fresh = linkToken(mails.get(1));
        assertThat(fresh).isNotEqualTo(stale);
        assertThat(tessera.api().get("/contact-email/confirm?token=" + fresh).status()).isEqualTo(200);
        assertThat(admin(account).get(account.path() + "/api-contact-email").text("status")).isEqualTo("CONFIRMED");
        assertThat(admin(account).post(account.path() + "/api-contact-email:resend-confirmation", null).status())
                .isEqualTo(409);
    }

    @Test
    void badAddressesAreRefusedNamingTheFieldAndLeaveTheContactUnchanged() {
        Scenario.Account account = scenario.account("dijkstra");
        for (String bad : List.of("a@b", "x@@y.com", "a".repeat(290) + "@example.com", "a@b.com\r\nBcc: evil@x.com",
                "\"Name\" <a@b.com>")) {
            Api.Reply refused = admin(account).put(account.path() + "/api-contact-email", Map.of("email", bad));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.text("field")).isEqualTo("email");
        }
        assertThat(admin(account).get(account.path() + "/api-contact-email").text("email")).isEqualTo("api-team@acme.example");
        assertThat(admin(account).get(account.path()).text("apiContactEmail")).isEqualTo("api-team@acme.example");
    }

    @Test
    void internationalDomainIsAcceptedAndPersonalLookingAddressesAreWarnedAbout() {
        Scenario.Account account = scenario.account("knuth");
        Api.Reply idn = admin(account).put(account.path() + "/api-contact-email", Map.of("email", "api@bücher.example"));
        assertThat(idn.status()).as("%s", idn).isEqualTo(200);
        assertThat(idn.json().get("looksPersonal").asBoolean()).isFalse();

        Api.Reply freeMail = admin(account).put(account.path() + "/api-contact-email", Map.of("email", "teamapi@gmail.com"));
        assertThat(freeMail.status()).isEqualTo(200);
        assertThat(freeMail.json().get("looksPersonal").asBoolean()).isTrue();
        assertThat(freeMail.text("personalWarning")).contains("free-mail");

        Api.Reply name = admin(account).put(account.path() + "/api-contact-email", Map.of("email", "donald.knuth@acme.example"));
        assertThat(name.status()).isEqualTo(200);
        assertThat(name.text("personalWarning")).contains("person's name");
    }

    @Test
    void onlyAnAdminChangesTheContact() {
        Scenario.Account account = scenario.account("hoare");
        Scenario.User standard = scenario.user("tony");
        scenario.addMember(account, standard, "STANDARD");
        Api.Reply refused = standard.api().put(account.path() + "/api-contact-email", Map.of("email", "x@acme.example"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(scenario.user("stranger").api().get(account.path() + "/api-contact-email").status()).isEqualTo(404);
    }

    private static Api admin(Scenario.Account account) {
        return account.admin().api();
    }

    static String displayed(Scenario.Account account) {
        String d = account.customerId();
        return d.substring(0, 3) + "-" + d.substring(3, 6) + "-" + d.substring(6);
    }

    static String linkToken(MimeMessage mail) {
        Matcher matcher = LINK.matcher(SmtpServer.text(mail));
        assertThat(matcher.find()).as("a confirmation link in the mail").isTrue();
        return matcher.group(1);
    }
}
