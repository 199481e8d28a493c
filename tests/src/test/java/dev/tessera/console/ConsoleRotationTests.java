package dev.tessera.console;

import static dev.tessera.testing.ConsoleDriver.assertRejectedAsInvalid;
import static dev.tessera.testing.ConsoleDriver.auditCount;
import static dev.tessera.testing.ConsoleDriver.button;
import static dev.tessera.testing.ConsoleDriver.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.tessera.testing.Browser;
import dev.tessera.testing.BrowserTests;
import dev.tessera.testing.ConsoleDriver;
import dev.tessera.testing.PageChecks;
import dev.tessera.testing.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Rotation in the API Center, in a real Chromium (issue 15): Rotate token behind the password, the
 * new token shown once with the previous one's end; then the overlap's end, how many requests the
 * previous token still served and when it was last seen, and "End overlap now" behind the
 * password, which refuses the previous token at once.
 */
class ConsoleRotationTests extends BrowserTests {

    @Test
    void anAdminRotatesInTheApiCenterSeesTheOldTokensUseAndEndsTheOverlapBehindThePassword() {
        Scenario.Account account = scenario.account("rolling");
        String old = scenario.issueToken(account);

        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            page.navigate("/login");
            signIn(page, account.admin());
            ConsoleDriver.openApiCenterByClicking(page, account);

            ConsoleDriver.link(page, "Rotate token").click();
            assertThat(page.locator("h1").textContent()).isEqualTo("Rotate the developer token of Acme MCC?");
            assertThat(page.locator("main").textContent()).contains("keeps working for", "the overlap you choose", "reset it");
            page.getByLabel("Keep the current token working for").selectOption("P1D");
            page.getByLabel("Your password").fill("not-the-password");
            button(page, "Rotate token").click();
            page.waitForLoadState();
            assertThat(page.locator(".banner.error").textContent()).contains("not correct", "not rotated");
            assertThat(auditCount(account, "TOKEN_ROTATED")).as("a wrong password rotates nothing").isZero();

            Instant before = Instant.now();
            page.getByLabel("Your password").fill(account.admin().password());
            button(page, "Rotate token").click();
            page.waitForURL("**/new-token");
            String fresh = ConsoleDriver.shownToken(page);
            assertThat(fresh).hasSize(22).isNotEqualTo(old);
            assertThat(page.locator("h1").textContent()).isEqualTo("The token was rotated");
            assertThat(page.getByTestId("previous-valid-until").textContent()).contains(ConsoleDriver.mask(old));
            session.screenshot("rotated-token");
            Instant until = Instant.parse(account.admin().api().get(account.path() + "/developer-token/overlap")
                    .text("endsAt"));
            assertThat(java.time.Duration.between(before, until)).isBetween(java.time.Duration.ofHours(23),
                    java.time.Duration.ofHours(25));

            for (int i = 0; i < 5; i++) {
                assertThat(scenario.forwardAuth(tessera.dataPlane(), old, null).status()).isEqualTo(200);
            }
            assertThat(scenario.forwardAuth(fresh, null).status()).isEqualTo(200);
            ConsoleDriver.link(page, "I have stored it — back to the API Center").click();

            assertThat(page.getByTestId("overlap-token").textContent()).isEqualTo(ConsoleDriver.mask(old));
            assertThat(page.getByTestId("overlap-ends").textContent()).isEqualTo(Dates.second(until));
            assertThat(page.getByTestId("overlap-requests").textContent()).isEqualTo("5");
            assertThat(page.getByTestId("overlap-last-seen").textContent()).startsWith(Dates.minute(Instant.now()).substring(0, 10));
            assertThat(ConsoleDriver.maskedToken(page)).isEqualTo(ConsoleDriver.mask(fresh));
            assertThat(PageChecks.seriousAccessibilityViolations(page)).isEmpty();
            session.screenshot("api-center-rotation");
            page.locator("section[aria-labelledby=access-title]").screenshot(new com.microsoft.playwright.Locator
                    .ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("api-center-rotation-card.png")));

            page.getByLabel("Your password").fill("not-the-password");
            button(page, "End overlap now").click();
            page.waitForLoadState();
            assertThat(page.locator(".banner.error").textContent()).contains("not correct", "not ended");
            assertThat(scenario.forwardAuth(old, null).status()).as("a wrong password changes nothing").isEqualTo(200);
            page.reload();
            assertThat(page.getByTestId("overlap-requests").textContent()).isEqualTo("6");

            page.getByLabel("Your password").fill(account.admin().password());
            button(page, "End overlap now").click();
            page.waitForLoadState();
            assertThat(page.locator(".banner.ok").textContent()).contains("previous token is refused");
            assertThat(page.getByTestId("overlap").count()).isZero();
            assertRejectedAsInvalid(scenario.forwardAuth(old, null));
            assertThat(scenario.forwardAuth(fresh, null).status()).isEqualTo(200);
            assertThat(auditCount(account, "TOKEN_OVERLAP_ENDED")).isEqualTo(1);
        }
    }
}
