package dev.tessera.console;

import static dev.tessera.testing.ConsoleDriver.assertRejectedAsInvalid;
import static dev.tessera.testing.ConsoleDriver.auditCount;
import static dev.tessera.testing.ConsoleDriver.button;
import static dev.tessera.testing.ConsoleDriver.link;
import static dev.tessera.testing.ConsoleDriver.mask;
import static dev.tessera.testing.ConsoleDriver.maskedToken;
import static dev.tessera.testing.ConsoleDriver.shownToken;
import static dev.tessera.testing.ConsoleDriver.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.ConsoleDriver;
import dev.tessera.testing.BrowserTests;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.tessera.testing.Browser;
import dev.tessera.testing.Scenario;
import org.junit.jupiter.api.Test;

/** The console's reset flow in a real Chromium (issue #4, points 1, 2 and 5). */
class ConsoleResetFlowTests extends BrowserTests {

    @Test
    void adminAppliesAndResetsFromApiCenterAndOnlyTheNewTokenWorks() {
        Scenario.Account account = scenario.account("ada");
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            page.navigate("/login");
            session.screenshot("sign-in");
            signIn(page, account.admin());
            ConsoleDriver.openApiCenterByClicking(page, account);

            button(page, "Apply for a token").click();
            String oldToken = shownToken(page);
            assertThat(oldToken).hasSize(22);
            assertThat(scenario.forwardAuth(oldToken, null).status()).isEqualTo(200);

            link(page, "I have stored it — back to the API Center").click();
            assertThat(maskedToken(page)).isEqualTo(mask(oldToken));
            assertThat(page.content()).doesNotContain(oldToken);
            session.screenshot("api-center");

            link(page, "Reset token").click();
            assertThat(page.locator("h1").textContent()).isEqualTo("Reset the developer token of Acme MCC?");
            assertThat(page.locator("main").textContent())
                    .contains("stops working", "immediately", "works at once", "No new review");
            session.screenshot("reset-confirmation");
            page.getByLabel("Your password").fill(account.admin().password());
            page.getByLabel("Reason").fill("rotating after a contractor left");
            Response shown = page.waitForResponse(response -> response.url().endsWith("/new-token"),
                    () -> button(page, "Reset token").click());
            assertThat(shown.status()).isEqualTo(200);
            assertThat(shown.headers().get("cache-control")).contains("no-store");
            String newToken = shownToken(page);
            assertThat(newToken).hasSize(22).isNotEqualTo(oldToken);
            assertThat(page.locator("main").textContent()).contains("Store it now. It will not be shown again.");
            session.context().grantPermissions(java.util.List.of("clipboard-read", "clipboard-write"));
            button(page, "Copy").click();
            PlaywrightAssertions.assertThat(page.locator("#copy-status")).hasText("Copied to the clipboard.");
            assertThat(page.evaluate("navigator.clipboard.readText()")).isEqualTo(newToken);
            session.screenshot("one-time-token");
            assertThat(page.url()).doesNotContain(newToken);

            assertRejectedAsInvalid(scenario.forwardAuth(oldToken, null));
            assertThat(scenario.forwardAuth(newToken, null).status()).isEqualTo(200);

            page.reload();
            assertThat(page.url()).endsWith("/api-center");
            // Issue 16: the reload says why the token is no longer shown.
            assertThat(page.locator(".banner.ok").textContent()).contains("shown once", "now hidden");
            assertThat(page.content()).doesNotContain(newToken).doesNotContain(oldToken);
            assertThat(maskedToken(page)).isEqualTo(mask(newToken));
            assertThat(page.getByTestId("reset-count").textContent()).isEqualTo("1");

            link(page, "Audit log").click();
            assertThat(page.locator("table.audit").textContent())
                    .contains("Token reset", mask(newToken), mask(oldToken), account.admin().email(), "127.0.0.1",
                            "rotating after a contractor left")
                    .doesNotContain(newToken);
            session.screenshot("audit-log");
            assertThat(session.foreignRequests()).isEmpty();
        }
    }

    @Test
    void wrongPasswordAtReEntryResetsNothingAndSaysSo() {
        Scenario.Account account = scenario.account("bea");
        String token = scenario.issueToken(account);
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            ConsoleDriver.openApiCenterByClicking(page, account);
            link(page, "Reset token").click();
            page.getByLabel("Your password").fill("not-the-password-at-all");
            button(page, "Reset token").click();

            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT).textContent())
                    .contains("That password is not correct. The token was not reset.");
            assertThat(page.url()).endsWith("/api-center/reset");
        }
        assertThat(scenario.forwardAuth(token, null).status()).isEqualTo(200);
        assertThat(auditCount(account, "TOKEN_RESET")).isZero();
    }

    @Test
    void doubleSubmitOfTheResetFormResetsOnce() {
        Scenario.Account account = scenario.account("cy");
        String oldToken = scenario.issueToken(account);
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/api-center/reset");
            page.getByLabel("Your password").fill(account.admin().password());
            FormData sameForm = FormData.create()
                    .set("_csrf", page.locator("form input[name=_csrf]").last().inputValue())
                    .set("form", page.locator("input[name=form]").inputValue())
                    .set("password", account.admin().password());

            // Two clicks in a row, then the very same form sent again, then Back and submit again.
            button(page, "Reset token").dblclick();
            page.locator("#new-token, [data-testid=masked-token]").first().waitFor();
            if (page.url().endsWith("/new-token")) {
                assertThat(scenario.forwardAuth(shownToken(page), null).status()).isEqualTo(200);
            }
            var replay = session.context().request().post(
                    "/accounts/" + account.customerId() + "/api-center/reset", RequestOptions.create().setForm(sameForm));
            assertThat(replay.url()).endsWith("/api-center");
            assertThat(replay.text()).contains("That reset form was already used, so nothing was reset again.");
            page.goBack();
            if (button(page, "Reset token").count() == 1) {
                button(page, "Reset token").click();
                page.waitForLoadState();
            }

            page.navigate("/accounts/" + account.customerId() + "/audit?type=TOKEN_RESET");
            assertThat(page.getByTestId("audit-total").textContent()).isEqualTo("1 event");
        }
        assertThat(auditCount(account, "TOKEN_RESET")).isEqualTo(1);
        assertRejectedAsInvalid(scenario.forwardAuth(oldToken, null));
        var view = account.admin().api().get(account.path() + "/developer-token");
        assertThat(view.json().get("resetCount").asInt()).isEqualTo(1);
    }
}
