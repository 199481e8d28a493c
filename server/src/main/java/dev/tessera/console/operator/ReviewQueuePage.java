package dev.tessera.console.operator;

import dev.tessera.audit.web.RequestActor;
import dev.tessera.system.web.ErrorStatus;
import dev.tessera.console.FormErrors;
import dev.tessera.console.Dates;
import dev.tessera.console.OperatorGate;
import dev.tessera.console.Labels;
import dev.tessera.account.ManagerAccounts;
import dev.tessera.quota.UsageReports;
import dev.tessera.console.UsageChart;
import dev.tessera.access.AccessApplication;
import dev.tessera.access.AccessApplications;
import dev.tessera.access.AccessLevel;
import dev.tessera.account.CustomerId;
import dev.tessera.system.TesseraException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The OPERATOR's review queue: pending access applications, oldest first, each with an approve
 * form (reason optional) and a reject form (reason required; the applicant is told it).
 */
@Controller
@RequestMapping("/operator/applications")
class ReviewQueuePage {

    static final int PAGE_SIZE = 20;
    private static final String PAGE = "The review queue";

    private final AccessApplications applications;
    private final OperatorGate operator;
    private final Labels labels;
    private final ManagerAccounts accounts;
    private final UsageReports usage;

    ReviewQueuePage(AccessApplications applications, OperatorGate operator, Labels labels, ManagerAccounts accounts,
            UsageReports usage) {
        this.labels = labels;
        this.accounts = accounts;
        this.usage = usage;
        this.applications = applications;
        this.operator = operator;
    }

    /** One pending application as the reviewer sees it. */
    record Item(long id, String customerId, String accountName, String companyName, AccessLevel requestedLevel,
            AccessLevel currentLevel, String useCase, String expectedDailyOperations, String companyUrl, String submitted,
            String submittedBy, Sparkline usage, List<String> history) {}

    @GetMapping
    String show(@RequestParam(defaultValue = "1") int page, Principal principal, Model model) {
        operator.require(principal, PAGE);
        return render(Math.max(page, 1), model);
    }

    @PostMapping("/{id}/approve")
    String approve(@PathVariable long id, @RequestParam(required = false) String reason, Principal principal,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        return decide(id, true, reason, principal, request, response, model, redirect);
    }

    @PostMapping("/{id}/reject")
    String reject(@PathVariable long id, @RequestParam(required = false) String reason, Principal principal,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        return decide(id, false, reason, principal, request, response, model, redirect);
    }

    private String decide(long id, boolean approve, String reason, Principal principal, HttpServletRequest request,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        operator.require(principal, PAGE);
        try {
            AccessApplication decided = applications.decide(id, approve, reason, RequestActor.of(principal, request));
            redirect.addFlashAttribute("notice", "The application of " + accountName(decided.customerId()) + " ("
                    + display(decided.customerId()) + ") for "
                    + labels.level(decided.requestedLevel()) + " was " + decided.status().name().toLowerCase()
                    + ". The API contact email is told.");
        } catch (TesseraException e) {
            if (e.field() == null) {
                redirect.addFlashAttribute("problem", e.getMessage());
                return "redirect:/operator/applications";
            }
            response.setStatus(ErrorStatus.of(e).value());
            model.addAttribute("problemId", id);
            model.addAttribute("problemApprove", approve);
            model.addAttribute("reasonProblem", FormErrors.readable(e).replace("'reason'", "Reason"));
            return render(1, model);
        }
        return "redirect:/operator/applications";
    }

    private String render(int page, Model model) {
        List<Item> items = applications.queue(AccessApplication.Status.PENDING, page - 1, PAGE_SIZE).stream()
                .map(this::item).toList();
        // With a page size of 1, page n is the n-th item: the first one of the next page.
        boolean more = !applications.queue(AccessApplication.Status.PENDING, page * PAGE_SIZE, 1).isEmpty();
        model.addAttribute("items", items);
        model.addAttribute("page", page);
        model.addAttribute("more", more);
        return "review-queue";
    }

    private Item item(AccessApplication a) {
        CustomerId account = CustomerId.parse(a.customerId());
        var manager = accounts.findForOperator(account);
        List<String> history = applications.historyForOperator(account).stream().filter(h -> h.id() != a.id())
                .sorted((x, y) -> y.submittedAt().compareTo(x.submittedAt()))
                .map(h -> labels.level(h.requestedLevel()) + ", " + Dates.minute(h.submittedAt()) + ": "
                        + h.status().name().toLowerCase(java.util.Locale.ROOT)
                        + (h.decisionReason() == null ? "" : " — “" + h.decisionReason() + "”"))
                .toList();
        return new Item(a.id(), account.display(), manager.map(m -> m.name()).orElse("Unknown account"),
                manager.map(m -> m.companyName()).orElse(""), a.requestedLevel(), applications.level(account),
                a.useCase(), UsageChart.count(a.expectedDailyOperations()), a.companyUrl(),
                Dates.minute(a.submittedAt()), a.submittedBy(), Sparkline.of(usage.operatorReport(account).daily()),
                history);
    }

    private String accountName(String customerId) {
        return accounts.findForOperator(CustomerId.parse(customerId)).map(m -> m.name()).orElse("an account");
    }

    private static String display(String customerId) {
        return CustomerId.parse(customerId).display();
    }
}
