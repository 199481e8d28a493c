package dev.tessera.console;

import static dev.tessera.testing.ConsoleDriver.auditCount;
import static dev.tessera.testing.ConsoleDriver.button;
import static dev.tessera.testing.ConsoleDriver.display;
import static dev.tessera.testing.ConsoleDriver.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.tessera.testing.Api;
import dev.tessera.testing.Browser;
import dev.tessera.testing.BrowserTests;
import dev.tessera.testing.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A user's own settings in Chromium (issue 14): changing the password (the old one again, every fault
 * named at once, other sessions signed out) and API keys (created in the page, shown once, working as
 * {@code Authorization: Bearer}, revoked after a confirmation).
 */
class ConsoleSettingsTests extends BrowserTests {

    private static final String NEW_PASSWORD = "a new passphrase of mine";

    @Test
    void aWrongCurrentPasswordIsRefusedWithEveryFaultNamedAtOnceAndChangesNothing() {
        Scenario.Account account = scenario.account("ona");
        Scenario.User user = account.admin();
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, user);
            page.locator("a.me").click();
            page.waitForURL("**/settings/password");
            page.getByLabel("Current password").fill("not-my-password-at-all");
            page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("short");
            page.getByLabel("New password again").fill("different");
            Response answer = page.waitForNavigation(() -> button(page, "Change password").click());
            assertThat(answer.status()).isEqualTo(400);
            assertThat(page.getByTestId("error-count").textContent())
                    .isEqualTo("3 fields need your attention. Your password was not changed.");
            assertThat(page.locator("#currentPassword-problem").textContent()).isEqualTo("The current password is not correct.");
            assertThat(page.locator("#newPassword-problem").textContent()).isEqualTo("A password has at least 12 characters.");
            assertThat(page.locator("#confirmPassword-problem").textContent()).isEqualTo("The two new passwords do not match.");
            assertThat(page.locator("#currentPassword").getAttribute("aria-invalid")).isEqualTo("true");
        }
        assertThat(user.api().get("/api/v1/manager-accounts").status()).as("the old password still works").isEqualTo(200);
        assertThat(auditCount(account, "PASSWORD_CHANGED")).isZero();
    }

    @Test
    void afterAChangeTheNewPasswordSignsInTheOldOneNoLongerAndOtherSessionsEnd() {
        Scenario.Account account = scenario.account("pia");
        Scenario.User user = account.admin();
        try (Browser.Session changer = browser.session(tessera); Browser.Session other = browser.session(tessera)) {
            Page elsewhere = other.page();
            signIn(elsewhere, user);
            Page page = changer.page();
            signIn(page, user);
            page.navigate("/settings/password");
            page.getByLabel("Current password").fill(user.password());
            page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill(NEW_PASSWORD);
            page.getByLabel("New password again").fill(NEW_PASSWORD);
            button(page, "Change password").click();
            page.waitForURL(tessera.baseUrl() + "/");
            assertThat(page.getByRole(AriaRole.STATUS).first().textContent())
                    .contains("Your password was changed").contains("this one stays signed in");
            page.navigate("/accounts/" + account.customerId());
            assertThat(page.url()).as("this session stays").endsWith("/accounts/" + account.customerId());

            elsewhere.navigate("/accounts/" + account.customerId());
            assertThat(elsewhere.url()).as("the other session ended").contains("/login");
            assertThat(elsewhere.locator("[role=alert]").textContent()).contains("your password was changed");

            button(page, "Sign out").click();
            signIn(page, user.email(), user.password());
            assertThat(page.url()).as("the old password is refused").contains("/login?error");
            signIn(page, user.email(), NEW_PASSWORD);
            assertThat(page.url()).as("the new password signs in").doesNotContain("/login");
        }
        assertThat(user.api().get("/api/v1/manager-accounts").status()).isEqualTo(401);
        Api renewed = tessera.api().as(user.email(), NEW_PASSWORD);
        assertThat(renewed.get("/api/v1/manager-accounts").status()).isEqualTo(200);
        Api.Reply audit = renewed.get(account.path() + "/audit-events?type=PASSWORD_CHANGED");
        assertThat(audit.json().get("totalEvents").asLong()).isEqualTo(1);
        assertThat(audit.body()).doesNotContain(NEW_PASSWORD).doesNotContain(user.password());
    }

    @Test
    void anApiKeyCreatedInThePageIsShownOnceAndWorksAsBearerWithinItsScopeUntilRevoked() {
        Scenario.Account account = scenario.account("quin");
        scenario.issueToken(account);
        String key;
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/settings/api-keys");
            page.getByLabel("Key name").fill("nightly report");
            page.getByLabel("Read only: looks, changes nothing").check();
            button(page, "Create API key").click();
            page.waitForURL("**/settings/api-keys/new");
            key = page.locator("#new-key").inputValue();
            assertThat(key).startsWith("tsk_").hasSize(47);
            assertThat(page.url()).doesNotContain(key);
            assertThat(page.locator("#store-now").textContent()).contains("It will not be shown again");
            assertThat(button(page, "Copy").isVisible()).isTrue();

            page.reload();
            assertThat(page.url()).as("a reload does not show the key again").endsWith("/settings/api-keys");
            assertThat(page.content()).doesNotContain(key);
            assertThat(page.getByRole(AriaRole.STATUS).first().textContent())
                    .contains("was shown once");

            Api bearer = tessera.api().header("Authorization", "Bearer " + key);
            assertThat(bearer.get(account.path()).status()).isEqualTo(200);
            assertThat(bearer.post(account.path() + "/developer-token:reset", Map.of()).status())
                    .as("a read-only key cannot reset").isEqualTo(403);

            page.reload();
            var row = page.getByTestId("api-key").filter(new Locator.FilterOptions()
                    .setHasText("nightly report"));
            assertThat(row.textContent()).contains("Read only").contains(key.substring(0, 8)).doesNotContain(key);
            assertThat(row.getByTestId("last-used").textContent()).isNotEqualTo("Never");

            row.locator("summary").click();
            button(page, "Yes, revoke nightly report").click();
            page.waitForLoadState();
            assertThat(page.getByRole(AriaRole.STATUS).first().textContent())
                    .contains("is revoked");
            assertThat(bearer.get(account.path()).status()).as("revoked at once").isEqualTo(401);
        }
        assertThat(auditCount(account, "API_KEY_CREATED")).isEqualTo(1);
        assertThat(auditCount(account, "API_KEY_REVOKED")).isEqualTo(1);
    }

    @Test
    void aTokenAdminKeyFormNamesEveryFaultAtOnceAndThenResetsOnlyItsAccount() {
        Scenario.Account account = scenario.account("rey");
        scenario.issueToken(account);
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/settings/api-keys");
            page.getByLabel("Token admin: issue, view and reset").check();
            Response refused = page.waitForNavigation(() -> button(page, "Create API key").click());
            assertThat(refused.status()).isEqualTo(400);
            assertThat(page.getByTestId("error-count").textContent()).isEqualTo("2 fields need your attention.");
            assertThat(page.locator("#keyName-problem").textContent()).isEqualTo("Key name is required.");
            assertThat(page.locator("#accounts-problem").textContent())
                    .isEqualTo("Choose the accounts whose token the key may reset.");

            page.getByLabel("Key name").fill("rotation job");
            page.getByLabel("Acme MCC (" + display(account.customerId()) + ")").check();
            button(page, "Create API key").click();
            page.waitForURL("**/settings/api-keys/new");
            Api bearer = tessera.api().header("Authorization", "Bearer " + page.locator("#new-key").inputValue());
            assertThat(bearer.post(account.path() + "/developer-token:reset", Map.of()).status()).isEqualTo(200);
            assertThat(bearer.get("/api/v1/manager-accounts").status()).as("nothing but the token").isEqualTo(403);
        }
    }
}
