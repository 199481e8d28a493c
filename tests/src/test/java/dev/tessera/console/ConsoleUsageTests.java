package dev.tessera.console;

import static dev.tessera.testing.ConsoleDriver.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.BrowserTests;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.tessera.testing.Browser;
import dev.tessera.testing.Scenario;
import org.junit.jupiter.api.Test;

/** The API Center's usage: quota used against the limit, and the server-drawn charts (issue 6). */
class ConsoleUsageTests extends BrowserTests {

    @Test
    void usageShowsTheQuotaUsedAndAnAccessibleChartOfAcceptedAndRejectedRequests() {
        Scenario.Account account = scenario.account("uma");
        String token = scenario.issueToken(account);
        String test = scenario.clientAccount(account, true);
        String production = scenario.clientAccount(account, false);
        for (int i = 0; i < 3; i++) {
            assertThat(scenario.verify(token, test, "GoogleAdsService", 7).status()).isEqualTo(200);
        }
        assertThat(scenario.verify(token, production, "GoogleAdsService", 1).status()).as("not approved").isEqualTo(403);

        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/api-center");
            Locator quota = page.getByTestId("quota");
            assertThat(quota.textContent()).contains("Test accounts", "21 of 15,000 operations used", "14,979 left");
            assertThat(page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions()
                    .setName("Test accounts: 1 percent of the daily limit used")).count()).isEqualTo(1);

            Locator hourly = page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions()
                    .setName("Requests per hour, last 24 hours (UTC)").setExact(false));
            assertThat(hourly.count()).isEqualTo(1);
            assertThat(hourly.evaluate("e => e.tagName")).isEqualTo("svg");
            assertThat(page.locator("#usage-hourly-desc").textContent())
                    .contains("3 requests accepted and 1 rejected in all");
            assertThat(page.locator("#usage-hourly rect.accepted").count()).isEqualTo(24);
            assertThat(Double.parseDouble(page.locator("#usage-hourly rect.accepted").last().getAttribute("height")))
                    .as("this hour's bar").isGreaterThan(0);
            assertThat(page.locator("#usage-daily rect.accepted").count()).isEqualTo(30);

            page.getByText("The numbers, per hour").click();
            Locator lastHour = page.locator("#usage-hourly ~ details tbody tr").last();
            assertThat(lastHour.locator("td").allTextContents()).containsExactly("3", "21", "1", "0", "0");
            session.screenshot("api-center-usage");
            assertThat(session.foreignRequests()).isEmpty();
        }
    }

    @Test
    void accountWithoutRequestsSaysSoInsteadOfDrawingEmptyCharts() {
        Scenario.Account account = scenario.account("wes");
        scenario.issueToken(account);
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/api-center");
            assertThat(page.getByTestId("quota").textContent()).contains("0 of 15,000 operations used");
            assertThat(page.getByTestId("no-usage").textContent()).contains("No API requests");
            assertThat(page.locator("svg.chart-svg").count()).isZero();
        }
    }

    @Test
    void usageIsReadableAt375PixelsWide() {
        Scenario.Account account = scenario.account("val");
        String token = scenario.issueToken(account);
        String test = scenario.clientAccount(account, true);
        scenario.verify(token, test, "GoogleAdsService", 40);
        try (Browser.Session session = browser.session(tessera, 375, 740)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/api-center");
            Object overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
            assertThat(page.locator("#usage-hourly").isVisible()).isTrue();
            session.screenshot("api-center-usage-375px");
            page.locator("section[aria-labelledby=usage-title]").screenshot(new com.microsoft.playwright.Locator
                    .ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("api-center-usage-375px-section.png")));
        }
    }
}
