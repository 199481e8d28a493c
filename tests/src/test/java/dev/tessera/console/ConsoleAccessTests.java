package dev.tessera.console;

import static dev.tessera.testing.ConsoleDriver.auditCount;
import static dev.tessera.testing.ConsoleDriver.link;
import static dev.tessera.testing.ConsoleDriver.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.ConsoleDriver;
import dev.tessera.testing.BrowserTests;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.tessera.testing.Browser;
import dev.tessera.testing.Scenario;
import org.junit.jupiter.api.Test;

/** Who may open the API Center, and forms that did not come from Tessera (issue #4, points 3 and 4). */
class ConsoleAccessTests extends BrowserTests {

    @Test
    void standardUserSeesNoApiCenterLinkAndGetsA403PageSayingWhy() {
        Scenario.Account account = scenario.account("dee");
        Scenario.User standard = scenario.user("sam");
        scenario.addMember(account, standard, "STANDARD");
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, standard);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Acme MCC")).click();
            link(page, "Admin").click();
            page.waitForURL("**/accounts/" + account.customerId() + "/admin");
            assertThat(page.locator("h2").allTextContents()).contains("Manager account settings");
            assertThat(link(page, "API Center").count()).isZero();
            assertThat(page.locator("main").textContent()).contains("Standard", account.admin().email());

            Response direct = page.navigate("/accounts/" + account.customerId() + "/api-center");
            assertThat(direct.status()).isEqualTo(403);
            assertThat(page.getByTestId("reason").textContent())
                    .contains("only for its admins", "Your role on this account is Standard", account.admin().email());
            assertThat(ConsoleDriver.button(page, "Sign out").isVisible()).isTrue();
            session.screenshot("api-center-forbidden");
            assertThat(page.navigate("/accounts/" + account.customerId() + "/api-center/reset").status()).isEqualTo(403);
            assertThat(page.navigate("/accounts/" + account.customerId() + "/users").status()).isEqualTo(403);
            assertThat(page.navigate("/accounts/" + account.customerId() + "/audit").status()).isEqualTo(403);
        }
    }

    /** Issue 16, item 10: members see the access level, quota and usage, and whom to ask for the token. */
    @Test
    void readOnlyMemberSeesAccessLevelQuotaAndUsageButNotTheToken() {
        Scenario.Account account = scenario.account("ria");
        String token = scenario.issueToken(account);
        String client = scenario.clientAccount(account, true);
        assertThat(scenario.verify(token, client, "GoogleAdsService", 7).status()).isEqualTo(200);
        Scenario.User reader = scenario.user("rob");
        scenario.addMember(account, reader, "READ_ONLY");
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, reader);
            page.navigate("/accounts/" + account.customerId());
            assertThat(page.getByTestId("your-role").textContent()).isEqualTo("Read only");
            assertThat(page.getByTestId("overview-level").textContent()).isEqualTo("Test account");
            assertThat(page.getByTestId("quota-used").first().textContent()).contains("7 of");
            assertThat(page.locator("svg.chart-svg").count()).isEqualTo(2);
            assertThat(page.getByTestId("ask-admin").textContent()).contains(account.admin().email());
            assertThat(page.content()).doesNotContain(ConsoleDriver.mask(token));
            assertThat(link(page, "API Center").count()).isZero();
        }
        assertThat(ConsoleDriver.auditCount(account, "TOKEN_VIEWED")).isZero();
    }

    @Test
    void strangerToAnAccountGetsNotFound() {
        Scenario.Account account = scenario.account("eve");
        Scenario.User stranger = scenario.user("stranger");
        try (Browser.Session session = browser.session(tessera)) {
            signIn(session.page(), stranger);
            assertThat(session.page().navigate("/accounts/" + account.customerId()).status()).isEqualTo(404);
            assertThat(session.page().navigate("/accounts/" + account.customerId() + "/api-center").status())
                    .isEqualTo(404);
        }
    }

    @Test
    void formPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        Scenario.Account account = scenario.account("fay");
        String token = scenario.issueToken(account);
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/api-center/reset");
            int postForms = page.locator("form[method=post]").count();
            assertThat(postForms).isGreaterThanOrEqualTo(2);
            assertThat(page.locator("form[method=post] input[name=_csrf]").count()).isEqualTo(postForms);
            String oneTimeForm = page.locator("input[name=form]").inputValue();

            String base = "/accounts/" + account.customerId() + "/api-center";
            APIResponse contact = session.context().request().post(base + "/contact-email",
                    RequestOptions.create().setHeader("Accept", "text/html")
                            .setForm(FormData.create().set("email", "attacker@evil.example")));
            APIResponse reset = session.context().request().post(base + "/reset", RequestOptions.create().setForm(
                    FormData.create().set("form", oneTimeForm).set("password", account.admin().password())));
            APIResponse forged = session.context().request().post(base + "/reset", RequestOptions.create().setForm(
                    FormData.create().set("_csrf", "forged").set("form", oneTimeForm)
                            .set("password", account.admin().password())));

            assertThat(contact.status()).isEqualTo(403);
            assertThat(reset.status()).isEqualTo(403);
            assertThat(forged.status()).isEqualTo(403);
            assertThat(contact.text()).contains("Nothing was changed");
        }
        assertThat(account.admin().api().get(account.path()).text("apiContactEmail")).isEqualTo("api-team@acme.example");
        assertThat(scenario.forwardAuth(token, null).status()).isEqualTo(200);
        assertThat(auditCount(account, "TOKEN_RESET")).isZero();
        assertThat(auditCount(account, "CONTACT_EMAIL_CHANGED")).isZero();
    }

    @Test
    void contactEmailIsValidatedThenChangedWithAnAuditEvent() {
        Scenario.Account account = scenario.account("gus");
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/api-center");
            page.evaluate("document.getElementById('contact-email').type = 'text'");
            page.getByLabel("API contact email").fill("team.acme.example");
            ConsoleDriver.button(page, "Save").click();
            assertThat(page.locator("#contact-problem").textContent()).contains("An email address has exactly one @.");
            assertThat(account.admin().api().get(account.path()).text("apiContactEmail"))
                    .isEqualTo("api-team@acme.example");

            page.getByLabel("API contact email").fill("platform-team@acme.example");
            ConsoleDriver.button(page, "Save").click();
            assertThat(page.getByRole(AriaRole.STATUS).first().textContent())
                    .contains("The API contact email is now platform-team@acme.example.");
            assertThat(page.locator("#contact-reminder").textContent()).contains("actively monitors", "team");
        }
        assertThat(account.admin().api().get(account.path()).text("apiContactEmail"))
                .isEqualTo("platform-team@acme.example");
        assertThat(auditCount(account, "CONTACT_EMAIL_CHANGED")).isEqualTo(1);
    }

    @Test
    void apiCenterIsUsableAt375PixelsWide() {
        Scenario.Account account = scenario.account("hal");
        scenario.issueToken(account);
        try (Browser.Session session = browser.session(tessera, 375, 740)) {
            Page page = session.page();
            signIn(page, account.admin());
            ConsoleDriver.openApiCenterByClicking(page, account);
            Object overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
            assertThat(link(page, "Reset token").isVisible()).isTrue();
            session.screenshot("api-center-375px");
            assertThat(session.foreignRequests()).isEmpty();
        }
    }
}
