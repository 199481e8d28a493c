package dev.tessera.console;

import static dev.tessera.testing.ConsoleDriver.button;
import static dev.tessera.testing.ConsoleDriver.link;
import static dev.tessera.testing.ConsoleDriver.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.ConsoleDriver;
import dev.tessera.testing.BrowserTests;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.tessera.testing.Browser;
import dev.tessera.testing.Scenario;
import org.junit.jupiter.api.Test;

/** The Users page and the reset prompt after an ADMIN leaves (issue #4, point 6). */
class ConsoleUsersTests extends BrowserTests {

    @Test
    void removingAnAdminShowsTheResetPromptUntilTheTokenIsReset() {
        Scenario.Account account = scenario.account("ida");
        Scenario.User otherAdmin = scenario.user("jo");
        scenario.addMember(account, otherAdmin, "ADMIN");
        scenario.issueToken(account);
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            ConsoleDriver.openApiCenterByClicking(page, account);
            assertThat(page.locator("#admin-removed").count()).isZero();

            page.navigate("/accounts/" + account.customerId() + "/users");
            ConsoleDriver.removeMember(page, otherAdmin.email());
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.STATUS).first()).containsText(otherAdmin.email() + " was removed from the account.");
            assertThat(page.locator("table").textContent()).doesNotContain(otherAdmin.email());

            page.navigate("/accounts/" + account.customerId() + "/api-center");
            assertThat(page.locator("#admin-removed").textContent())
                    .contains("An admin who may know the developer token was removed on")
                    .contains("reset the token");
            session.screenshot("api-center-admin-removed");

            page.locator("#admin-removed").getByRole(AriaRole.LINK).click();
            page.getByLabel("Your password").fill(account.admin().password());
            button(page, "Reset token").click();
            link(page, "I have stored it — back to the API Center").click();
            page.waitForURL("**/accounts/" + account.customerId() + "/api-center");
            assertThat(page.getByTestId("reset-count").textContent()).isEqualTo("1");
            assertThat(page.locator("#admin-removed").count()).isZero();
        }
    }

    @Test
    void removingAStandardUserShowsNoPrompt() {
        Scenario.Account account = scenario.account("kit");
        Scenario.User standard = scenario.user("lee");
        scenario.addMember(account, standard, "STANDARD");
        scenario.issueToken(account);
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/users");
            ConsoleDriver.removeMember(page, standard.email());
            page.navigate("/accounts/" + account.customerId() + "/api-center");
            assertThat(page.locator("#admin-removed").count()).isZero();
        }
    }

    @Test
    void lastAdminCannotBeRemovedAndRolesCanBeChanged() {
        Scenario.Account account = scenario.account("max");
        Scenario.User colleague = scenario.user("ned");
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/users");

            page.getByLabel("Email of the user to invite").fill(colleague.email());
            page.getByLabel("Role", new Page.GetByLabelOptions().setExact(true)).selectOption("READ_ONLY");
            button(page, "Add user").click();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.STATUS).first())
                    .containsText("An invitation was sent to " + colleague.email());
            assertThat(page.locator("tr", new Page.LocatorOptions().setHasText(colleague.email())).count())
                    .as("not a member before accepting").isZero();

            // issue 12: membership by invitation; the colleague accepts on the page the mail links to.
            Scenario.Invitation invitation = Scenario.invitation(account.admin().api(), account.path(), colleague.email());
            try (Browser.Session invitee = browser.session(tessera)) {
                signIn(invitee.page(), colleague);
                invitee.page().navigate("/invitations/" + invitation.id() + "?secret=" + invitation.secret());
                PlaywrightAssertions.assertThat(invitee.page().getByRole(AriaRole.MAIN)).containsText("READ_ONLY");
                button(invitee.page(), "Accept the invitation").click();
                invitee.page().waitForURL("**/accounts/" + account.customerId());
            }
            page.navigate("/accounts/" + account.customerId() + "/users");

            page.getByLabel("Role of " + colleague.email()).selectOption("STANDARD");
            page.locator("tr", new Page.LocatorOptions().setHasText(colleague.email())).getByRole(AriaRole.BUTTON,
                    new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Change")).click();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.STATUS).first()).containsText(colleague.email() + " now has the Standard role.");

            ConsoleDriver.removeMember(page, account.admin().email());
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.ALERT).first()).containsText("The last ADMIN of an account cannot be removed.");
            session.screenshot("users");
        }
        assertThat(account.admin().api().get(account.path() + "/users").body()).contains(account.admin().email(), "STANDARD");
    }

    /** Issue 16: removal takes a confirmation that names the person and the account; the Users page shows last sign-ins. */
    @Test
    void removingAUserAsksForConfirmationAndTheListShowsLastSignIns() {
        Scenario.Account account = scenario.account("ora");
        Scenario.User standard = scenario.user("pia");
        scenario.addMember(account, standard, "STANDARD");
        try (Browser.Session session = browser.session(tessera, 375, 800)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/users");
            var row = page.locator("tr", new Page.LocatorOptions().setHasText(standard.email()));
            assertThat(page.locator("tr", new Page.LocatorOptions().setHasText(account.admin().email()))
                    .getByTestId("last-sign-in").textContent()).endsWith("UTC");
            assertThat(row.getByTestId("last-sign-in").textContent()).isEqualTo("Never");

            row.locator("summary").click();
            assertThat(row.locator(".confirm-box").textContent()).contains(standard.email(), "Acme MCC", "lose access");
            assertThat(account.admin().api().get(account.path() + "/users").body()).contains(standard.email());
            button(page, "Yes, remove " + standard.email()).click();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.STATUS).first())
                    .containsText(standard.email() + " was removed from the account.");
        }
        assertThat(account.admin().api().get(account.path() + "/users").body()).doesNotContain(standard.email());
    }
}
