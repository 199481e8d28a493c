package dev.tessera.console.apicenter;

import dev.tessera.console.Dates;
import dev.tessera.account.CustomerId;
import dev.tessera.account.Role;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import java.util.EnumSet;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether an ADMIN, who may know the developer token, was removed from the account since the token
 * was last issued or reset; read from the audit log, so the prompt lasts until the next reset.
 */
@Component
class AdminRemovalNotice {

    private final AuditLog audit;

    AdminRemovalNotice(AuditLog audit) {
        this.audit = audit;
    }

    /** The day of the latest such removal, e.g. "26 November 2025", or empty. */
    Optional<String> removedAdminOn(CustomerId account) {
        return audit.since(account.value(), AuditEventType.USER_REMOVED,
                        EnumSet.of(AuditEventType.TOKEN_RESET, AuditEventType.TOKEN_ISSUED))
                .stream()
                .filter(event -> Role.ADMIN.name().equals(event.details().get("role")))
                .findFirst()
                .map(event -> Dates.day(event.occurredAt()));
    }
}
