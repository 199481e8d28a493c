package dev.tessera.console.apicenter;

import dev.tessera.account.CustomerId;
import dev.tessera.account.ManagerAccounts;
import dev.tessera.audit.web.RequestActor;
import dev.tessera.console.AdminGate;
import dev.tessera.system.TesseraException;
import dev.tessera.token.DeveloperTokens;
import dev.tessera.token.TokenRotations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.WebUtils;

/**
 * Rotate token (issue 15): a confirmation page that says what happens, lets the ADMIN choose the
 * overlap and asks for the password again; the rotation itself (once per one-time form); the new
 * token is then shown once on the same page as after a reset, with the previous token's end.
 */
@Controller
@RequestMapping("/accounts/{customerId}/api-center")
class RotatePages {

    /** An overlap the page offers: its ISO-8601 value and how it reads. */
    record Choice(String value, String label) {}

    static final List<Choice> OVERLAPS = List.of(new Choice("PT15M", "15 minutes"), new Choice("PT1H", "1 hour"),
            new Choice("P1D", "1 day"), new Choice("P7D", "7 days"));

    private final TokenRotations rotations;
    private final DeveloperTokens tokens;
    private final ManagerAccounts accounts;
    private final PasswordRecheck passwords;
    private final AdminGate gate;
    private final OneTimeForms forms;
    private final ShownOnce shownOnce;

    RotatePages(TokenRotations rotations, DeveloperTokens tokens, ManagerAccounts accounts, PasswordRecheck passwords,
            AdminGate gate, OneTimeForms forms, ShownOnce shownOnce) {
        this.rotations = rotations;
        this.tokens = tokens;
        this.accounts = accounts;
        this.passwords = passwords;
        this.gate = gate;
        this.forms = forms;
        this.shownOnce = shownOnce;
    }

    @GetMapping("/rotate")
    String confirm(@PathVariable String customerId, Principal principal, HttpServletRequest request, Model model) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        gate.require(id, principal.getName(), ApiCenterPage.PAGE);
        return confirmation(id, principal, request, model, "PT1H", null);
    }

    @PostMapping("/rotate")
    String rotate(@PathVariable String customerId, @RequestParam(name = "form", required = false) String formToken,
            @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String overlap,
            Principal principal, HttpServletRequest request, HttpServletResponse response, Model model) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        String email = principal.getName();
        gate.require(id, email, ApiCenterPage.PAGE);
        HttpSession session = request.getSession();
        synchronized (WebUtils.getSessionMutex(session)) {
            if (!forms.spend(session, "rotate:" + id.digits(), formToken)) {
                // A second click or a resubmitted page: never rotate twice.
                return "redirect:/accounts/" + id.digits() + "/api-center/new-token";
            }
            String problem = passwords.problem(email, password, request, "The token was not rotated.");
            if (problem == null) {
                try {
                    TokenRotations.Rotated rotated = rotations.rotate(id, RequestActor.of(principal, request), overlap);
                    shownOnce.hold(session, id, rotated.issued(), rotated.overlapEndsAt());
                    return "redirect:/accounts/" + id.digits() + "/api-center/new-token";
                } catch (TesseraException e) {
                    if (e.field() == null) {
                        throw e;
                    }
                    problem = e.getMessage() + " The token was not rotated.";
                }
            }
            response.setStatus(422);
            return confirmation(id, principal, request, model, overlap, problem);
        }
    }

    private String confirmation(CustomerId id, Principal principal, HttpServletRequest request, Model model,
            String overlap, String problem) {
        model.addAttribute("accountId", id);
        model.addAttribute("account", accounts.get(id, principal.getName()));
        model.addAttribute("token", tokens.view(id, RequestActor.of(principal, request)));
        model.addAttribute("overlaps", OVERLAPS);
        model.addAttribute("overlap", overlap);
        model.addAttribute("problem", problem);
        model.addAttribute("form", forms.issue(request.getSession(), "rotate:" + id.digits()));
        return "rotate-confirm";
    }
}
