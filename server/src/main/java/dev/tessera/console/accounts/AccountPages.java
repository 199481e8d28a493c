package dev.tessera.console.accounts;

import dev.tessera.audit.web.RequestActor;
import dev.tessera.console.FieldErrors;
import dev.tessera.console.OperatorGate;
import dev.tessera.system.EmailAddress;
import dev.tessera.system.TextFields;
import dev.tessera.console.QuotaMeter;
import dev.tessera.console.UsageChart;
import dev.tessera.quota.UsageReports;
import dev.tessera.account.AccountAccess;
import dev.tessera.account.CustomerId;
import dev.tessera.account.ManagerAccount;
import dev.tessera.account.ManagerAccounts;
import dev.tessera.account.Role;
import dev.tessera.system.TesseraException;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The account list after sign-in (with the operator's pages for the OPERATOR), creating a manager account, an account's home and its Admin page. */
@Controller
class AccountPages {

    private final ManagerAccounts accounts;
    private final AccountAccess access;
    private final OperatorGate operator;
    private final UsageReports usage;

    AccountPages(ManagerAccounts accounts, AccountAccess access, OperatorGate operator, UsageReports usage) {
        this.usage = usage;
        this.accounts = accounts;
        this.access = access;
        this.operator = operator;
    }

    /** The create form's fields, kept to show them again next to an error. */
    record NewAccountForm(String name, String companyName, String companyUrl, String apiContactEmail) {}

    @GetMapping("/")
    String list(Principal principal, Model model) {
        model.addAttribute("memberships", accounts.membershipsOf(principal.getName()));
        model.addAttribute("operator", operator.isOperator(principal));
        return "accounts";
    }

    /** {@code /accounts} takes the create form's POST; opened in a browser it is the account list (issue 14). */
    @GetMapping("/accounts")
    String accounts() {
        return "redirect:/";
    }

    @GetMapping("/accounts/new")
    String newAccount(Model model) {
        model.addAttribute("form", new NewAccountForm("", "", "https://", ""));
        model.addAttribute("errors", java.util.Map.of());
        return "account-new";
    }

    @PostMapping("/accounts")
    String create(@ModelAttribute NewAccountForm form, Principal principal, HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response, Model model) {
        // Each field's own rule first, so that every bad field is named at once (issue 16).
        FieldErrors errors = new FieldErrors()
                .check(() -> TextFields.singleLine("name", form.name(), 200))
                .check(() -> TextFields.singleLine("companyName", form.companyName(), 200))
                .check(() -> ManagerAccounts.webAddress("companyUrl", form.companyUrl()))
                .check(() -> {
                    try {
                        EmailAddress.parse(form.apiContactEmail());
                    } catch (IllegalArgumentException e) {
                        throw TesseraException.invalid("apiContactEmail", e.getMessage());
                    }
                });
        try {
            if (errors.any()) {
                return refused(form, errors, response, model);
            }
            ManagerAccount created = accounts.create(new ManagerAccounts.NewManagerAccount(form.name(),
                    form.companyName(), form.companyUrl(), form.apiContactEmail()), RequestActor.of(principal, request));
            return "redirect:/accounts/" + created.customerId().digits();
        } catch (TesseraException e) {
            errors.add(e);
            return refused(form, errors, response, model);
        }
    }

    private static String refused(NewAccountForm form, FieldErrors errors, jakarta.servlet.http.HttpServletResponse response,
            Model model) {
        response.setStatus(400);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.messages());
        model.addAttribute("first", errors.first());
        return "account-new";
    }

    @GetMapping("/accounts/{customerId}")
    String home(@PathVariable String customerId, Principal principal, Model model) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        addAccount(id, principal, model);
        model.addAttribute("clients", accounts.clients(id, principal.getName()));
        // Every member sees the account's access level, quotas and usage; only ADMINs see the token.
        UsageReports.Report report = usage.memberReport(id, principal.getName());
        model.addAttribute("level", report.accessLevel());
        model.addAttribute("quotas", report.quotas().stream().map(QuotaMeter::of).toList());
        model.addAttribute("hourlyChart", UsageChart.hourly(report.hourly()));
        model.addAttribute("dailyChart", UsageChart.daily(report.daily()));
        model.addAttribute("hasUsage", report.daily().stream().anyMatch(p -> p.acceptedRequests() + p.rejected() > 0));
        model.addAttribute("admins", accounts.members(id, principal.getName()).stream()
                .filter(m -> m.role() == Role.ADMIN).map(m -> m.email()).toList());
        return "account";
    }

    /** "Admin": the manager account settings. Everyone may open it; only ADMINs see the entries. */
    @GetMapping("/accounts/{customerId}/admin")
    String admin(@PathVariable String customerId, Principal principal, Model model) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        addAccount(id, principal, model);
        model.addAttribute("admins", accounts.members(id, principal.getName()).stream()
                .filter(m -> m.role() == Role.ADMIN).map(m -> m.email()).toList());
        return "admin";
    }

    /** Puts {@code account} and {@code role} in the model. @throws TesseraException 404 for a non-member */
    private void addAccount(CustomerId id, Principal principal, Model model) {
        Role role = access.requireMember(id, principal.getName());
        model.addAttribute("account", accounts.get(id, principal.getName()));
        model.addAttribute("role", role);
        model.addAttribute("admin", role == Role.ADMIN);
    }
}
