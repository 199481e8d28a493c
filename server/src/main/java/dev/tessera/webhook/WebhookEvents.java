package dev.tessera.webhook;

import dev.tessera.audit.Actor;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditListener;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns audit events of the catalogue ({@link WebhookEvent}) into deliveries, one per subscribed
 * webhook of the account, written in the transaction that records the audit event: a change that
 * rolls back sends nothing, one that commits is delivered (at least once) even if the node dies
 * next. The body is fixed here and sent unchanged on every attempt:
 * {@code {"id","type","createdAt","account":{"customerId"},"data":{…}}}, where {@code data} is the
 * audit event's details (masked tokens only, as the audit log requires) and the actor's email. An
 * event with no audit entry (a reminder, say) is emitted by calling {@link #publish} in the transaction.
 */
@Component
public class WebhookEvents implements AuditListener {

    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final WebhookSender sender;
    private final JsonMapper json;
    private final SecureRandom random = new SecureRandom();

    WebhookEvents(WebhookRepository webhooks, DeliveryRepository deliveries, WebhookSender sender, JsonMapper json) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.sender = sender;
        this.json = json;
    }

    @Override
    public void recorded(long accountId, AuditEventType type, Actor actor, Map<String, String> details, Instant at) {
        WebhookEvent.of(type).ifPresent(event -> {
            Map<String, String> data = new LinkedHashMap<>(details);
            if (actor.email() != null) {
                data.putIfAbsent("actor", actor.email());
            }
            publish(accountId, event, data, at);
        });
    }

    /**
     * Queues the event for every webhook of the account that subscribed to it, in the caller's
     * transaction; answers the event id, or null when no webhook wants it. {@code data} must hold no
     * secret: masked tokens only.
     */
    public String publish(long accountId, WebhookEvent event, Map<String, String> data, Instant at) {
        List<Long> subscribers = webhooks.subscribers(accountId).stream()
                .filter(subscriber -> subscriber.events().contains(event)).map(WebhookRepository.Subscriber::id).toList();
        if (subscribers.isEmpty()) {
            return null;
        }
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        String id = "evt_" + HexFormat.of().formatHex(bits);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", event.wire());
        body.put("createdAt", at.truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("account", Map.of("customerId", Long.toString(accountId)));
        body.put("data", data);
        String payload = json.writeValueAsString(body);
        subscribers.forEach(webhook -> deliveries.add(webhook, id, event, payload, at));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sender.wake();
                }
            });
        } else {
            sender.wake();
        }
        return id;
    }
}
