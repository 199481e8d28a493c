package dev.tessera.outbox;

import java.time.Instant;

/**
 * One mail of the outbox as ADMINs and the OPERATOR see it. A confirmation link in the body is
 * shown as a placeholder: its secret exists only in the mail that was sent.
 */
public record NotificationView(long id, String customerId, NotificationKind kind, String recipient, String subject,
        DeliveryState state, int attempts, Instant createdAt, Instant nextAttemptAt, Instant sentAt,
        String lastError, String textBody) {}
