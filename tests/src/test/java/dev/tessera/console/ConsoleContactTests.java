package dev.tessera.console;

import static dev.tessera.testing.ConsoleDriver.button;
import static dev.tessera.testing.ConsoleDriver.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.tessera.testing.Browser;
import dev.tessera.testing.MovableClock;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.SmtpServer;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API contact email's state in the API Center, over a real SMTP server (issue 5). */
class ConsoleContactTests {

    private static final Pattern LINK = Pattern.compile("/contact-email/confirm\\?token=([A-Za-z0-9_-]{43})");

    static SmtpServer smtp;
    static MovableClock clock;
    static RunningTessera tessera;
    static Scenario scenario;
    static Browser browser;

    @BeforeAll
    static void start() {
        browser = Browser.launch();
        smtp = new SmtpServer();
        clock = new MovableClock();
        tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2), clock, smtp.properties("tessera.mail.poll-interval=50ms",
                "tessera.mail.retry-base=20ms", "tessera.mail.retry-max=200ms", "tessera.mail.lease=3s"));
        scenario = new Scenario(tessera);
    }

    @AfterAll
    static void stop() {
        if (tessera != null) {
            tessera.close();
        }
        if (smtp != null) {
            smtp.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void contactIsUnconfirmedAfterAChangeAndConfirmedOnceTheMailedLinkIsOpened() {
        Scenario.Account account = scenario.account("ria");
        String team = "platform-team-" + account.customerId() + "@acme.example";
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/api-center");
            page.getByLabel("API contact email").fill(team);
            button(page, "Save").click();
            assertThat(page.getByRole(AriaRole.STATUS).first().textContent()).contains("now " + team);
            assertThat(page.getByTestId("contact-status").textContent()).isEqualTo("Unconfirmed");
            assertThat(page.getByTestId("contact-sentence").textContent()).contains("A confirmation link was sent");
            assertThat(page.locator("#personal-warning").count()).isZero();
            session.screenshot("api-center-contact-unconfirmed");

            // The link from the mail, opened in another tab; the API Center tab is now out of date.
            String token = linkToken(smtp.await(team, 1, text -> text.contains("Confirm")).get(0));
            Page mailTab = session.context().newPage();
            assertThat(mailTab.navigate("/contact-email/confirm?token=" + token).status()).isEqualTo(200);
            mailTab.close();

            button(page, "Resend confirmation").click();
            assertThat(page.getByRole(AriaRole.STATUS).first().textContent())
                    .contains("already confirmed, so no new link was sent");
            assertThat(page.getByTestId("contact-status").textContent()).isEqualTo("Confirmed");
            String today = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(
                    clock.instant().atOffset(ZoneOffset.UTC));
            assertThat(page.getByTestId("contact-sentence").textContent()).contains("Confirmed on " + today);
            assertThat(button(page, "Resend confirmation").count()).isZero();
            session.screenshot("api-center-contact-confirmed");
        }
        assertThat(smtp.to(team, text -> text.contains("Confirm"))).as("no second link").hasSize(1);
    }

    @Test
    void resendMailsANewLinkWhileTheAddressIsUnconfirmed() {
        Scenario.Account account = scenario.account("sol");
        String team = "reporting-team-" + account.customerId() + "@acme.example";
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/api-center");
            page.getByLabel("API contact email").fill(team);
            button(page, "Save").click();
            smtp.await(team, 1, text -> text.contains("Confirm"));

            button(page, "Resend confirmation").click();
            assertThat(page.getByRole(AriaRole.STATUS).first().textContent())
                    .contains("A confirmation link is on its way to " + team);
            assertThat(smtp.await(team, 2, text -> text.contains("Confirm"))).hasSize(2);
            assertThat(page.getByTestId("contact-status").textContent()).isEqualTo("Unconfirmed");
        }
    }

    /** Issue 16, item 9: a personal address replaces the team's only once the admin confirms it. */
    @Test
    void personalLookingAddressIsSavedOnlyAfterConfirmingThenWithAWarning() {
        Scenario.Account account = scenario.account("tia");
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/api-center");
            page.getByLabel("API contact email").fill("jane.doe@gmail.com");
            button(page, "Save").click();
            assertThat(page.getByTestId("personal-confirm").textContent())
                    .contains("Not saved yet", "jane.doe@gmail.com", "free-mail", "api-team@acme.example");
            assertThat(account.admin().api().get(account.path() + "/api-contact-email").body())
                    .contains("api-team@acme.example");
            session.screenshot("api-center-contact-personal-confirm");
            button(page, "Use it anyway").click();
            assertThat(page.getByRole(AriaRole.STATUS).first().textContent()).contains("now jane.doe@gmail.com");
            assertThat(page.locator("#personal-warning").textContent())
                    .contains("This looks like a personal address.", "free-mail", "It is saved");
            assertThat(page.getByLabel("API contact email").inputValue()).isEqualTo("jane.doe@gmail.com");
            session.screenshot("api-center-contact-personal");
        }
        assertThat(account.admin().api().get(account.path() + "/api-contact-email").json().get("looksPersonal")
                .asBoolean()).isTrue();
    }

    @Test
    void notificationsShowARetryWithTheLastErrorWhileTheMailServerIsDownThenSent() {
        Scenario.Account account = scenario.account("uli");
        String team = "ops-team-" + account.customerId() + "@acme.example";
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            smtp.down();
            try {
                page.navigate("/accounts/" + account.customerId() + "/api-center");
                page.getByLabel("API contact email").fill(team);
                button(page, "Save").click();
                page.navigate("/accounts/" + account.customerId() + "/notifications");
                waitForState(page, () -> confirmationTo(page, team), "Retrying");
                Locator confirmation = confirmationTo(page, team);
                assertThat(confirmation.textContent()).contains("Attempt ");
                assertThat(confirmation.locator(".mail-error").textContent()).as("last error").isNotBlank();
                session.screenshot("notifications-retrying");
            } finally {
                smtp.up();
            }
            waitForState(page, () -> confirmationTo(page, team), "Sent");
            assertThat(confirmationTo(page, team).textContent()).contains("Accepted by the mail server");
            assertThat(smtp.await(team, 1, text -> text.contains("Confirm"))).hasSize(1);
        }
    }

    private static Locator confirmationTo(Page page, String recipient) {
        return page.getByTestId("notification").filter(new Locator.FilterOptions().setHasText("Contact confirmation"))
                .filter(new Locator.FilterOptions().setHasText(recipient));
    }

    /** Reloads the notifications page until the mail is in {@code state}, for up to 20 s. */
    private static void waitForState(Page page, java.util.function.Supplier<Locator> mail, String state) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (true) {
            Locator found = mail.get();
            if (found.count() == 1 && state.equals(found.getByTestId("delivery-state").textContent())) {
                return;
            }
            assertThat(System.nanoTime()).as("mail still not %s: %s", state,
                    found.count() == 0 ? "none" : found.first().textContent()).isLessThan(deadline);
            page.waitForTimeout(200);
            page.reload();
        }
    }

    private static String linkToken(MimeMessage mail) {
        Matcher link = LINK.matcher(SmtpServer.text(mail));
        assertThat(link.find()).as("a confirmation link in the mail").isTrue();
        return link.group(1);
    }
}
