package dev.tessera.audit;

import dev.tessera.system.TesseraException;
import dev.tessera.system.web.ManagementApi;
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
    private final AuditReaders readers;

    AuditController(AuditLog audit, AuditReaders readers) {
        this.audit = audit;
        this.readers = readers;
    }

    record Page(List<AuditEvent> events, int page, int size, long totalEvents) {}

    @GetMapping
    Page list(@PathVariable String customerId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size, @RequestParam(required = false) AuditEventType type,
            Principal principal) {
        long account = readers.requireAdmin(customerId, principal.getName());
        if (page < 0) {
            throw TesseraException.invalid("page", "'page' starts at 0.");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw TesseraException.invalid("size", "'size' is between 1 and " + MAX_PAGE_SIZE + ".");
        }
        return new Page(audit.page(account, type, page, size), page, size, audit.count(account, type));
    }
}
