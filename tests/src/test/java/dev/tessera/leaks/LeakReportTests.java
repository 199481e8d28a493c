package dev.tessera.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.tessera.testing.Api;
import dev.tessera.testing.Browser;
import dev.tessera.testing.ConsoleDriver;
import dev.tessera.testing.Fast;
import dev.tessera.testing.GitHubSigner;
import dev.tessera.testing.MovableClock;
import dev.tessera.testing.Outboxes;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.SmtpServer;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * GitHub's secret-scanning reports (issue 15): signed with a key pair the test makes, configured as a
 * {@code public_keys} file. A valid report revokes the token on the data-plane listener before its
 * answer, audits and notifies; a wrong signature, key id or body changes nothing.
 */
class LeakReportTests {

    static final String PATH = "/v1/secret-scanning/github";
    static final String URL = "https://github.com/acme/app/blob/abc123/config.yml";

    static Path keysDir;
    static SmtpServer smtp;
    static MovableClock clock;
    static RunningTessera tessera;
    static Scenario scenario;
    static GitHubSigner github = new GitHubSigner("github-key-1");
    static GitHubSigner stranger = new GitHubSigner("github-key-1");

    @BeforeAll
    static void start() throws IOException {
        keysDir = Files.createTempDirectory("github-keys");
        Path keys = GitHubSigner.writeKeys(keysDir.resolve("public_keys.json"), github, new GitHubSigner("github-key-0"));
        smtp = new SmtpServer();
        clock = new MovableClock();
        tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2), clock,
                Fast.with(smtp.properties("tessera.secret-scanning.github-keys=" + keys)));
        scenario = new Scenario(tessera);
    }

    @AfterAll
    static void stop() throws IOException {
        tessera.close();
        smtp.close();
        try (var files = Files.list(keysDir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(keysDir);
    }

    @BeforeEach
    void refillRateLimits() {
        clock.advance(Duration.ofMinutes(1));
    }

    static Api.Reply report(String body, String keyId, String signature) {
        Api api = tessera.api();
        if (keyId != null) {
            api = api.header(SecretScanningController.KEY_ID, keyId);
        }
        if (signature != null) {
            api = api.header(SecretScanningController.SIGNATURE, signature);
        }
        return api.send("POST", PATH, body, "application/json");
    }

    static Api.Reply signed(String body) {
        return report(body, github.keyId(), github.sign(body));
    }

    static int onListener(String token) {
        return scenario.forwardAuth(tessera.dataPlane(), token, null).status();
    }

    static String contactOf(Scenario.Account account) {
        String contact = "contact-" + account.customerId() + "@acme.example";
        assertThat(account.admin().api().put(account.path() + "/api-contact-email", Map.of("email", contact)).status()).isEqualTo(200);
        return contact;
    }

    static JsonNode revocations(Scenario.Account account) {
        Api.Reply events = account.admin().api().get(account.path() + "/audit-events?type=TOKEN_REVOKED");
        assertThat(events.status()).as("%s", events).isEqualTo(200);
        return events.json().get("events");
    }

    static long revokedNotices(Scenario.Account account) {
        return Outboxes.notifications(account).valueStream()
                .filter(mail -> mail.get("kind").asString().equals("TOKEN_REVOKED")).count();
    }

    @Test
    void aSignedReportRevokesTheTokenOnTheDataPlaneBeforeItIsAnsweredAuditsAndNotifies() {
        Scenario.Account account = scenario.account("leaky");
        String contact = contactOf(account);
        String token = scenario.issueToken(account);
        scenario.promote(account, "BASIC");
        assertThat(onListener(token)).isEqualTo(200);

        Api.Reply answer = signed(GitHubSigner.report(token, URL));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(onListener(token)).as("the reported token on the data-plane listener").isEqualTo(401);
        assertThat(scenario.forwardAuth(token, null).status()).as("on the main port").isEqualTo(401);
        JsonNode feedback = answer.json();
        assertThat(feedback).hasSize(1);
        assertThat(feedback.get(0).get("token_hash").asString()).isEqualTo(SecretScanningController.sha256(token));
        assertThat(feedback.get(0).get("token_type").asString()).isEqualTo("tessera_developer_token");
        assertThat(feedback.get(0).get("label").asString()).isEqualTo("true_positive");
        assertThat(answer.body()).doesNotContain(token);

        JsonNode revoked = revocations(account);
        assertThat(revoked).hasSize(1);
        assertThat(revoked.get(0).at("/details/revoked").asString()).isEqualTo("reported public at " + URL);
        assertThat(revoked.get(0).at("/details/maskedToken").asString()).startsWith(token.substring(0, 4)).endsWith(token.substring(18));
        assertThat(revoked.get(0).toString()).doesNotContain(token);

        Outboxes.awaitAllSent(account);
        List<MimeMessage> notices = smtp.to(contact, text -> text.contains("Developer token revoked"));
        assertThat(notices).hasSize(1);
        assertThat(SmtpServer.text(notices.get(0))).contains("reported public at " + URL, "GitHub secret scanning",
                token.substring(0, 4) + "…" + token.substring(18)).doesNotContain(token);

        // The lineage stays: no active token until an ADMIN issues the next one, at the same level.
        assertThat(account.admin().api().get(account.path() + "/developer-token").status()).isEqualTo(404);
        assertThat(scenario.reset(account, "try").status()).isEqualTo(409);
        Api.Reply next = account.admin().api().post(account.path() + "/developer-token", null);
        assertThat(next.status()).as("%s", next).isEqualTo(201);
        assertThat(next.text("accessLevel")).isEqualTo("BASIC");
        assertThat(onListener(next.text("developerToken"))).isEqualTo(200);
        assertThat(onListener(token)).isEqualTo(401);
        assertThat(account.admin().api().post(account.path() + "/developer-token", null).status())
                .as("a second issue while one is active").isEqualTo(409);
    }

    @Test
    void aReplayedReportIsHarmless() {
        Scenario.Account account = scenario.account("replayed");
        String token = scenario.issueToken(account);
        String body = GitHubSigner.report(token, URL);
        String signature = github.sign(body);
        assertThat(report(body, github.keyId(), signature).status()).isEqualTo(200);
        String next = account.admin().api().post(account.path() + "/developer-token", null).text("developerToken");

        Api.Reply replay = report(body, github.keyId(), signature);

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get(0).get("label").asString()).as("still a real leak").isEqualTo("true_positive");
        assertThat(revocations(account)).as("one revocation").hasSize(1);
        assertThat(onListener(next)).as("the token issued after the revocation").isEqualTo(200);
        assertThat(revokedNotices(account)).isEqualTo(1);
    }

    @Test
    void aBadSignatureAWrongKeyIdOrAChangedBodyChangesNothing() {
        Scenario.Account account = scenario.account("forged");
        String token = scenario.issueToken(account);
        String body = GitHubSigner.report(token, URL);
        String signature = github.sign(body);

        List<Api.Reply> refused = List.of(
                report(body, null, null),
                report(body, github.keyId(), null),
                report(body, null, signature),
                report(body, "unknown-key", signature),
                report(body, "github-key-0", signature),
                report(body, stranger.keyId(), stranger.sign(body)),
                report(body.replace("config.yml", "config.yaml"), github.keyId(), signature),
                report(body + " ", github.keyId(), signature),
                report(body, github.keyId(), "not base64 at all!"),
                report(body, github.keyId(), signature.substring(8)));

        for (Api.Reply reply : refused) {
            assertThat(reply.status()).as("%s", reply).isEqualTo(401);
            assertThat(reply.body()).doesNotContain(token);
        }
        assertThat(onListener(token)).isEqualTo(200);
        assertThat(revocations(account)).isEmpty();
        assertThat(revokedNotices(account)).isZero();
    }

    @Test
    void feedbackLabelsUnknownTextFalseAndARecentlyResetTokenTrue() {
        Scenario.Account account = scenario.account("labels");
        String old = scenario.issueToken(account);
        String current = scenario.reset(account, "routine").text("developerToken");
        String body = "[" + String.join(",",
                "{\"token\":\"" + old + "\",\"type\":\"t\",\"url\":\"" + URL + "\",\"source\":\"commit\"}",
                "{\"token\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"type\":\"t\",\"url\":\"\",\"source\":\"commit\"}",
                "{\"token\":\"not-a-token\",\"type\":\"t\",\"url\":\"javascript:alert(1)\",\"source\":\"commit\"}") + "]";

        Api.Reply answer = signed(body);

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.json().valueStream().map(item -> item.get("label").asString()).toList())
                .containsExactly("true_positive", "false_positive", "false_positive");
        assertThat(onListener(current)).as("reporting the replaced token leaves the current one").isEqualTo(200);
        assertThat(revocations(account)).isEmpty();

        clock.advance(Duration.ofDays(31));
        assertThat(signed(GitHubSigner.report(old, URL)).json().get(0).get("label").asString())
                .as("replaced long ago").isEqualTo("false_positive");
    }

    @Test
    void aSignedReportThatIsNotGitHubsArrayIsRefusedWith400() {
        for (String body : List.of("{\"token\":\"x\"}", "[{\"type\":\"t\"}]", "[{\"token\":5}]", "not json")) {
            assertThat(signed(body).status()).as(body).isEqualTo(400);
        }
    }

    @Test
    void theApiCenterSaysTheTokenWasReportedPublicWhereAndIssuesTheNextOneOnce() {
        Scenario.Account account = scenario.account("console");
        String token = scenario.issueToken(account);
        assertThat(signed(GitHubSigner.report(token, URL)).status()).isEqualTo(200);

        try (Browser browser = Browser.launch(); Browser.Session session = browser.session(tessera)) {
            Page page = session.page();
            ConsoleDriver.signIn(page, account.admin());
            page.navigate("/accounts/" + account.customerId() + "/api-center");
            String notice = page.locator("#token-revoked").textContent();
            assertThat(notice).contains("was revoked", "because it was", "reported public at " + URL,
                    ConsoleDriver.mask(token), "keeps the account's access level and quota");
            assertThat(page.content()).doesNotContain(token);
            session.screenshot("api-center-token-revoked");

            ConsoleDriver.button(page, "Issue a new token").click();
            String next = ConsoleDriver.shownToken(page);
            assertThat(next).hasSize(22).isNotEqualTo(token);
            assertThat(onListener(next)).isEqualTo(200);
            ConsoleDriver.link(page, "I have stored it — back to the API Center").click();
            assertThat(ConsoleDriver.maskedToken(page)).isEqualTo(ConsoleDriver.mask(next));
            assertThat(page.locator("#token-revoked").count()).isZero();
            assertThat(page.content()).doesNotContain(next);
        }
    }
}
