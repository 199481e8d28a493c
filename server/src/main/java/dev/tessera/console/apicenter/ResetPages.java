package dev.tessera.console.apicenter;

import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import dev.tessera.audit.web.RequestActor;
import dev.tessera.console.AdminGate;
import dev.tessera.console.signin.SignInLockout;
import dev.tessera.account.CustomerId;
import dev.tessera.account.ManagerAccounts;
import dev.tessera.account.UserAccounts;
import dev.tessera.system.TesseraException;
import dev.tessera.token.DeveloperTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.WebUtils;

/**
 * Reset token: a confirmation page that says what happens and asks for the password again, the
 * reset itself (once per one-time form token, serialised per session), and the page that shows the
 * new token once. Wrong passwords at re-entry count toward the sign-in lock-out.
 */
@Controller
@RequestMapping("/accounts/{customerId}/api-center")
class ResetPages {

    private final DeveloperTokens tokens;
    private final UserAccounts users;
    private final AdminGate gate;
    private final OneTimeForms forms;
    private final ShownOnce shownOnce;
    private final SignInLockout lockout;
    private final ManagerAccounts accounts;
    private final AuditLog audit;

    ResetPages(DeveloperTokens tokens, UserAccounts users, AdminGate gate, OneTimeForms forms, ShownOnce shownOnce,
            SignInLockout lockout, ManagerAccounts accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
        this.tokens = tokens;
        this.users = users;
        this.gate = gate;
        this.forms = forms;
        this.shownOnce = shownOnce;
        this.lockout = lockout;
    }

    @GetMapping("/reset")
    String confirm(@PathVariable String customerId, Principal principal, HttpServletRequest request, Model model) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        gate.require(id, principal.getName(), ApiCenterPage.PAGE);
        return confirmation(id, principal, request, model, null);
    }

    @PostMapping("/reset")
    String reset(@PathVariable String customerId, @RequestParam(name = "form", required = false) String formToken,
            @RequestParam(defaultValue = "") String password, @RequestParam(required = false) String reason,
            Principal principal, HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        String email = principal.getName();
        gate.require(id, email, ApiCenterPage.PAGE);
        HttpSession session = request.getSession();
        synchronized (WebUtils.getSessionMutex(session)) {
            if (!forms.spend(session, "reset:" + id.digits(), formToken)) {
                // A second click or a resubmitted page: show what the first one did, never reset again.
                redirect.addFlashAttribute("notice",
                        "That reset form was already used, so nothing was reset again.");
                return "redirect:/accounts/" + id.digits() + "/api-center/new-token";
            }
            model.addAttribute("reason", reason);
            var locked = lockout.lockedFor(email, request.getRemoteAddr());
            if (locked.isPresent()) {
                refusedAudit(id, principal, request, "locked out after wrong passwords");
                return refuse(id, principal, request, response, model, "Too many wrong passwords. Try again in "
                        + SignInLockout.minutesLeft(locked.get()) + " minutes. The token was not reset.");
            }
            if (password.isEmpty() || !users.passwordMatches(email, password)) {
                lockout.recordFailure(email, request.getRemoteAddr());
                refusedAudit(id, principal, request, password.isEmpty() ? "no password given" : "wrong password");
                return refuse(id, principal, request, response, model, password.isEmpty()
                        ? "Enter your password to confirm. The token was not reset."
                        : "That password is not correct. The token was not reset.");
            }
            try {
                shownOnce.hold(session, id, tokens.reset(id, RequestActor.of(principal, request), reason));
            } catch (TesseraException e) {
                if (e.field() == null) {
                    throw e;
                }
                return refuse(id, principal, request, response, model, e.getMessage() + " The token was not reset.");
            }
        }
        return "redirect:/accounts/" + id.digits() + "/api-center/new-token";
    }

    /** Shows a new token once; a reload, or any later visit, goes to the API Center and its masked token. */
    @GetMapping("/new-token")
    String newToken(@PathVariable String customerId, Principal principal, HttpServletRequest request,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        gate.require(id, principal.getName(), ApiCenterPage.PAGE);
        ShownOnce.Token token = shownOnce.take(request.getSession(), id);
        if (token == null) {
            Object notice = model.getAttribute("notice");
            redirect.addFlashAttribute("notice", notice != null ? notice : "The new token was shown once and is "
                    + "now hidden: Tessera keeps only its masked form. If you did not store it, reset the token again.");
            return "redirect:/accounts/" + id.digits() + "/api-center";
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        model.addAttribute("accountId", id);
        model.addAttribute("account", accounts.get(id, principal.getName()));
        model.addAttribute("shown", token);
        return "new-token";
    }

    /** A refused reset leaves a trace: who tried, from where, and why it was refused (issue 16). */
    private void refusedAudit(CustomerId id, Principal principal, HttpServletRequest request, String why) {
        audit.record(id.value(), AuditEventType.TOKEN_RESET_REFUSED, RequestActor.of(principal, request),
                java.util.Map.of("reason", why));
    }

    private String refuse(CustomerId id, Principal principal, HttpServletRequest request, HttpServletResponse response,
            Model model, String problem) {
        response.setStatus(422);
        return confirmation(id, principal, request, model, problem);
    }

    private String confirmation(CustomerId id, Principal principal, HttpServletRequest request, Model model,
            String problem) {
        DeveloperTokens.TokenView token = tokens.view(id, RequestActor.of(principal, request));
        model.addAttribute("accountId", id);
        model.addAttribute("account", accounts.get(id, principal.getName()));
        model.addAttribute("token", token);
        model.addAttribute("problem", problem);
        model.addAttribute("form", forms.issue(request.getSession(), "reset:" + id.digits()));
        return "reset-confirm";
    }
}
