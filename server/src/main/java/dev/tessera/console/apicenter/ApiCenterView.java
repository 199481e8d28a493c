package dev.tessera.console.apicenter;

import dev.tessera.audit.web.RequestActor;
import dev.tessera.console.Dates;
import dev.tessera.console.UsageChart;
import dev.tessera.access.AccessApplication;
import dev.tessera.access.AccessApplications;
import dev.tessera.access.AccessLevel;
import dev.tessera.quota.UsageReports;
import dev.tessera.account.CustomerId;
import dev.tessera.account.ManagerAccount;
import dev.tessera.account.ManagerAccounts;
import dev.tessera.contact.ContactEmails;
import dev.tessera.system.TesseraException;
import dev.tessera.token.DeveloperTokens;
import dev.tessera.token.TokenRevocations;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Fills the model of the API Center page: the token, the contact email's state, the access
 * applications and the usage. The page and the forms that re-show it with an error share it.
 */
@Component
class ApiCenterView {

    /** The application form's fields, kept to show them again next to an error. */
    record ApplicationForm(AccessLevel requestedLevel, String useCase, String expectedDailyOperations,
            String companyUrl) {}

    private final ManagerAccounts accounts;
    private final DeveloperTokens tokens;
    private final AdminRemovalNotice removals;
    private final OneTimeForms forms;
    private final ContactEmails contacts;
    private final AccessApplications applications;
    private final UsageReports usage;
    private final TokenRevocations revocations;
    private final OverlapPages overlaps;

    ApiCenterView(ManagerAccounts accounts, DeveloperTokens tokens, AdminRemovalNotice removals, OneTimeForms forms,
            ContactEmails contacts, AccessApplications applications, UsageReports usage, TokenRevocations revocations,
            OverlapPages overlaps) {
        this.revocations = revocations;
        this.overlaps = overlaps;
        this.accounts = accounts;
        this.tokens = tokens;
        this.removals = removals;
        this.forms = forms;
        this.contacts = contacts;
        this.applications = applications;
        this.usage = usage;
    }

    /** Fills the model and answers the template's name. */
    String render(CustomerId id, Principal principal, HttpServletRequest request, Model model) {
        ManagerAccount account = accounts.get(id, principal.getName());
        model.addAttribute("account", account);
        DeveloperTokens.TokenView token = token(id, principal, request);
        model.addAttribute("token", token);
        model.addAttribute("contact", ContactStatus.of(contacts.state(id, principal.getName())));
        if (token == null) {
            // A revoked token (reported public) leaves the lineage without one: say why, and offer the next.
            TokenRevocations.Revocation revocation = revocations.revocation(id, RequestActor.of(principal, request)).orElse(null);
            model.addAttribute("revocation", revocation);
            if (revocation != null) {
                model.addAttribute("revokedOn", Dates.minute(revocation.revokedAt()));
            }
            model.addAttribute("applyForm", forms.issue(request.getSession(), "apply:" + id.digits()));
            return "api-center";
        }
        model.addAttribute("issuedOn", Dates.minute(token.issuedAt()));
        model.addAttribute("lastResetOn", Dates.minute(token.lastResetAt()));
        model.addAttribute("expiresOn", Dates.minute(token.expiresAt()));
        overlaps.addTo(id, principal, request, model);
        removals.removedAdminOn(id).ifPresent(day -> model.addAttribute("removedAdminOn", day));

        List<ApplicationRow> rows = applications.ofAccount(id, principal.getName()).stream()
                .sorted((a, b) -> b.submittedAt().compareTo(a.submittedAt())).map(ApplicationRow::of).toList();
        model.addAttribute("applications", rows);
        model.addAttribute("pendingApplication", rows.stream().anyMatch(ApplicationRow::pending));
        List<AccessLevel> higher = Arrays.stream(AccessLevel.values())
                .filter(level -> level.compareTo(token.accessLevel()) > 0).toList();
        model.addAttribute("higherLevels", higher);
        if (!model.containsAttribute("applicationErrors")) {
            model.addAttribute("applicationErrors", java.util.Map.of());
        }
        if (!model.containsAttribute("applicationForm")) {
            model.addAttribute("applicationForm", new ApplicationForm(higher.isEmpty() ? null : higher.get(0), "", "",
                    account.companyUrl()));
        }
        UsageReports.Report report = usage.report(id, principal.getName());
        model.addAttribute("quotas", report.quotas().stream().map(dev.tessera.console.QuotaMeter::of).toList());
        model.addAttribute("hourlyChart", UsageChart.hourly(report.hourly()));
        model.addAttribute("dailyChart", UsageChart.daily(report.daily()));
        model.addAttribute("hasUsage", report.daily().stream().anyMatch(p -> p.acceptedRequests() + p.rejected() > 0));
        return "api-center";
    }

    /** The masked token, or null before the first. */
    private DeveloperTokens.TokenView token(CustomerId id, Principal principal, HttpServletRequest request) {
        try {
            return tokens.view(id, RequestActor.of(principal, request));
        } catch (TesseraException e) {
            if (!(e instanceof TesseraException.NotFound)) {
                throw e;
            }
            return null;
        }
    }

    /** One application as the API Center lists it. */
    record ApplicationRow(long id, AccessLevel requestedLevel, String status, String statusClass, String submitted,
            String submittedBy, String decided, String decidedBy, String reason, boolean pending) {

        static ApplicationRow of(AccessApplication a) {
            boolean pending = a.status() == AccessApplication.Status.PENDING;
            return new ApplicationRow(a.id(), a.requestedLevel(), pending ? "pending review" : a.status().name().toLowerCase(),
                    switch (a.status()) {
                        case PENDING -> "warn";
                        case APPROVED -> "ok";
                        case REJECTED -> "bad";
                    }, Dates.minute(a.submittedAt()), a.submittedBy(), Dates.minute(a.decidedAt()), a.decidedBy(),
                    a.decisionReason(), pending);
        }
    }
}
