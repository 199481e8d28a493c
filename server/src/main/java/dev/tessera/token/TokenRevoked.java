package dev.tessera.token;

import dev.tessera.audit.Actor;
import java.time.Instant;

/**
 * Published (a Spring application event) inside the transaction that revokes an account's active
 * token because it was reported public, after the audit entry and the notice were written. A
 * listener that writes (a webhook delivery in the outbox) joins that transaction; one that must act
 * only on a commit uses {@code @TransactionalEventListener}. Carries the masked token only.
 *
 * @param reason what the audit log says after "revoked:", e.g. {@code reported public at https://…}
 * @param url where the token was found, or null when the report named no place
 * @param reportedBy {@code GitHub secret scanning} or {@code public revocation request}
 */
public record TokenRevoked(long managerCustomerId, long version, String maskedToken, String reason, String url,
        String reportedBy, Actor actor, Instant revokedAt) {}
