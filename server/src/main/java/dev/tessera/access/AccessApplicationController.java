package dev.tessera.access;

import dev.tessera.audit.web.RequestActor;
import dev.tessera.account.CustomerId;
import dev.tessera.system.TesseraException;
import dev.tessera.system.web.ManagementApi;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Applications: an ADMIN files them under the account; the OPERATOR reviews them under /access-applications. */
@ManagementApi("/api/v1")
class AccessApplicationController {

    private final AccessApplications applications;

    AccessApplicationController(AccessApplications applications) {
        this.applications = applications;
    }

    record Decision(String reason) {}

    @PostMapping("/manager-accounts/{customerId}/access-applications")
    @ResponseStatus(HttpStatus.CREATED)
    AccessApplication apply(@PathVariable String customerId, @RequestBody AccessApplications.Application body,
            Principal principal, HttpServletRequest request) {
        return applications.apply(CustomerId.parseField("customerId", customerId), body, RequestActor.of(principal, request));
    }

    @GetMapping("/manager-accounts/{customerId}/access-applications")
    List<AccessApplication> ofAccount(@PathVariable String customerId, Principal principal) {
        return applications.ofAccount(CustomerId.parseField("customerId", customerId), principal.getName());
    }

    @GetMapping("/access-applications")
    List<AccessApplication> queue(@RequestParam(required = false) AccessApplication.Status status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > 200) {
            throw TesseraException.invalid("size", "'page' starts at 0 and 'size' is between 1 and 200.");
        }
        return applications.queue(status, page, size);
    }

    @PostMapping("/access-applications/{id}:approve")
    AccessApplication approve(@PathVariable long id, @RequestBody(required = false) Decision body, Principal principal,
            HttpServletRequest request) {
        return applications.decide(id, true, body == null ? null : body.reason(), RequestActor.of(principal, request));
    }

    @PostMapping("/access-applications/{id}:reject")
    AccessApplication reject(@PathVariable long id, @RequestBody(required = false) Decision body, Principal principal,
            HttpServletRequest request) {
        return applications.decide(id, false, body == null ? null : body.reason(), RequestActor.of(principal, request));
    }
}
