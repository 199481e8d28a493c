package dev.tessera.console;

import static dev.tessera.testing.ConsoleDriver.button;
import static dev.tessera.testing.ConsoleDriver.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.tessera.testing.Browser;
import dev.tessera.testing.BrowserTests;
import dev.tessera.testing.PageChecks;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every console page at 375, 768 and 1280 px (issue 16): no horizontal scrolling, no chart label cut
 * off, and no serious or critical axe-core violation. A screenshot of each goes to target/screenshots
 * as NAME-WIDTH.png.
 */
class ConsoleLayoutTests extends BrowserTests {

    private static final int[] WIDTHS = {375, 768, 1280};

    private static Scenario.Account account;
    private static Scenario.User member;

    /** One page: its screenshot name and how to get there. */
    private record Visit(String name, Consumer<Page> open) {}

    @BeforeAll
    static void world() {
        account = scenario.account("layout");
        String token = scenario.issueToken(account);
        String client = scenario.clientAccount(account, true);
        for (int i = 0; i < 5; i++) {
            scenario.verify(token, client, "GoogleAdsService", 40 + i * 17L);
        }
        scenario.verify("not-a-token-at-all-0000000000000", client);
        member = scenario.user("layout-member");
        scenario.addMember(account, member, "STANDARD");
        scenario.addMember(account, scenario.user("layout-reader-with-a-rather-long-address"), "READ_ONLY");
        Scenario.Account applicant = scenario.account("applicant");
        scenario.issueToken(applicant);
        assertThat(applicant.admin().api().post(applicant.path() + "/access-applications", Map.of(
                "requestedLevel", "BASIC", "useCase", "Reporting for our clients' campaigns",
                "expectedDailyOperations", 1000, "companyUrl", "https://acme.example")).status()).isEqualTo(201);
    }

    private static String at(String path) {
        return "/accounts/" + account.customerId() + path;
    }

    private static Visit go(String name, String path) {
        return new Visit(name, page -> page.navigate(path));
    }

    @Test
    void everyAdminPageFitsEveryWidthWithoutClippedChartLabelsOrSeriousAccessibilityViolations() {
        List<Visit> visits = List.of(go("accounts", "/"), go("account-new", "/accounts/new"),
                go("account", at("")), go("admin", at("/admin")), go("api-center", at("/api-center")),
                go("reset-confirm", at("/api-center/reset")),
                new Visit("new-token", page -> {
                    page.navigate(at("/api-center/reset"));
                    page.getByLabel("Your password").fill(account.admin().password());
                    button(page, "Reset token").click();
                    page.waitForURL("**/api-center/new-token");
                }),
                go("users", at("/users")), go("notifications", at("/notifications")), go("audit", at("/audit")),
                go("not-found", "/no-such-page"), go("jump", "/jump?q=Acme"),
                go("settings-password", "/settings/password"), go("settings-api-keys", "/settings/api-keys"),
                new Visit("new-api-key", page -> {
                    page.navigate("/settings/api-keys");
                    page.getByLabel("Key name").fill("layout check");
                    button(page, "Create API key").click();
                    page.waitForURL("**/settings/api-keys/new");
                }),
                go("api-not-a-page", "/api/v1/manager-accounts/" + account.customerId() + "/developer-token:reset"));
        assertEveryWidth(account.admin().email(), account.admin().password(), visits);
    }

    @Test
    void everyOperatorAndMemberPageFitsEveryWidth() {
        assertEveryWidth(RunningTessera.OPERATOR_EMAIL, RunningTessera.OPERATOR_PASSWORD, List.of(
                go("operator-home", "/"), go("review-queue", "/operator/applications"),
                go("operator-notifications", "/operator/notifications"), go("operator-users", "/operator/users")));
        assertEveryWidth(member.email(), member.password(), List.of(go("member-account", at("")),
                go("member-admin", at("/admin")), go("member-refused", at("/api-center"))));
        assertEveryWidth(null, null, List.of(go("sign-in", "/login")));
    }

    private void assertEveryWidth(String email, String password, List<Visit> visits) {
        List<String> problems = new ArrayList<>();
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            if (email != null) {
                signIn(page, email, password);
            }
            for (int width : WIDTHS) {
                page.setViewportSize(width, 800);
                for (Visit visit : visits) {
                    visit.open().accept(page);
                    page.waitForLoadState();
                    String where = visit.name() + " at " + width + " px";
                    session.screenshot(visit.name() + "-" + width);
                    if (PageChecks.overflow(page) > 0) {
                        problems.add(where + " is " + PageChecks.overflow(page) + " px too wide: "
                                + PageChecks.widerThanViewport(page));
                    }
                    List<String> clipped = PageChecks.clippedChartLabels(page);
                    if (!clipped.isEmpty()) {
                        problems.add(where + " clips chart labels " + clipped);
                    }
                    if (width != 768) {
                        PageChecks.seriousAccessibilityViolations(page)
                                .forEach(v -> problems.add(where + ": " + v));
                    }
                }
            }
            assertThat(session.foreignRequests()).isEmpty();
        }
        assertThat(problems).isEmpty();
    }
}
