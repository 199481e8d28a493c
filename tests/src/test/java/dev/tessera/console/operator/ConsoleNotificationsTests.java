package dev.tessera.console.operator;

import static dev.tessera.testing.ConsoleDriver.link;
import static dev.tessera.testing.ConsoleDriver.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.ConsoleDriver;
import dev.tessera.testing.BrowserTests;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.tessera.testing.Browser;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import org.junit.jupiter.api.Test;

/**
 * The notifications pages: an account's for its ADMINs, every account's for the OPERATOR (issue 5).
 * No SMTP server is configured: notices stay in the outbox, HELD, readable in the console.
 */
class ConsoleNotificationsTests extends BrowserTests {

    @Test
    void notificationsListTheResetNoticeNewestFirstWithItsDeliveryState() {
        Scenario.Account account = scenario.account("noa");
        scenario.issueToken(account);
        assertThat(scenario.reset(account, "rotating").status()).isEqualTo(200);
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/api-center");
            link(page, "Notifications").click();
            page.waitForURL("**/accounts/" + account.customerId() + "/notifications");

            Locator newest = page.getByTestId("notification").first();
            assertThat(newest.textContent()).contains("Token reset", "api-team@acme.example");
            assertThat(newest.getByTestId("delivery-state").textContent()).isEqualTo("Not sent");
            assertThat(newest.textContent()).contains("no mail server set up").doesNotContain("spring.mail");
            assertThat(page.getByTestId("notification").allTextContents())
                    .anyMatch(text -> text.contains("Contact confirmation"));

            newest.getByText("Read the mail").click();
            Locator body = newest.locator(".mail-body");
            assertThat(body.isVisible()).isTrue();
            assertThat(body.textContent()).contains("reset");
            session.screenshot("notifications");
        }
    }

    @Test
    void notificationsArePagedNewestFirstAndReadableAt375Pixels() {
        Scenario.Account account = scenario.account("qiu");
        scenario.issueToken(account);
        for (int i = 1; i <= NotificationsPage.PAGE_SIZE; i++) {
            assertThat(scenario.reset(account, "rotation " + i).status()).isEqualTo(200);
        }
        int total = NotificationsPage.PAGE_SIZE + 2; // + the confirmation at creation and the token issued
        try (Browser.Session session = browser.session(tessera, 375, 740)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/notifications");
            assertThat(page.getByTestId("notification-total").textContent()).isEqualTo(total + " mails");
            assertThat(page.getByTestId("notification").count()).isEqualTo(NotificationsPage.PAGE_SIZE);
            assertThat(page.getByTestId("notification").first().textContent()).contains("Token reset");
            page.getByTestId("notification").first().getByText("Read the mail").click();
            assertThat(page.getByTestId("notification").first().locator(".mail-body").textContent())
                    .contains("rotation " + NotificationsPage.PAGE_SIZE);
            Object overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
            page.getByTestId("notification").first().screenshot(new Locator.ScreenshotOptions()
                    .setPath(Browser.SCREENSHOTS.resolve("notifications-375px-first.png")));

            link(page, "Older →").click();
            assertThat(page.locator(".pager").textContent()).contains("Page 2 of 2");
            assertThat(page.getByTestId("notification").count()).isEqualTo(2);
            assertThat(page.getByTestId("notification").last().textContent()).contains("Contact confirmation");
        }
    }

    @Test
    void operatorSeesEveryAccountsNotificationsAndOthersGet403() {
        Scenario.Account first = scenario.account("ola");
        Scenario.Account second = scenario.account("pia");
        scenario.issueToken(first);
        scenario.issueToken(second);
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, first.admin());
            Response refused = page.navigate("/operator/notifications");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(page.getByTestId("reason").textContent()).contains("only for the platform OPERATOR");
            assertThat(page.navigate("/accounts/" + second.customerId() + "/notifications").status())
                    .as("another account's").isEqualTo(404);
        }
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, RunningTessera.OPERATOR_EMAIL, RunningTessera.OPERATOR_PASSWORD);
            link(page, "All notifications").click();
            page.waitForURL("**/operator/notifications");
            String all = page.locator("main").textContent();
            assertThat(all).contains(ConsoleDriver.display(first.customerId()),
                    ConsoleDriver.display(second.customerId()), "Token issued");
            session.screenshot("operator-notifications");
        }
    }
}
