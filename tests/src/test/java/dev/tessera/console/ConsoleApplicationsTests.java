package dev.tessera.console;

import static dev.tessera.testing.ConsoleDriver.button;
import static dev.tessera.testing.ConsoleDriver.link;
import static dev.tessera.testing.ConsoleDriver.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.ConsoleDriver;
import dev.tessera.testing.BrowserTests;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.tessera.testing.Browser;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import org.junit.jupiter.api.Test;

/** Applying for a higher access level in the API Center, and the operator's review queue (issue 6). */
class ConsoleApplicationsTests extends BrowserTests {

    @Test
    void adminAppliesForBasicAndTheOperatorApprovesItInTheReviewQueue() {
        Scenario.Account account = scenario.account("ivy");
        scenario.issueToken(account);
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            ConsoleDriver.openApiCenterByClicking(page, account);
            assertThat(page.getByTestId("access-level").textContent()).isEqualTo("Test account");

            assertEveryPostFormCarriesTheCsrfToken(page);
            page.getByText("Apply for higher access").first().click();
            page.getByLabel("Requested level").selectOption("BASIC");
            page.getByLabel("Use case").fill("   ");
            page.getByLabel("Expected daily operations").fill("5000");
            Response refused = page.waitForResponse(r -> r.url().endsWith("/access-applications"),
                    () -> button(page, "Apply for higher access").click());
            assertThat(refused.status()).isEqualTo(400);
            assertThat(page.locator("#use-case-problem").textContent()).isEqualTo("Use case is required.");
            assertThat(page.getByLabel("Expected daily operations").inputValue()).as("kept").isEqualTo("5000");

            page.getByLabel("Use case").fill("Weekly performance reports for our agency's clients");
            button(page, "Apply for higher access").click();
            assertThat(page.getByRole(AriaRole.STATUS).first().textContent())
                    .contains("Your application for Basic access was sent", "pending review");
            assertThat(page.getByTestId("applications").textContent()).contains("Basic", "pending review");
            assertThat(button(page, "Apply for higher access").count()).as("one pending at a time").isZero();
            session.screenshot("api-center-application-pending");
        }

        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, RunningTessera.OPERATOR_EMAIL, RunningTessera.OPERATOR_PASSWORD);
            session.screenshot("accounts-operator");
            // Issue 16, item 8: the operator's home does not say they belong to no account.
            assertThat(page.locator("main").textContent()).doesNotContain("You do not belong");
            link(page, "Review queue").click();
            page.waitForURL("**/operator/applications");
            Locator item = page.getByTestId("application").filter(new Locator.FilterOptions()
                    .setHasText(ConsoleDriver.display(account.customerId())));
            assertThat(item.textContent()).contains("Basic", "Test account", "Weekly performance reports", "5,000",
                    account.admin().email());
            // Issue 16, item 8: the reviewer sees whose account it is, its usage and its history.
            assertThat(item.locator("h4").textContent()).contains("Acme MCC").doesNotContain("Account ");
            assertThat(item.textContent()).contains("Acme Ltd", "None: this is the first.");
            assertThat(item.getByTestId("usage-summary").textContent()).startsWith("Last 30 days:");
            assertThat(item.locator("svg.spark polyline").count()).isEqualTo(1);
            session.screenshot("review-queue");
            assertEveryPostFormCarriesTheCsrfToken(page);

            // A rejection needs a reason: the browser asks for one, and so does Tessera.
            item.locator("textarea[name=reason][required]").evaluate("e => e.removeAttribute('required')");
            item.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reject application").setExact(false))
                    .click();
            assertThat(page.getByRole(AriaRole.ALERT).first().textContent()).contains("Say why");
            item = page.getByTestId("application").filter(new Locator.FilterOptions()
                    .setHasText(ConsoleDriver.display(account.customerId())));

            item.getByLabel("Reason for approving").fill("Clear reporting use case");
            item.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve application").setExact(false))
                    .click();
            assertThat(page.getByRole(AriaRole.STATUS).first().textContent())
                    .contains(ConsoleDriver.display(account.customerId()), "Basic", "approved");
            assertThat(page.getByTestId("application").filter(new Locator.FilterOptions()
                    .setHasText(ConsoleDriver.display(account.customerId()))).count()).isZero();
        }

        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/api-center");
            assertThat(page.getByTestId("access-level").textContent()).isEqualTo("Basic");
            assertThat(page.getByTestId("applications").textContent())
                    .contains("approved", RunningTessera.OPERATOR_EMAIL, "Clear reporting use case");
            session.screenshot("api-center-application-approved");
        }
    }

    @Test
    void standardWithoutBasicIsRefusedWithTheReason() {
        Scenario.Account account = scenario.account("jon");
        scenario.issueToken(account);
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/api-center");
            page.getByText("Apply for higher access").first().click();
            page.getByLabel("Requested level").selectOption("STANDARD");
            page.getByLabel("Use case").fill("Bidding automation at scale");
            page.getByLabel("Expected daily operations").fill("200000");
            Response refused = page.waitForResponse(r -> r.url().endsWith("/access-applications"),
                    () -> button(page, "Apply for higher access").click());
            assertThat(refused.status()).isEqualTo(409);
            assertThat(page.getByTestId("application-refusal").textContent())
                    .contains("STANDARD access requires the account to hold BASIC access first.");
            assertThat(page.getByLabel("Use case").inputValue()).isEqualTo("Bidding automation at scale");
            session.screenshot("api-center-application-refused");
        }
        assertThat(account.admin().api().get(account.path() + "/access-applications").body()).isEqualTo("[]");
    }

    @Test
    void rejectionReasonReachesTheApplicantAndTheLevelStays() {
        Scenario.Account account = scenario.account("lea");
        scenario.issueToken(account);
        scenario.promote(account, "BASIC");
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/api-center");
            page.getByText("Apply for higher access").first().click();
            assertThat(page.getByLabel("Requested level").locator("option").allTextContents())
                    .singleElement().asString().startsWith("Standard");
            page.getByLabel("Use case").fill("Everything, all the time");
            page.getByLabel("Expected daily operations").fill("1,000,000");
            button(page, "Apply for higher access").click();
            assertThat(page.getByTestId("applications").textContent()).contains("Standard", "pending review");
        }
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, RunningTessera.OPERATOR_EMAIL, RunningTessera.OPERATOR_PASSWORD);
            page.navigate("/operator/applications");
            Locator item = page.getByTestId("application").filter(new Locator.FilterOptions()
                    .setHasText(ConsoleDriver.display(account.customerId())));
            assertThat(item.textContent()).contains("Standard", "1,000,000", "Now holds", "Basic");
            assertThat(item.getByTestId("history").textContent()).contains("Basic", "approved");
            item.getByLabel("Reason for rejecting").fill("Describe the tool and its callers in more detail");
            item.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reject application").setExact(false))
                    .click();
            assertThat(page.getByRole(AriaRole.STATUS).first().textContent()).contains("Standard", "rejected");
        }
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/api-center");
            assertThat(page.getByTestId("access-level").textContent()).isEqualTo("Basic");
            assertThat(page.getByTestId("applications").locator("tbody tr").first().textContent())
                    .contains("Standard", "rejected", "Describe the tool and its callers in more detail");
            assertThat(page.getByText("Apply for higher access").count()).as("may apply again").isPositive();
        }
    }

    @Test
    void onlyTheOperatorOpensTheReviewQueue() {
        Scenario.Account account = scenario.account("kim");
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            assertThat(link(page, "Review queue").count()).isZero();
            Response queue = page.navigate("/operator/applications");
            assertThat(queue.status()).isEqualTo(403);
            assertThat(page.getByTestId("reason").textContent()).contains("only for the platform OPERATOR");
            assertThat(page.navigate("/operator/notifications").status()).isEqualTo(403);
            var forged = session.context().request().post("/operator/applications/1/approve",
                    com.microsoft.playwright.options.RequestOptions.create().setForm(
                            com.microsoft.playwright.options.FormData.create().set("_csrf",
                                    page.locator("form input[name=_csrf]").first().inputValue())));
            assertThat(forged.status()).isEqualTo(403);
        }
    }

    static void assertEveryPostFormCarriesTheCsrfToken(Page page) {
        int forms = page.locator("form[method=post]").count();
        assertThat(forms).isPositive();
        assertThat(page.locator("form[method=post] input[name=_csrf]").count()).isEqualTo(forms);
    }

    /** Issue 16, item 6: three bad fields, three messages next to their fields, the first focused. */
    @Test
    void applicationWithThreeBadFieldsShowsThreeMessagesAndFocusesTheFirst() {
        Scenario.Account account = scenario.account("wes");
        scenario.issueToken(account);
        try (Browser.Session session = browser.session(tessera, 375, 740)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/api-center");
            page.getByText("Apply for higher access").first().click();
            page.getByLabel("Use case").fill("");
            page.getByLabel("Expected daily operations").fill("lots");
            page.getByLabel("Company website").last().fill("acme");
            button(page, "Apply for higher access").click();
            page.waitForLoadState();
            assertThat(page.getByTestId("application-error-count").textContent()).contains("3 fields");
            assertThat(page.locator("#use-case-problem").textContent()).isEqualTo("Use case is required.");
            assertThat(page.locator("#expected-ops-problem").textContent()).contains("whole number", "lots");
            assertThat(page.locator("#company-url-problem").textContent()).doesNotContain("'companyUrl'").isNotBlank();
            assertThat(page.evaluate("document.activeElement.id")).isEqualTo("use-case");
            assertThat(page.locator("#use-case").getAttribute("aria-describedby")).contains("use-case-problem");
            session.screenshot("application-three-errors");
        }
        assertThat(account.admin().api().get(account.path() + "/access-applications").body()).isEqualTo("[]");
    }
}
