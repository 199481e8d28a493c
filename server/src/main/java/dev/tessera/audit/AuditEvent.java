package dev.tessera.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of an account's append-only audit log. {@code details} holds masked tokens, reasons and
 * subjects, never a full token or a password.
 */
public record AuditEvent(
        long id,
        long accountId,
        Instant occurredAt,
        AuditEventType type,
        String actor,
        String clientIp,
        Map<String, String> details) {}
