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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A delivery waiting for its retry survives a restart (issue 15): it is a row, written with the
 * change, so the next Tessera on the same database sends it when it is due — with the same event id
 * and body, and a signature the original secret still checks (the secret is sealed under the pepper,
 * which the data directory keeps). The back-off is real (one hour); the test makes the row due now
 * rather than wait (moving Tessera's clock instead would move the signature's time too, which the
 * receiver rightly refuses as a replay).
 */
class WebhookRestartTests {

    static final String[] SLOW_RETRIES = {"tessera.webhook.allow-private-addresses=true",
            "tessera.webhook.poll-interval=100ms", "tessera.webhook.retry-base=1h"};

    @Test
    void aDeliveryWaitingForItsRetryIsSentAfterARestart() {
        TestDatabase database = TestDatabase.fresh(Storage.H2);
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answer("/restart", 500);
            String secret;
            String customerId;
            Scenario.User admin;
            try (RunningTessera first = RunningTessera.start(database, SLOW_RETRIES)) {
                Scenario.Account account = new Scenario(first).account("restart");
                customerId = account.customerId();
                admin = account.admin();
                Api.Reply created = admin.api().post(account.path() + "/webhooks", Map.of("url", receiver.url("/restart"),
                        "events", List.of("token.issued")));
                assertThat(created.status()).as("%s", created).isEqualTo(201);
                secret = created.text("secret");
                new Scenario(first).issueToken(account);
                receiver.await("/restart", r -> true, 1, Duration.ofSeconds(30));
            }
            try (RunningTessera second = RunningTessera.start(database, SLOW_RETRIES)) {
                second.bean(JdbcClient.class).sql("UPDATE webhook_deliveries SET next_attempt_at = :now")
                        .param("now", OffsetDateTime.now(ZoneOffset.UTC)).update();
                List<WebhookReceiver.Received> both = receiver.await("/restart", r -> true, 2, Duration.ofSeconds(30));
                assertThat(both.get(1).body()).isEqualTo(both.get(0).body());
                assertThat(both.get(1).header("Tessera-Event-Id")).isEqualTo(both.get(0).header("Tessera-Event-Id"));
                assertThat(WebhookReceiver.signatureValid(both.get(1).header("Tessera-Signature"), both.get(1).body(), secret))
                        .isTrue();
                Api api = second.api().as(admin.email(), admin.password());
                String path = "/api/v1/manager-accounts/" + customerId + "/webhooks";
                long id = api.get(path).json().get("webhooks").get(0).get("id").asLong();
                JsonNode log = Await.until("the delivery marked", Duration.ofSeconds(30),
                        () -> api.get(path + "/" + id + "/deliveries").json().get("deliveries").get(0),
                        delivery -> delivery.get("state").asString().equals("DELIVERED"));
                assertThat(log.get("attempts").asInt()).isEqualTo(2);
            }
        }
    }
}
