package dev.tessera.audit;

import java.time.Instant;
import java.util.Map;

/**
 * Told of every audit event as {@link AuditLog#record} stores it, inside the same transaction: what a
 * listener writes commits or rolls back with the change the event describes. A later feature
 * implements it (the webhooks' outbox), so the audit feature depends on none. Implementations must
 * be quick and must not throw for events they do not care about.
 */
public interface AuditListener {

    /** An event was recorded; {@code details} hold masked tokens only, as {@link AuditLog#record} requires. */
    void recorded(long accountId, AuditEventType type, Actor actor, Map<String, String> details, Instant at);
}
