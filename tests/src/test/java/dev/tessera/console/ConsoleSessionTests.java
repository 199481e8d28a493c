package dev.tessera.console;

import static dev.tessera.testing.ConsoleDriver.button;
import static dev.tessera.testing.ConsoleDriver.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.tessera.testing.Browser;
import dev.tessera.testing.BrowserTests;
import dev.tessera.testing.Scenario;
import org.junit.jupiter.api.Test;

/** Issue 16, item 2: a lost session or an unknown page is never a dead end. */
class ConsoleSessionTests extends BrowserTests {

    @Test
    void sessionEndedMidResetLeadsToSignInAndBackToTheResetPageWithTheTokenUnchanged() {
        Scenario.Account account = scenario.account("sia");
        String token = scenario.issueToken(account);
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/api-center/reset");
            Page otherTab = session.context().newPage();
            otherTab.navigate("/");
            button(otherTab, "Sign out").click();
            otherTab.waitForURL("**/login?signed-out");

            page.getByLabel("Your password").fill(account.admin().password());
            button(page, "Reset token").click();
            page.waitForURL("**/login?session-ended");
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT).textContent())
                    .contains("session ended", "nothing was changed");
            session.screenshot("session-ended");

            page.getByLabel("Email").fill(account.admin().email());
            page.getByLabel("Password").fill(account.admin().password());
            button(page, "Sign in").click();
            page.waitForURL("**/accounts/" + account.customerId() + "/api-center/reset");
            assertThat(page.locator("h1").textContent()).contains("Acme MCC");
        }
        assertThat(scenario.forwardAuth(token, null).status()).as("the token was not reset").isEqualTo(200);
    }

    @Test
    void unknownPageHasTheTopBarAndAWayBack() {
        Scenario.Account account = scenario.account("tao");
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            var response = page.navigate("/no-such-page");
            assertThat(response.status()).isEqualTo(404);
            assertThat(page.locator("header.topbar").textContent()).contains(account.admin().email(), "Sign out");
            page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                    new Page.GetByRoleOptions().setName("Back to your accounts")).click();
            page.waitForURL(tessera.baseUrl() + "/");
        }
    }

    @Test
    void failedSignInKeepsTheEmailAndFocusesThePassword() {
        Scenario.User user = scenario.user("uma");
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, user.email(), "not-the-password-1");
            assertThat(page.url()).contains("/login?error");
            assertThat(page.getByLabel("Email").inputValue()).isEqualTo(user.email());
            assertThat(page.evaluate("document.activeElement.id")).isEqualTo("password");
        }
    }

    /** Issue 16, item 4: with a leaked token, the reset page is one click from the account list. */
    @Test
    void apiCenterAndResetAreOneClickFromTheAccountListAndTheOverview() {
        Scenario.Account account = scenario.account("vic");
        scenario.issueToken(account);
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/");
            page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                    new Page.GetByRoleOptions().setName("API Center of Acme MCC")).first().click();
            page.waitForURL("**/accounts/" + account.customerId() + "/api-center");

            page.navigate("/");
            page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                    new Page.GetByRoleOptions().setName("Reset token of Acme MCC")).first().click();
            page.waitForURL("**/accounts/" + account.customerId() + "/api-center/reset");
            assertThat(page.getByTestId("reset-account").textContent())
                    .contains("Acme MCC", dev.tessera.testing.ConsoleDriver.display(account.customerId()), "Acme Ltd");
            assertThat(page.evaluate("document.activeElement.id")).isEqualTo("password");

            page.navigate("/accounts/" + account.customerId());
            dev.tessera.testing.ConsoleDriver.link(page, "Reset token").click();
            page.waitForURL("**/accounts/" + account.customerId() + "/api-center/reset");
        }
    }

    /** Issue 16: at 375 px the top bar still says who is signed in. */
    @Test
    void signedInEmailIsVisibleAt375Pixels() {
        Scenario.User user = scenario.user("wu");
        try (Browser.Session session = browser.session(tessera, 375, 740)) {
            Page page = session.page();
            signIn(page, user);
            assertThat(page.locator(".me").isVisible()).isTrue();
            assertThat(page.locator(".me").textContent()).isEqualTo(user.email());
        }
    }

    /** Issue 16: the top bar's jump box goes to an account's API Center by name or customer id. */
    @Test
    void jumpBoxFindsAnAccountByNameOrCustomerId() {
        Scenario.Account account = scenario.account("xu");
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.getByLabel("Jump to an account").fill(dev.tessera.testing.ConsoleDriver.display(account.customerId()));
            page.getByLabel("Jump to an account").press("Enter");
            page.waitForURL("**/accounts/" + account.customerId() + "/api-center");

            page.getByLabel("Jump to an account").fill("no such account");
            page.getByLabel("Jump to an account").press("Enter");
            page.waitForURL("**/jump?q=**");
            assertThat(page.getByTestId("no-match").textContent()).contains("no such account");
        }
    }
}
