package dev.tessera.console.accounts;

import static dev.tessera.testing.ConsoleDriver.button;
import static dev.tessera.testing.ConsoleDriver.link;
import static dev.tessera.testing.ConsoleDriver.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.BrowserTests;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.tessera.testing.Browser;
import dev.tessera.testing.Scenario;
import org.junit.jupiter.api.Test;

/** The account list, creating a manager account, and the audit log's pages and filter (issue #4). */
class ConsoleAccountsTests extends BrowserTests {

    @Test
    void userCreatesAManagerAccountAndBecomesItsAdmin() {
        Scenario.User user = scenario.user("uma");
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, user);
            assertThat(page.locator("main").textContent()).contains("You do not belong to any manager account yet.");
            link(page, "Create manager account").click();
            page.getByLabel("Account name").fill("Globex Ads");
            page.getByLabel("Company name").fill("Globex Corporation");
            page.getByLabel("Company website").fill("https://globex.example");
            page.evaluate("document.getElementById('apiContactEmail').type = 'text'");
            page.getByLabel("API contact email").fill("not an address");
            button(page, "Create account").click();
            assertThat(page.locator("#apiContactEmail-problem").textContent()).contains("An email address");
            assertThat(page.getByLabel("Account name").inputValue()).isEqualTo("Globex Ads");

            page.getByLabel("API contact email").fill("ads-api@globex.example");
            button(page, "Create account").click();
            page.waitForURL(java.util.regex.Pattern.compile(".*/accounts/[0-9]{10}$"));
            assertThat(page.locator("h1").textContent()).isEqualTo("Globex Ads");
            assertThat(page.locator("main").textContent()).contains("Globex Corporation", "Admin");

            link(page, "Accounts").click();
            page.waitForURL("**/");
            assertThat(page.locator(".account-list").textContent()).contains("Globex Ads", "Admin");
        }
        assertThat(user.api().get("/api/v1/manager-accounts").body()).contains("ads-api@globex.example");
    }

    @Test
    void auditLogIsNewestFirstPaginatedAndFilteredByType() {
        Scenario.Account account = scenario.account("vic");
        scenario.issueToken(account);
        for (int i = 0; i < 30; i++) {
            assertThat(account.admin().api().get(account.path() + "/developer-token").status()).isEqualTo(200);
        }
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/audit");
            // Issue 16: token views (one per API Center visit) are left out unless asked for.
            assertThat(page.getByTestId("audit-total").textContent()).isEqualTo("2 events");
            page.getByLabel("Include token views").check();
            button(page, "Filter").click();
            assertThat(page.getByTestId("audit-total").textContent()).isEqualTo("32 events");
            assertThat(page.locator("table.audit tbody tr").count()).isEqualTo(AuditPage.PAGE_SIZE);
            assertThat(page.locator("table.audit tbody tr").first().textContent()).contains("Token viewed");
            assertThat(page.locator(".pager").textContent()).contains("Page 1 of 2");

            link(page, "Older →").click();
            page.waitForURL("**page=2");
            assertThat(page.locator("table.audit tbody tr").count()).isEqualTo(7);
            assertThat(page.locator("table.audit tbody tr").last().textContent()).contains("Account created");

            page.getByLabel("Event", new Page.GetByLabelOptions().setExact(true)).selectOption("TOKEN_ISSUED");
            button(page, "Filter").click();
            page.waitForURL("**type=TOKEN_ISSUED**");
            assertThat(page.getByTestId("audit-total").textContent()).isEqualTo("1 event");
            assertThat(page.locator("table.audit tbody").textContent()).contains("Token issued").doesNotContain("Token viewed");
        }
    }

    /** Issue 16, items 5 and 6: every bad field named at once, in words for people, the first focused. */
    @Test
    void newAccountFormNamesEveryBadFieldInPlainWords() {
        dev.tessera.testing.Scenario.User user = scenario.user("xia");
        try (dev.tessera.testing.Browser.Session session = browser.session(tessera)) {
            com.microsoft.playwright.Page page = session.page();
            dev.tessera.testing.ConsoleDriver.signIn(page, user);
            page.navigate("/accounts/new");
            page.getByLabel("Company name").fill("Xia Ltd");
            page.getByLabel("Company website").fill("https://xia.example");
            page.getByLabel("API contact email").fill("team@@xia.example");
            dev.tessera.testing.ConsoleDriver.button(page, "Create account").click();
            page.waitForLoadState();
            org.assertj.core.api.Assertions.assertThat(page.locator("#name-problem").textContent())
                    .isEqualTo("Account name is required.");
            org.assertj.core.api.Assertions.assertThat(page.locator("#apiContactEmail-problem").textContent())
                    .isEqualTo("An email address has exactly one @.");
            org.assertj.core.api.Assertions.assertThat(page.locator("main").textContent()).doesNotContain("'name'", "'apiContactEmail'");
            org.assertj.core.api.Assertions.assertThat(page.evaluate("document.activeElement.id")).isEqualTo("name");
            org.assertj.core.api.Assertions.assertThat(page.getByLabel("Company name").inputValue()).isEqualTo("Xia Ltd");
        }
    }
}
