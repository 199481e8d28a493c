package dev.tessera.contact;

import dev.tessera.audit.web.RequestActor;
import dev.tessera.outbox.NotificationLog;
import dev.tessera.outbox.NotificationList;
import dev.tessera.account.CustomerId;
import dev.tessera.system.web.ManagementApi;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /api/v1/manager-accounts/{customerId}/api-contact-email} and the account's
 * {@code notifications}: ADMIN only.
 */
@ManagementApi("/api/v1/manager-accounts/{customerId}")
class ContactEmailController {

    private final ContactEmails contactEmails;
    private final NotificationLog log;

    ContactEmailController(ContactEmails contactEmails, NotificationLog log) {
        this.contactEmails = contactEmails;
        this.log = log;
    }

    record ChangeRequest(String email) {}

    @GetMapping("/api-contact-email")
    ContactEmailState state(@PathVariable String customerId, Principal principal) {
        return contactEmails.state(CustomerId.parseField("customerId", customerId), principal.getName());
    }

    @PutMapping("/api-contact-email")
    ContactEmailState change(@PathVariable String customerId, @RequestBody(required = false) ChangeRequest body, Principal principal,
            HttpServletRequest request) {
        return contactEmails.change(CustomerId.parseField("customerId", customerId), body == null ? null : body.email(),
                RequestActor.of(principal, request));
    }

    @PostMapping("/api-contact-email:resend-confirmation")
    ContactEmailState resend(@PathVariable String customerId, Principal principal, HttpServletRequest request) {
        return contactEmails.resendConfirmation(CustomerId.parseField("customerId", customerId),
                RequestActor.of(principal, request));
    }

    @GetMapping("/notifications")
    NotificationList notifications(@PathVariable String customerId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size, Principal principal) {
        return log.ofAccount(CustomerId.parseField("customerId", customerId), principal.getName(), page, size);
    }
}
