package dev.tessera.token;

import dev.tessera.audit.Actor;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Closes a rotation's overlap once, in the caller's transaction: marks the row closed (ending it now
 * if it still ran), records the audit event and publishes {@link TokenEvents.OverlapEnded}. The
 * conditional update makes the record happen once however many nodes or requests try.
 */
@Component
class OverlapEnds {

    private final RotationRepository rotations;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    OverlapEnds(RotationRepository rotations, AuditLog audit, ApplicationEventPublisher events) {
        this.rotations = rotations;
        this.audit = audit;
        this.events = events;
    }

    /** Closes the account's open overlap, if any; answers whether one was closed. */
    boolean closeOpen(long account, Actor actor, Instant now, String cause) {
        return rotations.openOverlap(account).map(overlap -> close(overlap, actor, now, cause)).orElse(false);
    }

    /** Closes {@code overlap} at {@code now} (or at its own end when that came first). */
    boolean close(RotationRepository.Overlap overlap, Actor actor, Instant now, String cause) {
        if (!rotations.close(overlap.id(), now)) {
            return false;
        }
        Instant ended = overlap.until().isBefore(now) ? overlap.until() : now;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("maskedToken", overlap.masked());
        details.put("endedAt", ended.toString());
        details.put("cause", cause);
        details.put("requestsDuringOverlap", Long.toString(overlap.requests()));
        if (overlap.lastSeen() != null) {
            details.put("lastSeenAt", overlap.lastSeen().toString());
        }
        audit.record(overlap.account(), AuditEventType.TOKEN_OVERLAP_ENDED, actor, details);
        events.publishEvent(new TokenEvents.OverlapEnded(overlap.account(), overlap.masked(), ended, cause,
                overlap.requests(), overlap.lastSeen(), actor));
        return true;
    }
}
