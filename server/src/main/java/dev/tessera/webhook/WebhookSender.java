package dev.tessera.webhook;

import dev.tessera.outbox.Poller;
import dev.tessera.system.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Posts the webhooks' outbox. One thread looks for due deliveries every {@code tessera.webhook.poll-interval}
 * (and at once when a delivery commits on this node): it claims each (SENDING, leased), re-checks the
 * target ({@link TargetGuard}: the name may resolve elsewhere now), signs the stored body with the
 * webhook's secret and posts it with the {@code Tessera-Signature} and {@code Tessera-Event-Id} headers.
 * A 2xx answer marks it DELIVERED; anything else (another status, a redirect, which is never followed,
 * a timeout, a refused target) schedules a retry after an exponential back-off, or marks it FAILED once
 * {@code max-attempts} are spent. Delivery is at least once: receivers deduplicate by the event id.
 */
@Component
class WebhookSender implements SmartLifecycle {

    static final String EVENT_ID_HEADER = "Tessera-Event-Id";
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final TargetGuard guard;
    private final SigningSecrets secrets;
    private final WebhookProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private final Poller poller;

    WebhookSender(WebhookRepository webhooks, DeliveryRepository deliveries, TargetGuard guard, SigningSecrets secrets,
            WebhookProperties properties, Clock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.guard = guard;
        this.secrets = secrets;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build();
        this.poller = new Poller("tessera-webhooks", properties.pollInterval(), this::drain);
    }

    @Override
    public void start() {
        poller.start(properties.pollInterval());
    }

    /** Looks for due deliveries now (after a commit that wrote some), on the sender's thread. */
    void wake() {
        poller.wake();
    }

    @Override
    public void stop() {
        poller.stop();
    }

    @Override
    public boolean isRunning() {
        return poller.isRunning();
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }

    private void drain() {
        while (!poller.stopping()) {
            Instant now = Timestamps.now(clock);
            List<Long> due = deliveries.due(now, properties.batchSize());
            int claimed = 0;
            for (long id : due) {
                if (poller.stopping()) {
                    return;
                }
                Optional<DeliveryRepository.Claimed> delivery = deliveries.claim(id, now, now.plus(properties.lease()));
                if (delivery.isPresent()) {
                    claimed++;
                    attempt(delivery.get());
                }
            }
            if (claimed == 0 || due.size() < properties.batchSize()) {
                return;
            }
        }
    }

    private void attempt(DeliveryRepository.Claimed delivery) {
        Optional<WebhookRepository.Target> target = webhooks.target(delivery.webhookId());
        if (target.isEmpty()) {
            return; // deleted meanwhile; its deliveries went with it
        }
        URI uri = URI.create(target.get().url());
        Optional<String> refused = guard.refusal(uri);
        if (refused.isPresent()) {
            failed(delivery, null, "Not sent: " + refused.get());
            return;
        }
        try {
            String secret = secrets.open(target.get().sealedSecret(), target.get().accountId());
            long t = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Tessera-Webhooks/1")
                    .header(EVENT_ID_HEADER, delivery.eventId())
                    .header(Signatures.HEADER, Signatures.header(secret, t, delivery.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                    .build();
            // Only the status counts: the answer's body is closed unread, so a receiver that streams
            // without end cannot hold the sender past the request timeout (which bounds the headers).
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                deliveries.markDelivered(delivery.id(), status, Timestamps.now(clock));
            } else {
                failed(delivery, status, "The receiver answered HTTP " + status + (status / 100 == 3
                        ? " (redirects are not followed)." : "."));
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            failed(delivery, null, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(delivery, null, "Interrupted while sending.");
        }
    }

    private void failed(DeliveryRepository.Claimed delivery, Integer status, String error) {
        if (delivery.attempts() >= properties.maxAttempts()) {
            deliveries.markFailed(delivery.id(), status, error, Timestamps.now(clock));
            log.warn("Webhook delivery {} (event {}) given up after {} attempts: {}", delivery.id(), delivery.eventId(),
                    delivery.attempts(), error);
        } else {
            Instant next = Timestamps.now(clock).plus(properties.retryDelay(delivery.attempts()));
            deliveries.markRetry(delivery.id(), status, error, next);
            log.info("Webhook delivery {} (event {}) failed on attempt {}, next at {}: {}", delivery.id(),
                    delivery.eventId(), delivery.attempts(), next, error);
        }
    }

    private static String describe(Exception e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        text = text.replaceAll("[\\r\\n]+", " ");
        return text.length() > 480 ? text.substring(0, 480) : text;
    }
}
