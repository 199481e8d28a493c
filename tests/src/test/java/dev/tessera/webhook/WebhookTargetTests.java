package dev.tessera.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.Await;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import dev.tessera.testing.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The SSRF guard (issue 15) as configured by default (no TESSERA_WEBHOOK_ALLOW_PRIVATE_ADDRESSES):
 * targets on private, loopback, link-local or metadata addresses are refused at creation with a field
 * error and nothing stored, and a target that resolves privately by delivery time is not contacted.
 */
class WebhookTargetTests {

    static RunningTessera tessera;
    static Scenario scenario;
    static Scenario.Account account;

    @BeforeAll
    static void start() {
        tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2), "tessera.webhook.poll-interval=100ms",
                "tessera.webhook.retry-base=200ms", "tessera.webhook.retry-max=400ms");
        scenario = new Scenario(tessera);
        account = scenario.account("ssrf");
    }

    @AfterAll
    static void stop() {
        tessera.close();
    }

    static Api.Reply create(String url) {
        return account.admin().api().post(account.path() + "/webhooks", Map.of("url", url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data/",
            "http://[::1]:8080/hook", "http://localhost:8080/hook", "https://localhost/hook", "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:a9fe:a9fe]/", "http://100.64.0.7/", "http://[fd00::1]/", "http://0.0.0.0:8080/",
            "http://192.168.0.10/", "http://172.20.0.5/", "http://2130706433/", "http://[fe80::1]/"})
    void aPrivateTargetIsRefusedWithAFieldErrorAndNothingIsStored(String url) {
        Api.Reply reply = create(url);
        assertThat(reply.status()).as("%s → %s", url, reply).isEqualTo(400);
        assertThat(reply.text("field")).isEqualTo("url");
        assertThat(reply.text("detail")).contains("public addresses only").contains("TESSERA_WEBHOOK_ALLOW_PRIVATE_ADDRESSES");
        assertThat(account.admin().api().get(account.path() + "/webhooks").json().get("webhooks")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://203.0.113.10/hook", "file:///etc/passwd", "gopher://203.0.113.10/", "not a url",
            "//203.0.113.10/hook", "https://user:password@203.0.113.10/hook", "https://203.0.113.10/hook#part",
            "https:///nohost", "https://no-such-host.invalid/hook"})
    void aTargetThatIsNotAnHttpUrlOfAResolvableHostIsRefused(String url) {
        Api.Reply reply = create(url);
        assertThat(reply.status()).as("%s → %s", url, reply).isEqualTo(400);
        assertThat(reply.text("field")).isEqualTo("url");
    }

    @Test
    void aMissingUrlIsRefusedAndAPublicOneIsAccepted() {
        Api.Reply missing = account.admin().api().post(account.path() + "/webhooks", Map.of("events", List.of("token.reset")));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("field")).isEqualTo("url");
        Api.Reply accepted = create("https://203.0.113.10/hooks/tessera");
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(201);
        assertThat(account.admin().api().delete(account.path() + "/webhooks/" + accepted.json().get("id").asLong())
                .status()).isEqualTo(204);
    }

    /** A token-admin API key acts on the developer token only; a key with its creator's rights manages webhooks. */
    @Test
    void aTokenAdminKeyCannotTouchWebhooksAndACreatorKeyCan() {
        Api admin = account.admin().api();
        String tokenAdmin = admin.post("/api/v1/api-keys", Map.of("name", "ci", "scope", "token-admin",
                "accounts", List.of(account.customerId()))).text("apiKey");
        String creator = admin.post("/api/v1/api-keys", Map.of("name", "ops")).text("apiKey");
        Map<String, Object> body = Map.of("url", "https://203.0.113.10/keys");
        Api narrow = tessera.api().header("Authorization", "Bearer " + tokenAdmin);
        assertThat(narrow.post(account.path() + "/webhooks", body).status()).isEqualTo(403);
        assertThat(narrow.get(account.path() + "/webhooks").status()).isEqualTo(403);
        Api.Reply created = tessera.api().header("Authorization", "Bearer " + creator).post(account.path() + "/webhooks", body);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(admin.delete(account.path() + "/webhooks/" + created.json().get("id").asLong()).status()).isEqualTo(204);
    }

    /** The name resolved publicly at creation and privately now (DNS rebinding): the delivery is not sent. */
    @Test
    void aTargetThatTurnedPrivateIsNotContactedAtDeliveryTime() {
        Scenario.Account rebound = scenario.account("rebound");
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Api.Reply created = rebound.admin().api().post(rebound.path() + "/webhooks",
                    Map.of("url", "https://203.0.113.10/hook", "events", List.of("token.issued")));
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            long id = created.json().get("id").asLong();
            // What a DNS change would do: the stored target now leads to a loopback address.
            tessera.bean(JdbcClient.class).sql("UPDATE webhooks SET url = :url WHERE id = :id")
                    .param("url", receiver.url("/rebound")).param("id", id).update();
            scenario.issueToken(rebound);

            JsonNode log = Await.until("two refused attempts", Duration.ofSeconds(30),
                    () -> rebound.admin().api().get(rebound.path() + "/webhooks/" + id + "/deliveries").json().get("deliveries"),
                    found -> !found.isEmpty() && found.get(0).get("attempts").asInt() >= 2);
            assertThat(log.get(0).get("lastError").asString()).contains("Not sent").contains("public addresses only");
            assertThat(log.get(0).has("lastStatus")).isFalse();
            assertThat(receiver.all()).isEmpty();
        }
    }
}
