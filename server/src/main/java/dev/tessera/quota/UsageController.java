package dev.tessera.quota;

import dev.tessera.account.CustomerId;
import dev.tessera.system.web.ManagementApi;
import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** {@code GET /api/v1/manager-accounts/{customerId}/usage}: the account's usage and quota, ADMIN only. */
@ManagementApi("/api/v1/manager-accounts/{customerId}/usage")
class UsageController {

    private final UsageReports reports;

    UsageController(UsageReports reports) {
        this.reports = reports;
    }

    @GetMapping
    UsageReports.Report usage(@PathVariable String customerId, Principal principal) {
        return reports.report(CustomerId.parseField("customerId", customerId), principal.getName());
    }
}
