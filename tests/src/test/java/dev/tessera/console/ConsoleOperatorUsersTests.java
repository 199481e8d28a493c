package dev.tessera.console;

import static dev.tessera.testing.ConsoleDriver.button;
import static dev.tessera.testing.ConsoleDriver.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.tessera.account.UserAccounts;
import dev.tessera.account.UserAdministration;
import dev.tessera.audit.Actor;
import dev.tessera.system.TesseraException;
import dev.tessera.testing.Api;
import dev.tessera.testing.Browser;
import dev.tessera.testing.BrowserTests;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator's Users page in Chromium (issue 14): creating a user, who signs in and chooses their own
 * password; disabling one, who is then refused by the sign-in form, HTTP Basic and their API key, and
 * whose open session ends; enabling them again. Not oneself, not the last operator.
 */
class ConsoleOperatorUsersTests extends BrowserTests {

    @Test
    void aUserCreatedInThePageSignsInAndMustFirstChooseTheirOwnPassword() {
        String email = "sam-created@example.com";
        String first = "first-password-from-ops";
        try (Browser.Session operator = browser.session(tessera); Browser.Session newcomer = browser.session(tessera)) {
            Page page = operator.page();
            signIn(page, RunningTessera.OPERATOR_EMAIL, RunningTessera.OPERATOR_PASSWORD);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Users").setExact(true)).first().click();
            page.waitForURL("**/operator/users");

            page.getByLabel("Email").fill("not an email");
            page.getByLabel("First password").fill("short");
            Response refused = page.waitForNavigation(() -> button(page, "Create user").click());
            assertThat(refused.status()).isEqualTo(400);
            assertThat(page.getByTestId("error-count").textContent()).isEqualTo("2 fields need your attention.");

            page.getByLabel("Email").fill(email);
            page.getByLabel("First password").fill(first);
            assertThat(page.getByLabel("They choose their own password at their first sign-in").isChecked()).isTrue();
            button(page, "Create user").click();
            page.waitForURL("**/operator/users");
            assertThat(page.getByRole(AriaRole.STATUS).first().textContent()).contains("Created " + email);
            assertThat(row(page, email).textContent()).contains("User").contains("Never").contains("Active");
            assertThat(page.getByTestId("user-event").first().textContent()).contains("User created").contains(email)
                    .contains(RunningTessera.OPERATOR_EMAIL);

            Page own = newcomer.page();
            signIn(own, email, first);
            assertThat(own.url()).as("sent to choose a password").endsWith("/settings/password");
            own.navigate("/");
            assertThat(own.url()).as("every page sends them back").endsWith("/settings/password");
            assertThat(own.getByTestId("forced-change").isVisible()).isTrue();
            own.getByLabel("Current password").fill(first);
            own.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill("sam's own passphrase");
            own.getByLabel("New password again").fill("sam's own passphrase");
            button(own, "Change password").click();
            own.waitForURL(tessera.baseUrl() + "/");
            assertThat(own.locator("h1").textContent()).isEqualTo("Your manager accounts");
        }
        assertThat(tessera.api().as(email, "sam's own passphrase").get("/api/v1/manager-accounts").status()).isEqualTo(200);
        assertThat(tessera.api().as(email, first).get("/api/v1/manager-accounts").status()).isEqualTo(401);
    }

    @Test
    void aDisabledUserIsRefusedByTheFormHttpBasicAndTheirApiKeyAndTheirSessionEndsUntilEnabledAgain() {
        Scenario.Account account = scenario.account("tia");
        Scenario.User user = account.admin();
        Api.Reply created = user.api().post("/api/v1/api-keys", Map.of("name", "their script"));
        assertThat(created.status()).isEqualTo(201);
        Api key = tessera.api().header("Authorization", "Bearer " + created.text("apiKey"));
        assertThat(key.get(account.path()).status()).isEqualTo(200);

        try (Browser.Session operator = browser.session(tessera); Browser.Session theirs = browser.session(tessera)) {
            Page own = theirs.page();
            signIn(own, user);
            Page page = operator.page();
            signIn(page, RunningTessera.OPERATOR_EMAIL, RunningTessera.OPERATOR_PASSWORD);
            page.navigate("/operator/users");
            row(page, user.email()).locator("summary").click();
            button(page, "Yes, disable " + user.email()).click();
            page.waitForLoadState();
            assertThat(page.getByRole(AriaRole.STATUS).first().textContent()).contains(user.email() + " is disabled");
            assertThat(row(page, user.email()).getByTestId("state").textContent().strip()).isEqualTo("Disabled");

            own.navigate("/accounts/" + account.customerId());
            assertThat(own.url()).as("their open session ended").contains("/login?ended");
            signIn(own, user.email(), user.password());
            assertThat(own.url()).as("the sign-in form refuses them").contains("/login?error");
            assertThat(user.api().get("/api/v1/manager-accounts").status()).as("HTTP Basic").isEqualTo(401);
            assertThat(key.get(account.path()).status()).as("their API key").isEqualTo(401);

            page.navigate("/operator/users");
            button(page, "Enable " + user.email()).click();
            page.waitForLoadState();
            assertThat(row(page, user.email()).getByTestId("state").textContent().strip()).isEqualTo("Active");
            signIn(own, user);
        }
        assertThat(user.api().get("/api/v1/manager-accounts").status()).isEqualTo(200);
        assertThat(key.get(account.path()).status()).as("enabling restores the key").isEqualTo(200);
        Api.Reply audit = user.api().get(account.path() + "/audit-events");
        assertThat(audit.body()).contains("USER_DISABLED").contains("USER_ENABLED");
    }

