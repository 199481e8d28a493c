package dev.tessera.console.apicenter;

import dev.tessera.audit.web.RequestActor;
import dev.tessera.system.web.ErrorStatus;
import dev.tessera.console.AdminGate;
import dev.tessera.account.CustomerId;
import dev.tessera.contact.ContactEmails;
import dev.tessera.system.TesseraException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The API Center's contact email forms (ADMIN only): change the address (the contact feature mails
 * a confirmation link to it and a notice to the old one) and send the confirmation link again.
 */
@Controller
@RequestMapping("/accounts/{customerId}/api-center")
class ContactEmailForms {

    private final ContactEmails contacts;
    private final AdminGate gate;
    private final ApiCenterView view;

    ContactEmailForms(ContactEmails contacts, AdminGate gate, ApiCenterView view) {
        this.contacts = contacts;
        this.gate = gate;
        this.view = view;
    }

    @PostMapping("/contact-email")
    String change(@PathVariable String customerId, @RequestParam(defaultValue = "") String email,
            @RequestParam(name = "personal", defaultValue = "false") boolean personalConfirmed,
            Principal principal, HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        gate.require(id, principal.getName(), ApiCenterPage.PAGE);
        String warning = ContactEmails.personalWarning(email);
        if (warning != null && !personalConfirmed) {
            // A person's address would replace the team's: ask before saving, not after (issue 16).
            model.addAttribute("personalPending", email.strip());
            model.addAttribute("personalPendingWhy", warning);
            model.addAttribute("contactInput", email);
            return view.render(id, principal, request, model);
        }
        try {
            String stored = contacts.change(id, email, RequestActor.of(principal, request)).email();
            redirect.addFlashAttribute("notice", "The API contact email is now " + stored
                    + ". A confirmation link was sent to it; it counts as confirmed once the link is opened.");
            return "redirect:/accounts/" + id.digits() + "/api-center#details-title";
        } catch (TesseraException e) {
            if (e.field() == null) {
                throw e;
            }
            response.setStatus(ErrorStatus.of(e).value());
            model.addAttribute("contactProblem", e.getMessage());
            model.addAttribute("contactInput", email);
            return view.render(id, principal, request, model);
        }
    }

    /** Sends a new confirmation link; an address that is confirmed already gets a notice, not a mail. */
    @PostMapping("/contact-email/resend")
    String resend(@PathVariable String customerId, Principal principal, HttpServletRequest request,
            RedirectAttributes redirect) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        gate.require(id, principal.getName(), ApiCenterPage.PAGE);
        try {
            String to = contacts.resendConfirmation(id, RequestActor.of(principal, request)).email();
            redirect.addFlashAttribute("notice", "A confirmation link is on its way to " + to
                    + ". Open it from the mail to confirm the address.");
        } catch (TesseraException e) {
            if (!(e instanceof TesseraException.Conflict)) {
                throw e;
            }
            redirect.addFlashAttribute("notice", "The API contact email is already confirmed, so no new link was sent.");
        }
        return "redirect:/accounts/" + id.digits() + "/api-center#details-title";
    }
}
