package dev.tessera.console;

import dev.tessera.testing.BrowserTests;
import dev.tessera.console.signin.SignInLockout;
import static dev.tessera.testing.ConsoleDriver.button;
import static dev.tessera.testing.ConsoleDriver.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import dev.tessera.testing.Browser;
import dev.tessera.testing.Scenario;
import dev.tessera.account.CustomerId;
import org.junit.jupiter.api.Test;

/** Signing in and out of the console, and the lock-out after repeated failures (issue #4). */
class ConsoleSignInTests extends BrowserTests {

    @Test
    void pagesNeedSignInAndTheSessionCookieIsHttpOnlyAndSameSite() {
        Scenario.Account account = scenario.account("oli");
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            page.navigate("/accounts/" + account.customerId() + "/api-center");
            assertThat(page.url()).endsWith("/login");
            signIn(page, account.admin());
            assertThat(page.url()).contains("/accounts/" + account.customerId() + "/api-center");

            Cookie cookie = session.context().cookies().stream()
                    .filter(c -> c.name.equals("JSESSIONID")).findFirst().orElseThrow();
            assertThat(cookie.httpOnly).isTrue();
            assertThat(cookie.sameSite).isEqualTo(SameSiteAttribute.STRICT);

            button(page, "Sign out").click();
            assertThat(page.getByRole(AriaRole.STATUS).textContent()).contains("You have signed out.");
            page.navigate("/");
            assertThat(page.url()).endsWith("/login");
            assertThat(session.foreignRequests()).isEmpty();
        }
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameGenericMessage() {
        Scenario.Account account = scenario.account("pam");
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin().email(), "wrong-password-123");
            String wrongPassword = page.getByRole(AriaRole.ALERT).textContent();
            signIn(page, "nobody-at-all@example.com", "wrong-password-123");
            String unknownEmail = page.getByRole(AriaRole.ALERT).textContent();
            assertThat(wrongPassword).isEqualTo(unknownEmail).contains("The email or password is not correct.");
        }
        long failed = tessera.bean(AuditLog.class)
                .count(CustomerId.parse(account.customerId()).value(), AuditEventType.SIGN_IN_FAILED);
        assertThat(failed).isEqualTo(1);
    }

    @Test
    void repeatedFailuresLockTheAccountOutEvenWithTheRightPassword() {
        Scenario.Account account = scenario.account("quin");
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            for (int i = 0; i < SignInLockout.MAX_PAIR_FAILURES; i++) {
                signIn(page, account.admin().email(), "wrong-password-" + i);
                assertThat(page.getByRole(AriaRole.ALERT).textContent()).contains("not correct");
            }
            signIn(page, account.admin().email(), account.admin().password());
            assertThat(page.url()).contains("/login");
            assertThat(page.getByRole(AriaRole.ALERT).textContent())
                    .isEqualTo("Too many failed sign-ins. Try again in 15 minutes.");
        }
        // Nor is the management API's HTTP Basic a way around the lock.
        var api = account.admin().api().get("/api/v1/manager-accounts");
        assertThat(api.status()).isEqualTo(429);
        assertThat(api.header("Retry-After")).isNotBlank();
        assertThat(api.text("detail")).isEqualTo("Too many failed sign-ins. Try again in 15 minutes.");
        // Another account from the same address is not locked by quin's failures.
        Scenario.Account other = scenario.account("rae");
        try (Browser.Session session = browser.session(tessera)) {
            signIn(session.page(), other.admin());
            assertThat(session.page().url()).doesNotContain("/login");
        }
    }
}
