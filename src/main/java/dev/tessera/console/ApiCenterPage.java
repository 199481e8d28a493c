package dev.tessera.console;

import dev.tessera.account.CustomerId;
import dev.tessera.account.ManagerAccounts;
import dev.tessera.audit.Actor;
import dev.tessera.contact.ContactEmails;
import dev.tessera.system.ApiException;
import dev.tessera.token.DeveloperTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The API Center (ADMIN only): API Access (the masked developer token, its access level, dates and
 * reset count; apply for a token when there is none) and Developer details (the API contact email,
 * editable, and the company). Resetting lives in {@link ResetPages}.
 */
@Controller
@RequestMapping("/accounts/{customerId}/api-center")
class ApiCenterPage {

    static final String PAGE = "The API Center";

    private final ManagerAccounts accounts;
    private final DeveloperTokens tokens;
    private final AdminGate gate;
    private final AdminRemovalNotice removals;
    private final OneTimeForms forms;
    private final ShownOnce shownOnce;
    private final ContactEmails contacts;

    ApiCenterPage(ManagerAccounts accounts, DeveloperTokens tokens, AdminGate gate, AdminRemovalNotice removals,
            OneTimeForms forms, ShownOnce shownOnce, ContactEmails contacts) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.gate = gate;
        this.removals = removals;
        this.forms = forms;
        this.shownOnce = shownOnce;
        this.contacts = contacts;
    }

    @GetMapping
    String show(@PathVariable String customerId, Principal principal, HttpServletRequest request, Model model) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        gate.require(id, principal.getName(), PAGE);
        return render(id, principal, request, model);
    }

    /** "Apply for a token": issues the first token and shows it once. */
    @PostMapping("/token")
    String apply(@PathVariable String customerId, @RequestParam(name = "form", required = false) String formToken,
            Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        gate.require(id, principal.getName(), PAGE);
        HttpSession session = request.getSession();
        synchronized (org.springframework.web.util.WebUtils.getSessionMutex(session)) {
            if (!forms.spend(session, "apply:" + id.digits(), formToken)) {
                return "redirect:/accounts/" + id.digits() + "/api-center/new-token";
            }
            try {
                shownOnce.hold(session, id, tokens.issue(id, Actor.of(principal, request)));
            } catch (ApiException e) {
                if (e.status() != HttpStatus.CONFLICT) {
                    throw e;
                }
                redirect.addFlashAttribute("notice", "This account already has a developer token.");
                return "redirect:/accounts/" + id.digits() + "/api-center";
            }
        }
        return "redirect:/accounts/" + id.digits() + "/api-center/new-token";
    }

    @PostMapping("/contact-email")
    String changeContactEmail(@PathVariable String customerId, @RequestParam(defaultValue = "") String email,
            Principal principal, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        gate.require(id, principal.getName(), PAGE);
        try {
            String stored = contacts.change(id, email, Actor.of(principal, request)).email();
            redirect.addFlashAttribute("notice", "The API contact email is now " + stored
                    + ". A confirmation link was sent to it; it counts as confirmed once the link is opened.");
            return "redirect:/accounts/" + id.digits() + "/api-center";
        } catch (ApiException e) {
            if (e.field() == null) {
                throw e;
            }
            model.addAttribute("contactProblem", e.getMessage());
            model.addAttribute("contactInput", email);
            return render(id, principal, request, model);
        }
    }

    private String render(CustomerId id, Principal principal, HttpServletRequest request, Model model) {
        model.addAttribute("account", accounts.get(id, principal.getName()));
        DeveloperTokens.TokenView token = null;
        try {
            token = tokens.view(id, Actor.of(principal, request));
        } catch (ApiException e) {
            if (e.status() != HttpStatus.NOT_FOUND) {
                throw e;
            }
        }
        model.addAttribute("token", token);
        if (token == null) {
            model.addAttribute("applyForm", forms.issue(request.getSession(), "apply:" + id.digits()));
        } else {
            model.addAttribute("issuedOn", Dates.minute(token.issuedAt()));
            model.addAttribute("lastResetOn", Dates.minute(token.lastResetAt()));
            removals.removedAdminOn(id).ifPresent(day -> model.addAttribute("removedAdminOn", day));
        }
        return "api-center";
    }
}
