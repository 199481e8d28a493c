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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks end to end (issue 15), on H2 and PostgreSQL: a real receiver on a loopback port (so the
 * SSRF guard is opened with the allow-private flag), signatures checked with the secret of the 201,
 * a failed delivery retried (the back-off is shortened, not slept through), never a full token in a
 * body, the events filter, and the delivery log.
 */
@ParameterizedClass
@EnumSource(Storage.class)
class WebhookDeliveryTests {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final JsonMapper JSON = JsonMapper.builder().build();

    static RunningTessera tessera;
    static Scenario scenario;
    static WebhookReceiver receiver;

    @Parameter
    Storage storage;

    @BeforeParameterizedClassInvocation
    static void start(Storage storage) {
        receiver = WebhookReceiver.start();
        tessera = RunningTessera.start(TestDatabase.fresh(storage), "tessera.webhook.allow-private-addresses=true",
                "tessera.webhook.poll-interval=100ms", "tessera.webhook.retry-base=200ms",
                "tessera.webhook.retry-max=400ms", "tessera.webhook.max-attempts=3", "tessera.webhook.request-timeout=1s");
        scenario = new Scenario(tessera);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        tessera.close();
        receiver.close();
    }

    static Api.Reply create(Scenario.Account account, String url, List<String> events) {
        Map<String, Object> body = events == null ? Map.of("url", url) : Map.of("url", url, "events", events);
        return account.admin().api().post(account.path() + "/webhooks", body);
    }

    static JsonNode deliveries(Scenario.Account account, long webhook) {
        Api.Reply reply = account.admin().api().get(account.path() + "/webhooks/" + webhook + "/deliveries");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json().get("deliveries");
    }

    static JsonNode body(WebhookReceiver.Received received) {
        return JSON.readTree(received.body());
    }

