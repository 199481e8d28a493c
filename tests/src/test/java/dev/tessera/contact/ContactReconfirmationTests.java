package dev.tessera.contact;

import dev.tessera.testing.Outboxes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.Scenario;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The 180-day re-confirmation: a scheduled job on the injected clock reminds the contact once (issue 5). */
class ContactReconfirmationTests extends MailTests {

    @Test
    void reminderFiresOnceWhenTheClockPassesTheReconfirmationPeriod() {
        Scenario.Account account = scenario.account("noether");
        String contact = "api-" + account.customerId() + "@acme.example";
        Api admin = account.admin().api();
        admin.put(account.path() + "/api-contact-email", Map.of("email", contact));
        String first = ContactEmailConfirmationTests.linkToken(smtp.await(contact, 1, text -> text.contains("Confirm")).get(0));
        assertThat(tessera.api().get("/contact-email/confirm?token=" + first).status()).isEqualTo(200);
        ContactReminders job = tessera.bean(ContactReminders.class);
        assertThat(job.remindDue()).as("nothing due on the day of confirmation").isZero();

        clock.advance(Duration.ofDays(181));
        List<MimeMessage> reminders = smtp.await(contact, 1, text -> text.contains("confirm your API contact email again"));
        assertThat(reminders).hasSize(1);
        assertThat(admin.get(account.path() + "/api-contact-email").text("status")).isEqualTo("RECONFIRMATION_DUE");
        assertThat(job.remindDue()).as("the scheduled run already reminded").isZero();
        assertThat(job.remindDue()).isZero();
        assertThat(reminderCount(account)).isEqualTo(1);

        String again = ContactEmailConfirmationTests.linkToken(reminders.get(0));
        assertThat(tessera.api().get("/contact-email/confirm?token=" + again).status()).isEqualTo(200);
        assertThat(admin.get(account.path() + "/api-contact-email").text("status")).isEqualTo("CONFIRMED");

        clock.advance(Duration.ofDays(181));
        assertThat(smtp.await(contact, 2, text -> text.contains("confirm your API contact email again"))).hasSize(2);
        assertThat(reminderCount(account)).isEqualTo(2);
    }

    private static long reminderCount(Scenario.Account account) {
        long count = 0;
        for (JsonNode mail : Outboxes.notifications(account)) {
            count += mail.get("kind").asString().equals("RECONFIRMATION_REMINDER") ? 1 : 0;
        }
        return count;
    }
}