    @Test
    void anOperatorCannotDisableThemselfAndTheLastOperatorStaysEnabled() {
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, RunningTessera.OPERATOR_EMAIL, RunningTessera.OPERATOR_PASSWORD);
            page.navigate("/operator/users");
            assertThat(row(page, RunningTessera.OPERATOR_EMAIL).textContent()).contains("You").contains("Operator");
            assertThat(row(page, RunningTessera.OPERATOR_EMAIL).locator("summary").count()).as("no Disable…").isZero();
        }
        Api.Reply self = tessera.operator().post("/api/v1/users/" + RunningTessera.OPERATOR_EMAIL + ":disable", null);
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.text("detail")).isEqualTo("You cannot disable yourself. Ask another operator.");
        UserAdministration administration = tessera.bean(UserAdministration.class);
        assertThatThrownBy(() -> administration.setDisabled(RunningTessera.OPERATOR_EMAIL, true,
                new Actor("someone-else@example.com", null)))
                .isInstanceOf(TesseraException.Conflict.class).hasMessageContaining("the last operator");
        assertThat(tessera.bean(UserAccounts.class).standing(RunningTessera.OPERATOR_EMAIL).orElseThrow().disabled())
                .isFalse();
    }

    @Test
    void anOperatorKeyOfNoAccountIsAuditedOnTheUsersPage() {
        Api.Reply created = tessera.operator().post("/api/v1/api-keys", Map.of("name", "user sync", "scope", "operator"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, RunningTessera.OPERATOR_EMAIL, RunningTessera.OPERATOR_PASSWORD);
            page.navigate("/operator/users");
            assertThat(page.getByTestId("user-event").first().textContent()).contains("API key created")
                    .contains(RunningTessera.OPERATOR_EMAIL).doesNotContain(created.text("apiKey"));
        }
    }

    @Test
    void theUsersApiListsDisablesAndEnablesForOperatorsOnly() {
        Scenario.User user = scenario.user("uma");
        Api.Reply listed = tessera.operator().get("/api/v1/users");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(user.email()).doesNotContain("password");
        assertThat(user.api().get("/api/v1/users").status()).isEqualTo(403);
        Api.Reply disabled = tessera.operator().post("/api/v1/users/" + user.email() + ":disable", null);
        assertThat(disabled.status()).as("%s", disabled).isEqualTo(200);
        assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
        assertThat(user.api().get("/api/v1/manager-accounts").status()).isEqualTo(401);
        assertThat(tessera.operator().post("/api/v1/users/" + user.email() + ":enable", null).status()).isEqualTo(200);
        assertThat(user.api().get("/api/v1/manager-accounts").status()).isEqualTo(200);
        assertThat(tessera.operator().post("/api/v1/users/nobody@example.com:disable", null).status()).isEqualTo(404);
    }

    @Test
    void aBrowserOpeningAccountsOrAnApiAddressGetsAPageNotABare405() {
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, RunningTessera.OPERATOR_EMAIL, RunningTessera.OPERATOR_PASSWORD);
            assertThat(page.url()).as("a first admin with TESSERA_ADMIN_PASSWORD need not change it")
                    .isEqualTo(tessera.baseUrl() + "/");
            page.navigate("/accounts");
            assertThat(page.url()).isEqualTo(tessera.baseUrl() + "/");
            assertThat(page.locator("h1").textContent()).isEqualTo("Your manager accounts");

            Response api = page.navigate("/api/v1/manager-accounts/1234567890/developer-token:reset");
            assertThat(api.status()).isEqualTo(405);
            assertThat(api.headerValue("content-type")).startsWith("text/html");
            assertThat(page.locator("h1").textContent()).contains("This address is not a page");
            assertThat(page.locator(".lead").textContent()).contains("JSON management API");
        }
    }

    private static Locator row(Page page, String email) {
        return page.getByTestId("user").filter(new Locator.FilterOptions().setHasText(email));
    }
}
