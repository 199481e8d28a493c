package dev.tessera.console.accounts;

import dev.tessera.account.CustomerId;
import dev.tessera.account.ManagerAccounts;
import dev.tessera.audit.AuditEvent;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import dev.tessera.console.AdminGate;
import dev.tessera.console.Dates;
import dev.tessera.console.Labels;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log (ADMIN only): newest first, {@link #PAGE_SIZE} a page, filtered by event type,
 * actor and date range (UTC days, both included). Token views (one per API Center visit) are left
 * out unless asked for. The same filter exports every matching event as CSV.
 */
@Controller
class AuditPage {

    static final int PAGE_SIZE = 25;
    static final int CSV_MAX = 50_000;

    private final ManagerAccounts accounts;
    private final AuditLog audit;
    private final AdminGate gate;
    private final Labels labels;

    AuditPage(ManagerAccounts accounts, AuditLog audit, AdminGate gate, Labels labels) {
        this.accounts = accounts;
        this.audit = audit;
        this.gate = gate;
        this.labels = labels;
    }

    /** One row as shown: the details are already masked by whoever recorded them. */
    record Row(String time, String type, String typeLabel, String actor, String clientIp, String details) {}

    private Row row(AuditEvent event) {
        return new Row(Dates.second(event.occurredAt()), event.type().name(), labels.event(event.type()),
                event.actor() == null ? "Tessera" : event.actor(), event.clientIp() == null ? "" : event.clientIp(),
                details(event.details()));
    }

    /** "maskedToken: ABcd…" → "Masked token: ABcd…"; level and role values in words. */
    private String details(Map<String, String> details) {
        return details.entrySet().stream()
                .map(entry -> words(entry.getKey()) + ": " + value(entry.getValue()))
                .collect(Collectors.joining(" · "));
    }

    private String value(String value) {
        String level = labels.level(value);
        if (!level.equals(value)) {
            return level;
        }
        return switch (value) {
            case "ADMIN", "READ_ONLY" -> labels.role(dev.tessera.account.Role.valueOf(value));
            default -> value;
        };
    }

    private static String words(String camel) {
        String spaced = camel.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT)
                .replaceAll("\\bapi\\b", "API").replaceAll("\\bip\\b", "IP");
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    @GetMapping("/accounts/{customerId}/audit")
    String show(@PathVariable String customerId, @RequestParam(required = false) AuditEventType type,
            @RequestParam(defaultValue = "false") boolean views, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "1") int page, Principal principal, Model model) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        gate.require(id, principal.getName(), "The audit log");
        AuditLog.Filter filter = filter(type, views, actor, from, to);
        long total = audit.count(id.value(), filter);
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(page, 1), pages);
        List<Row> rows = audit.page(id.value(), filter, current - 1, PAGE_SIZE).stream().map(this::row).toList();
        model.addAttribute("account", accounts.get(id, principal.getName()));
        model.addAttribute("rows", rows);
        model.addAttribute("types", Stream.of(AuditEventType.values())
                .map(t -> Map.entry(t.name(), labels.event(t))).toList());
        model.addAttribute("type", type == null ? null : type.name());
        model.addAttribute("views", views);
        model.addAttribute("actor", filter.actor());
        model.addAttribute("from", filter.from() == null ? null : from.strip());
        model.addAttribute("to", filter.to() == null ? null : to.strip());
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("total", total);
        return "audit";
    }

    /** Every event that passes the filter, as CSV (RFC 4180), newest first. */
    @GetMapping("/accounts/{customerId}/audit.csv")
    void csv(@PathVariable String customerId, @RequestParam(required = false) AuditEventType type,
            @RequestParam(defaultValue = "false") boolean views, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            Principal principal, HttpServletResponse response) throws IOException {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        gate.require(id, principal.getName(), "The audit log");
        List<AuditEvent> events = audit.page(id.value(), filter(type, views, actor, from, to), 0, CSV_MAX);
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-" + id.digits() + ".csv\"");
        PrintWriter out = response.getWriter();
        out.print("time_utc,event,event_label,actor,client_ip,details\r\n");
        for (AuditEvent event : events) {
            Row row = row(event);
            out.print(Stream.of(event.occurredAt().toString(), row.type(), row.typeLabel(), row.actor(), row.clientIp(),
                    row.details()).map(AuditPage::cell).collect(Collectors.joining(",")) + "\r\n");
        }
        out.flush();
    }

    /** A quoted CSV cell; a leading = + - @ is defused so a spreadsheet does not run it as a formula. */
    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static AuditLog.Filter filter(AuditEventType type, boolean views, String actor, String from, String to) {
        String who = actor == null || actor.isBlank() ? null : actor.strip().toLowerCase(java.util.Locale.ROOT);
        LocalDate first = day(from);
        LocalDate last = day(to);
        return new AuditLog.Filter(type, views, who, first == null ? null : first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                last == null ? null : last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** A yyyy-mm-dd day, or null for none or one that does not parse (the filter then ignores it). */
    private static LocalDate day(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
