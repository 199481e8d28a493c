package dev.tessera.console.apicenter;

import dev.tessera.audit.web.RequestActor;
import dev.tessera.console.AdminGate;
import dev.tessera.account.CustomerId;
import dev.tessera.system.TesseraException;
import dev.tessera.token.DeveloperTokens;
import jakarta.servlet.http.HttpServletRequest;
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

/**
 * The API Center (ADMIN only): API Access (the masked developer token, its access level, dates and
 * reset count; apply for a token when there is none; apply for a higher level; usage) and Developer
 * details (the API contact email and its state, and the company). What the page shows is
 * {@link ApiCenterView}'s; resetting lives in {@link ResetPages}, the contact email's forms in
 * {@link ContactEmailForms}, the level application in {@link ApplicationForms}.
 */
@Controller
@RequestMapping("/accounts/{customerId}/api-center")
class ApiCenterPage {

    static final String PAGE = "The API Center";

    private final DeveloperTokens tokens;
    private final AdminGate gate;
    private final OneTimeForms forms;
    private final ShownOnce shownOnce;
    private final ApiCenterView view;

    ApiCenterPage(DeveloperTokens tokens, AdminGate gate, OneTimeForms forms, ShownOnce shownOnce, ApiCenterView view) {
        this.tokens = tokens;
        this.gate = gate;
        this.forms = forms;
        this.shownOnce = shownOnce;
        this.view = view;
    }

    @GetMapping
    String show(@PathVariable String customerId, Principal principal, HttpServletRequest request, Model model) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        gate.require(id, principal.getName(), PAGE);
        return view.render(id, principal, request, model);
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
                shownOnce.hold(session, id, tokens.issue(id, RequestActor.of(principal, request)));
            } catch (TesseraException e) {
                if (!(e instanceof TesseraException.Conflict)) {
                    throw e;
                }
                redirect.addFlashAttribute("notice", "This account already has a developer token.");
                return "redirect:/accounts/" + id.digits() + "/api-center";
            }
        }
        return "redirect:/accounts/" + id.digits() + "/api-center/new-token";
    }
}
