package dev.tessera.console;

import static dev.tessera.testing.ConsoleDriver.button;
import static dev.tessera.testing.ConsoleDriver.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import dev.tessera.testing.Browser;
import dev.tessera.testing.BrowserTests;
import dev.tessera.testing.ConsoleDriver;
import dev.tessera.testing.Scenario;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Issue 16, item 7: an audit log without view noise, in words, with filters and a CSV export. */
class ConsoleAuditTests extends BrowserTests {

    @Test
    void auditLogHidesViewsByDefaultFiltersByActorAndDateRecordsRefusedResetsAndExportsCsv() {
        Scenario.Account account = scenario.account("yan");
        String token = scenario.issueToken(account);
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            for (int i = 0; i < 3; i++) {
                page.navigate("/accounts/" + account.customerId() + "/api-center");
            }
            page.navigate("/accounts/" + account.customerId() + "/api-center/reset");
            page.getByLabel("Your password").fill("not-my-password-at-all");
            button(page, "Reset token").click();
            page.waitForLoadState();

            page.navigate("/accounts/" + account.customerId() + "/audit");
            String table = page.locator("table.audit").textContent();
            assertThat(table).contains("Reset refused", "Reason: wrong password", "Token issued", "Account created",
                    "Masked token: ", "API contact email").doesNotContain("Token viewed", "TOKEN_", "maskedToken");
            page.getByLabel("Include token views").check();
            button(page, "Filter").click();
            assertThat(page.locator("table.audit").textContent()).contains("Token viewed");

            String today = LocalDate.now(ZoneOffset.UTC).toString();
            page.navigate("/accounts/" + account.customerId() + "/audit?actor=nobody@example.com");
            assertThat(page.getByTestId("audit-total").textContent()).isEqualTo("0 events");
            page.navigate("/accounts/" + account.customerId() + "/audit?from=2001-01-01&to=2001-01-02");
            assertThat(page.getByTestId("audit-total").textContent()).isEqualTo("0 events");
            page.navigate("/accounts/" + account.customerId() + "/audit?type=TOKEN_RESET_REFUSED&from=" + today
                    + "&to=" + today + "&actor=" + account.admin().email());
            assertThat(page.getByTestId("audit-total").textContent()).isEqualTo("1 event");
            session.screenshot("audit-filtered");

            APIResponse csv = session.context().request().get(page.getByTestId("audit-csv").getAttribute("href"));
            assertThat(csv.status()).isEqualTo(200);
            assertThat(csv.headers().get("content-type")).startsWith("text/csv");
            String[] lines = csv.text().split("\r\n");
            assertThat(lines[0]).isEqualTo("time_utc,event,event_label,actor,client_ip,details");
            assertThat(lines).hasSize(2);
            assertThat(lines[1]).contains("\"TOKEN_RESET_REFUSED\"", "\"Reset refused\"", account.admin().email());
            assertThat(csv.text()).doesNotContain(token);
        }
        assertThat(ConsoleDriver.auditCount(account, "TOKEN_RESET_REFUSED")).isEqualTo(1);
        assertThat(scenario.forwardAuth(token, null).status()).isEqualTo(200);
    }
}
