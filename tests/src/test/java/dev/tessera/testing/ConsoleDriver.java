package dev.tessera.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.tessera.testing.Api;
import dev.tessera.testing.Scenario;

/** The steps a person takes in the console, as the browser tests use them. */
public final class ConsoleDriver {

    private ConsoleDriver() {}

    public static void signIn(Page page, Scenario.User user) {
        signIn(page, user.email(), user.password());
        assertThat(page.url()).as("signed in as %s", user.email()).doesNotContain("/login");
    }

    public static void signIn(Page page, String email, String password) {
        page.navigate("/login");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForLoadState();
    }

    /** From the account list: the account → its API Center tab, two clicks (issue 16). */
    public static void openApiCenterByClicking(Page page, Scenario.Account account) {
        page.navigate("/");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Acme MCC").setExact(true)).click();
        page.waitForURL("**/accounts/" + account.customerId());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API Center").setExact(true)).click();
        page.waitForURL("**/accounts/" + account.customerId() + "/api-center");
        assertThat(page.url()).endsWith("/accounts/" + account.customerId() + "/api-center");
    }

    /** Users page: Remove… opens the confirmation, then "Yes, remove" (issue 16: no one-click removal). */
    public static void removeMember(Page page, String email) {
        page.locator("tr", new Page.LocatorOptions().setHasText(email)).locator("summary").click();
        button(page, "Yes, remove " + email).click();
        page.waitForLoadState();
    }

    public static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    public static Locator link(Page page, String name) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    public static String maskedToken(Page page) {
        return page.getByTestId("masked-token").textContent().strip();
    }

    public static String mask(String token) {
        return token.substring(0, 4) + "…" + token.substring(token.length() - 4);
    }

    /** The token from the one-time page. */
    public static String shownToken(Page page) {
        assertThat(page.url()).endsWith("/api-center/new-token");
        return page.locator("#new-token").inputValue();
    }

    public static long auditCount(Scenario.Account account, String type) {
        Api.Reply reply = account.admin().api().get(account.path() + "/audit-events?type=" + type);
        assertThat(reply.status()).as("audit: %s", reply).isEqualTo(200);
        return reply.json().get("totalEvents").asLong();
    }

    public static void assertRejectedAsInvalid(Api.Reply reply) {
        assertThat(reply.status()).as("old token: %s", reply).isEqualTo(401);
        assertThat(reply.json().at("/error/details/0/errors/0/errorCode/authenticationError").asString())
                .isEqualTo("DEVELOPER_TOKEN_INVALID");
    }

    /** A customer id as the console shows it, 123-456-7890. */
    public static String display(String digits) {
        return digits.substring(0, 3) + "-" + digits.substring(3, 6) + "-" + digits.substring(6);
    }
}
