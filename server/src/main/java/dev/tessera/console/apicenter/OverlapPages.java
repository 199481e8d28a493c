package dev.tessera.console.apicenter;

import dev.tessera.account.CustomerId;
import dev.tessera.audit.web.RequestActor;
import dev.tessera.console.AdminGate;
import dev.tessera.console.Dates;
import dev.tessera.system.TesseraException;
import dev.tessera.token.TokenRotations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.WebUtils;

/**
 * A rotation's overlap in the API Center (issue 15): what the page shows about it (its end, the
 * requests the previous token still served, summed over nodes, and when it was last seen) and
 * "End overlap now", which asks for the password again as a reset does (wrong passwords count
 * toward the sign-in lock-out) and refuses the previous token on every node before it answers.
 */
@Controller
@RequestMapping("/accounts/{customerId}/api-center")
class OverlapPages {

    /** The running overlap as the page shows it. */
    record OverlapRow(String previousMaskedToken, String endsAt, long requests, String lastSeen) {}

    private final TokenRotations rotations;
    private final PasswordRecheck passwords;
    private final AdminGate gate;
    private final OneTimeForms forms;

    OverlapPages(TokenRotations rotations, PasswordRecheck passwords, AdminGate gate, OneTimeForms forms) {
        this.rotations = rotations;
        this.passwords = passwords;
        this.gate = gate;
        this.forms = forms;
    }

    /** Adds the running overlap, if any, and its form to the API Center's model. */
    void addTo(CustomerId id, Principal principal, HttpServletRequest request, Model model) {
        rotations.overlap(id, principal.getName()).ifPresent(overlap -> {
            model.addAttribute("overlap", new OverlapRow(overlap.maskedToken(), Dates.second(overlap.endsAt()),
                    overlap.requests(), overlap.lastSeenAt() == null ? null : Dates.second(overlap.lastSeenAt())));
            model.addAttribute("endOverlapForm", forms.issue(request.getSession(), "end-overlap:" + id.digits()));
        });
    }

    @PostMapping("/end-overlap")
    String endOverlap(@PathVariable String customerId, @RequestParam(name = "form", required = false) String formToken,
            @RequestParam(defaultValue = "") String password, Principal principal, HttpServletRequest request,
            RedirectAttributes redirect) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        String email = principal.getName();
        gate.require(id, email, ApiCenterPage.PAGE);
        String back = "redirect:/accounts/" + id.digits() + "/api-center";
        HttpSession session = request.getSession();
        synchronized (WebUtils.getSessionMutex(session)) {
            if (!forms.spend(session, "end-overlap:" + id.digits(), formToken)) {
                redirect.addFlashAttribute("notice", "That form was already used, so nothing was done again.");
                return back;
            }
            String problem = passwords.problem(email, password, request, "The overlap was not ended.");
            if (problem != null) {
                redirect.addFlashAttribute("problem", problem);
                return back;
            }
            try {
                rotations.endOverlap(id, RequestActor.of(principal, request));
            } catch (TesseraException.Conflict e) {
                redirect.addFlashAttribute("notice", e.getMessage());
                return back;
            }
        }
        redirect.addFlashAttribute("notice", "The overlap ended: the previous token is refused on every node.");
        return back;
    }
}
