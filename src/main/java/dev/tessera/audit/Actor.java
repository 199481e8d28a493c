package dev.tessera.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/**
 * Who did something, and from where: the signed-in user's email and the client IP address.
 *
 * @param email the user's email, or {@code null} for the system itself
 * @param clientIp the address the request came from, or {@code null}
 */
public record Actor(String email, String clientIp) {

    /** Tessera itself, e.g. at first start. */
    public static final Actor SYSTEM = new Actor(null, null);

    /** The signed-in user of a request and the address it came from. */
    public static Actor of(Principal principal, HttpServletRequest request) {
        return new Actor(principal == null ? null : principal.getName(), request.getRemoteAddr());
    }
}
