package dev.tessera.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A webhook as its account's ADMINs see it: never its secret, only a masked form of it.
 *
 * @param events the subscribed event names, in catalogue order (every name when none was chosen)
 */
public record Webhook(long id, String customerId, String url, List<String> events, boolean allEvents,
        String maskedSecret, Instant createdAt, String createdBy) {

    public Webhook {
        events = List.copyOf(events);
    }
}
