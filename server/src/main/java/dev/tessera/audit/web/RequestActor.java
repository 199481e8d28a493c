package dev.tessera.audit.web;

import dev.tessera.audit.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/** Builds the {@link Actor} of a web request: the signed-in user's email and the client's address. */
public final class RequestActor {

    private RequestActor() {}

    /** The signed-in user of a request (or none) and the address it came from. */
    public static Actor of(Principal principal, HttpServletRequest request) {
        return new Actor(principal == null ? null : principal.getName(), request.getRemoteAddr());
    }
}
