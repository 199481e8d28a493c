package dev.tessera.account;

import dev.tessera.audit.AuditEvent;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import dev.tessera.system.ApiException;
import dev.tessera.system.ManagementApi;
import java.security.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code GET /api/v1/manager-accounts/{customerId}/audit-events}: ADMIN only, newest first, paginated. */
@ManagementApi("/api/v1/manager-accounts/{customerId}/audit-events")
class AuditController {

    static final int MAX_PAGE_SIZE = 200;

    private final AuditLog audit;
    private final AccountAccess access;

    AuditController(AuditLog audit, AccountAccess access) {
        this.audit = audit;
        this.access = access;
    }

    record Page(List<AuditEvent> events, int page, int size, long totalEvents) {}

    @GetMapping
    Page list(@PathVariable String customerId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size, @RequestParam(required = false) AuditEventType type,
            Principal principal) {
        CustomerId account = CustomerId.parseField("customerId", customerId);
        access.requireAdmin(account, principal.getName());
        if (page < 0) {
            throw ApiException.invalid("page", "'page' starts at 0.");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.invalid("size", "'size' is between 1 and " + MAX_PAGE_SIZE + ".");
        }
        return new Page(audit.page(account.value(), type, page, size), page, size, audit.count(account.value(), type));
    }
}
