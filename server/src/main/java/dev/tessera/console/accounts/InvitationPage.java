package dev.tessera.console.accounts;

import dev.tessera.account.Invitations;
import dev.tessera.audit.web.RequestActor;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page an invitation mail links to: the signed-in invitee sees the account and role and accepts
 * with one button. Any other user, a wrong secret, an expired or used invitation: 404.
 */
@Controller
class InvitationPage {

    private final Invitations invitations;

    InvitationPage(Invitations invitations) {
        this.invitations = invitations;
    }

    @GetMapping("/invitations/{id}")
    String show(@PathVariable long id, @RequestParam(defaultValue = "") String secret, Principal principal, Model model) {
        model.addAttribute("invitation", invitations.pending(id, secret, principal.getName()));
        model.addAttribute("secret", secret);
        return "invitation";
    }

    @PostMapping("/invitations/{id}/accept")
    String accept(@PathVariable long id, @RequestParam(defaultValue = "") String secret, Principal principal,
            HttpServletRequest request) {
        Invitations.Accepted accepted = invitations.accept(id, secret, RequestActor.of(principal, request));
        return "redirect:/accounts/" + accepted.customerId();
    }
}
