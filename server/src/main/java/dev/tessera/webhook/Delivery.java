package dev.tessera.webhook;

import java.time.Instant;

/**
 * One event's delivery to one webhook, as the delivery log shows it: its state, how many attempts,
 * the receiver's last HTTP status (null when none answered) or error, and when.
 */
public record Delivery(long id, long webhookId, String eventId, String eventType, State state, int attempts,
        Instant createdAt, Instant lastAttemptAt, Integer lastStatus, String lastError, Instant nextAttemptAt,
        Instant deliveredAt) {

    /** Where a delivery is. */
    public enum State {
        /** Waiting for its (next) attempt at {@code nextAttemptAt}. */
        PENDING,
        /** Claimed by a sender, being posted now. */
        SENDING,
        /** The receiver answered 2xx. */
        DELIVERED,
        /** Given up after the last attempt. */
        FAILED
    }
}
