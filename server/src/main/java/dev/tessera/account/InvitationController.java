package dev.tessera.account;

import dev.tessera.audit.web.RequestActor;
import dev.tessera.system.web.ManagementApi;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** {@code POST /api/v1/invitations/{id}:accept}: the invited user, signed in, joins the account. */
@ManagementApi("/api/v1/invitations")
class InvitationController {

    private final Invitations invitations;

    InvitationController(Invitations invitations) {
        this.invitations = invitations;
    }

    record AcceptRequest(String secret) {}

    @PostMapping("/{id}:accept")
    Invitations.Accepted accept(@PathVariable long id, @RequestBody(required = false) AcceptRequest body,
            Principal principal, HttpServletRequest request) {
        return invitations.accept(id, body == null ? null : body.secret(), RequestActor.of(principal, request));
    }
}