    static WebhookReceiver.Received ofType(List<WebhookReceiver.Received> received, String type) {
        return received.stream().filter(r -> body(r).get("type").asString().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + received));
    }

    /** Issue 15: signed with the secret shown once; a 500 is retried with the same event id and body. */
    @Test
    void deliveryIsSignedWithTheSecretOfTheCreationAndRetriedAfterAServerError() {
        Scenario.Account account = scenario.account("signed");
        String path = "/signed-" + storage;
        receiver.answer(path, 500);
        Api.Reply created = create(account, receiver.url(path), null);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String secret = created.text("secret");
        assertThat(secret).startsWith("whsec_").hasSize(49);
        assertThat(created.text("maskedSecret")).doesNotContain(secret.substring(10, 40));

        scenario.issueToken(account);

        List<WebhookReceiver.Received> attempts = receiver.await(path, r -> true, 2, WAIT);
        WebhookReceiver.Received first = attempts.get(0);
        WebhookReceiver.Received retry = attempts.get(1);
        assertThat(retry.header("Tessera-Event-Id")).startsWith("evt_").isEqualTo(first.header("Tessera-Event-Id"));
        assertThat(retry.body()).isEqualTo(first.body());
        for (WebhookReceiver.Received attempt : attempts) {
            assertThat(WebhookReceiver.signatureValid(attempt.header("Tessera-Signature"), attempt.body(), secret))
                    .as("signature of %s", attempt).isTrue();
            assertThat(WebhookReceiver.signatureValid(attempt.header("Tessera-Signature"), attempt.body() + " ", secret))
                    .as("a changed body fails the check").isFalse();
            long t = Long.parseLong(attempt.header("Tessera-Signature").replaceAll("^t=(\\d+),.*$", "$1"));
            assertThat(Math.abs(t - Instant.now().getEpochSecond())).isLessThan(60);
        }
        JsonNode event = body(retry);
        assertThat(event.get("type").asString()).isEqualTo("token.issued");
        assertThat(event.get("id").asString()).isEqualTo(retry.header("Tessera-Event-Id"));
        assertThat(event.get("account").get("customerId").asString()).isEqualTo(account.customerId());
        assertThat(event.get("data").get("maskedToken").asString()).contains("…");
        assertThat(event.get("data").get("actor").asString()).isEqualTo(account.admin().email());
        assertThat(Instant.parse(event.get("createdAt").asString())).isBefore(Instant.now().plusSeconds(1));

        long webhook = created.json().get("id").asLong();
        JsonNode log = awaitState(account, webhook, "DELIVERED");
        assertThat(log.get(0).get("attempts").asInt()).isEqualTo(2);
        assertThat(log.get(0).get("lastStatus").asInt()).isEqualTo(200);
        assertThat(log.get(0).get("eventType").asString()).isEqualTo("token.issued");
    }

    /** Issue 15: a payload carries masked tokens only, never one in full. */
    @Test
    void noPayloadContainsAFullToken() {
        Scenario.Account account = scenario.account("secrecy");
        String path = "/secrecy-" + storage;
        assertThat(create(account, receiver.url(path), null).status()).isEqualTo(201);
        String issued = scenario.issueToken(account);
        Api.Reply reset = scenario.reset(account, "rotating after a laptop was lost");
        assertThat(reset.status()).isEqualTo(200);
        String replacement = reset.text("developerToken");

        List<WebhookReceiver.Received> received = receiver.await(path, r -> true, 2, WAIT);
        JsonNode resetEvent = body(ofType(received, "token.reset"));
        assertThat(resetEvent.get("data").get("maskedToken").asString()).isEqualTo(reset.text("maskedToken"));
        assertThat(resetEvent.get("data").get("previousMaskedToken").asString()).isEqualTo(reset.text("previousMaskedToken"));
        assertThat(resetEvent.get("data").get("reason").asString()).isEqualTo("rotating after a laptop was lost");
        for (WebhookReceiver.Received each : receiver.all()) {
            assertThat(each.body()).doesNotContain(issued).doesNotContain(replacement);
            assertThat(each.headers().toString()).doesNotContain(issued).doesNotContain(replacement);
        }
    }

    /** Issue 15: a webhook gets the events it named, one that named none gets them all. */
    @Test
    void aWebhookReceivesOnlyTheEventsItSubscribedTo() {
        Scenario.Account account = scenario.account("filter");
        String onlyResets = "/only-resets-" + storage;
        String everything = "/everything-" + storage;
        Api.Reply filtered = create(account, receiver.url(onlyResets), List.of("token.reset"));
        assertThat(filtered.status()).as("%s", filtered).isEqualTo(201);
        assertThat(filtered.json().get("events").toString()).isEqualTo("[\"token.reset\"]");
        assertThat(create(account, receiver.url(everything), null).status()).isEqualTo(201);

        scenario.issueToken(account);
        assertThat(scenario.reset(account, null).status()).isEqualTo(200);
        Api.Reply contact = account.admin().api().put(account.path() + "/api-contact-email",
                Map.of("email", "platform-team@acme.example"));
        assertThat(contact.status()).as("%s", contact).isEqualTo(200);
        Api.Reply applied = account.admin().api().post(account.path() + "/access-applications", Map.of(
                "requestedLevel", "BASIC", "useCase", "Reporting", "expectedDailyOperations", 100,
                "companyUrl", "https://acme.example"));
        assertThat(applied.status()).as("%s", applied).isEqualTo(201);
        Api.Reply approved = tessera.operator().post("/api/v1/access-applications/" + applied.json().get("id").asLong()
                + ":approve", Map.of());
        assertThat(approved.status()).as("%s", approved).isEqualTo(200);

        List<WebhookReceiver.Received> all = receiver.await(everything, r -> true, 5, WAIT);
        assertThat(all.stream().map(r -> body(r).get("type").asString()).distinct().sorted().toList()).containsExactly(
                "access_level.changed", "application.decided", "contact_email.changed", "token.issued", "token.reset");
        JsonNode level = body(ofType(all, "access_level.changed")).get("data");
        assertThat(level.get("from").asString()).isEqualTo("TEST_ACCOUNT");
        assertThat(level.get("to").asString()).isEqualTo("BASIC");
        assertThat(body(ofType(all, "application.decided")).get("data").get("decision").asString()).isEqualTo("APPROVED");
        assertThat(body(ofType(all, "contact_email.changed")).get("data").get("apiContactEmail").asString())
                .isEqualTo("platform-team@acme.example");
        assertThat(receiver.received(onlyResets)).extracting(r -> body(r).get("type").asString())
                .containsExactly("token.reset");
    }

    @Test
    void anUnknownEventNameIsRefusedNamingTheField() {
        Scenario.Account account = scenario.account("unknown-event");
        Api.Reply reply = create(account, receiver.url("/unknown"), List.of("token.reset", "token.exploded"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("field")).isEqualTo("events");
        assertThat(reply.text("detail")).contains("token.exploded").contains("token.rotated");
        Api.Reply empty = create(account, receiver.url("/unknown"), List.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.text("field")).isEqualTo("events");
        assertThat(account.admin().api().get(account.path() + "/webhooks").json().get("webhooks")).isEmpty();
    }

    /** A receiver that does not answer within the request timeout (1 s here) counts as a failure and is retried. */
    @Test
    void aReceiverThatDoesNotAnswerInTimeIsRetried() {
        Scenario.Account account = scenario.account("slow");
        String path = "/slow-" + storage;
        receiver.answer(path, WebhookReceiver.HANG);
        long webhook = create(account, receiver.url(path), null).json().get("id").asLong();
        scenario.issueToken(account);
        JsonNode log = awaitState(account, webhook, "DELIVERED");
        assertThat(log.get(0).get("attempts").asInt()).isEqualTo(2);
        List<WebhookReceiver.Received> received = receiver.received(path);
        assertThat(received).hasSize(2);
        assertThat(received.get(1).header("Tessera-Event-Id")).isEqualTo(received.get(0).header("Tessera-Event-Id"));
    }

    /** The list never shows the secret; a deleted webhook gets nothing more. */
    @Test
    void theListShowsNoSecretAndADeletedWebhookGetsNothingMore() {
        Scenario.Account account = scenario.account("delete");
        String path = "/deleted-" + storage;
        Api.Reply created = create(account, receiver.url(path), List.of("token.reset", "token.issued"));
        String secret = created.text("secret");
        Api.Reply list = account.admin().api().get(account.path() + "/webhooks");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(secret).contains(created.text("maskedSecret"));
        assertThat(list.json().get("webhooks").get(0).has("secret")).isFalse();
        assertThat(list.json().get("events").toString()).contains("token.rotated", "token.revoked", "token.expiring");

        long id = created.json().get("id").asLong();
        assertThat(account.admin().api().delete(account.path() + "/webhooks/" + id).status()).isEqualTo(204);
        assertThat(account.admin().api().delete(account.path() + "/webhooks/" + id).status()).isEqualTo(404);
        Scenario.Account other = scenario.account("other");
        assertThat(create(other, receiver.url("/other-" + storage), null).status()).isEqualTo(201);
        scenario.issueToken(account);
        scenario.issueToken(other);
        receiver.await("/other-" + storage, r -> true, 1, WAIT);
        assertThat(receiver.received(path)).isEmpty();
    }

    /** Attempts are bounded: a receiver that keeps failing ends in FAILED after max-attempts (3 here). */
    @Test
    void aDeliveryIsGivenUpAfterItsLastAttempt() {
        Scenario.Account account = scenario.account("failing");
        String path = "/failing-" + storage;
        receiver.answer(path, 503, 500, 502, 500, 500);
        long webhook = create(account, receiver.url(path), null).json().get("id").asLong();
        scenario.issueToken(account);
        JsonNode log = awaitState(account, webhook, "FAILED");
        assertThat(log.get(0).get("attempts").asInt()).isEqualTo(3);
        assertThat(log.get(0).get("lastStatus").asInt()).isEqualTo(502);
        assertThat(log.get(0).get("lastError").asString()).contains("HTTP 502");
        assertThat(receiver.received(path)).hasSize(3);
    }

    /** A redirect is a failure, and is not followed (it could lead to an address the guard refuses). */
    @Test
    void aRedirectIsNotFollowed() {
        Scenario.Account account = scenario.account("redirect");
        String path = "/redirect-" + storage;
        receiver.answer(path, 307);
        long webhook = create(account, receiver.url(path), null).json().get("id").asLong();
        scenario.issueToken(account);
        JsonNode log = awaitState(account, webhook, "DELIVERED");
        assertThat(log.get(0).get("attempts").asInt()).isEqualTo(2);
        assertThat(receiver.received("/redirected" + path)).isEmpty();
    }

    static JsonNode awaitState(Scenario.Account account, long webhook, String state) {
        return Await.until("a delivery " + state, WAIT, () -> deliveries(account, webhook),
                log -> !log.isEmpty() && log.get(0).get("state").asString().equals(state));
    }
}
