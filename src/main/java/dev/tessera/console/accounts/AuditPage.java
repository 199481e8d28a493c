package dev.tessera.console.accounts;

import dev.tessera.console.AdminGate;
import dev.tessera.console.Dates;
import dev.tessera.account.CustomerId;
import dev.tessera.account.ManagerAccounts;
import dev.tessera.audit.AuditEvent;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log (ADMIN only): newest first, {@link #PAGE_SIZE} a page, filtered by event type. */
@Controller
class AuditPage {

    static final int PAGE_SIZE = 25;

    private final ManagerAccounts accounts;
    private final AuditLog audit;
    private final AdminGate gate;

    AuditPage(ManagerAccounts accounts, AuditLog audit, AdminGate gate) {
        this.accounts = accounts;
        this.audit = audit;
        this.gate = gate;
    }

    /** One row as shown: the details are already masked by whoever recorded them. */
    record Row(String time, String type, String actor, String clientIp, String details) {

        static Row of(AuditEvent event) {
            return new Row(Dates.second(event.occurredAt()), event.type().name(),
                    event.actor() == null ? "Tessera" : event.actor(),
                    event.clientIp() == null ? "" : event.clientIp(), details(event.details()));
        }

        private static String details(Map<String, String> details) {
            return details.entrySet().stream()
                    .map(entry -> entry.getKey() + ": " + entry.getValue())
                    .collect(Collectors.joining(", "));
        }
    }

    @GetMapping("/accounts/{customerId}/audit")
    String show(@PathVariable String customerId, @RequestParam(required = false) AuditEventType type,
            @RequestParam(defaultValue = "1") int page, Principal principal, Model model) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        gate.require(id, principal.getName(), "The audit log");
        long total = audit.count(id.value(), type);
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(page, 1), pages);
        List<Row> rows = audit.page(id.value(), type, current - 1, PAGE_SIZE).stream().map(Row::of).toList();
        model.addAttribute("account", accounts.get(id, principal.getName()));
        model.addAttribute("rows", rows);
        model.addAttribute("types", AuditEventType.values());
        model.addAttribute("type", type);
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("total", total);
        return "audit";
    }
}
