package dev.tessera.console.apicenter;

import static dev.tessera.testing.ConsoleDriver.link;
import static dev.tessera.testing.ConsoleDriver.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.tessera.testing.Api;
import dev.tessera.testing.Browser;
import dev.tessera.testing.PageChecks;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import dev.tessera.testing.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhooks page (issue 15), in Chromium: reached from the API Center, it lists each webhook with
 * its masked secret and its delivery log — a delivery that failed once and was retried shows as
 * delivered after two attempts with status 200. ADMINs only; fits 375 px without serious axe findings.
 */
class ConsoleWebhooksTests {

    static RunningTessera tessera;
    static Scenario scenario;
    static Browser browser;
    static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        browser = Browser.launch();
        receiver = WebhookReceiver.start();
        tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2), "tessera.webhook.allow-private-addresses=true",
                "tessera.webhook.poll-interval=100ms", "tessera.webhook.retry-base=200ms");
        scenario = new Scenario(tessera);
    }

    @AfterAll
    static void stop() {
        tessera.close();
        receiver.close();
        browser.close();
    }

    @Test
    void theDeliveryLogShowsARetriedDeliveryWithItsAttemptsAndStatus() {
        Scenario.Account account = scenario.account("hooks");
        receiver.answer("/console", 500);
        Api.Reply created = account.admin().api().post(account.path() + "/webhooks", Map.of("url", receiver.url("/console")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        scenario.issueToken(account);
        receiver.await("/console", r -> true, 2, Duration.ofSeconds(30));

        List<String> problems = new ArrayList<>();
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/api-center");
            link(page, "Webhooks").click();
            page.waitForURL("**/accounts/" + account.customerId() + "/webhooks");

            Locator webhook = page.getByTestId("webhook");
            assertThat(webhook.count()).isEqualTo(1);
            assertThat(webhook.textContent()).contains(receiver.url("/console"), "All events",
                    created.text("maskedSecret")).doesNotContain(created.text("secret"));
            Locator delivery = webhook.getByTestId("delivery").first();
            for (int i = 0; i < 100 && !delivery.getByTestId("delivery-state").textContent().equals("Delivered"); i++) {
                page.waitForTimeout(100);
                page.reload();
            }
            assertThat(delivery.getByTestId("delivery-state").textContent()).isEqualTo("Delivered");
            assertThat(delivery.getByTestId("delivery-attempts").textContent()).isEqualTo("2");
            assertThat(delivery.getByTestId("delivery-status").textContent()).isEqualTo("200");
            assertThat(delivery.textContent()).contains("token.issued");
            session.screenshot("webhooks");
            for (int width : new int[] {375, 1280}) {
                page.setViewportSize(width, 800);
                page.reload();
                if (PageChecks.overflow(page) > 0) {
                    problems.add(width + " px: " + PageChecks.widerThanViewport(page));
                }
                PageChecks.seriousAccessibilityViolations(page).forEach(v -> problems.add(width + " px: " + v));
                session.screenshot("webhooks-" + width);
            }
            assertThat(session.foreignRequests()).isEmpty();
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aMemberWhoIsNotAnAdminIsRefusedThePage() {
        Scenario.Account account = scenario.account("hooks-refused");
        Scenario.User member = scenario.user("hooks-member");
        scenario.addMember(account, member, "STANDARD");
        try (Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            signIn(page, member);
            Response response = page.navigate("/accounts/" + account.customerId() + "/webhooks");
            assertThat(response.status()).isEqualTo(403);
            assertThat(page.textContent("main")).contains("only for its admins");
        }
    }
}
