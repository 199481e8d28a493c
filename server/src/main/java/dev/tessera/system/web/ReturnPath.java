package dev.tessera.system.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * Where to send a person back to after signing in again, for a console request refused because
 * its session had ended: the page itself for a GET, and for a form the page it was on (the form's
 * action minus its verb, e.g. {@code .../users/remove} → {@code .../users}; {@code .../reset} has a
 * page of its own). Only a path on this server, never a URL from the request's headers.
 */
final class ReturnPath {

    /** Last path segments that name an action of a form rather than a page. */
    private static final Set<String> ACTIONS = Set.of("remove", "role", "resend", "approve", "reject", "token",
            "contact-email", "access-applications", "logout");

    private ReturnPath() {}

    static String of(HttpServletRequest request) {
        String path = request.getServletPath() == null ? "" : request.getServletPath();
        if (!path.startsWith("/") || path.startsWith("//")) {
            return request.getContextPath() + "/";
        }
        if (!"GET".equals(request.getMethod())) {
            while (path.lastIndexOf('/') > 0) {
                String last = path.substring(path.lastIndexOf('/') + 1);
                if (!ACTIONS.contains(last) && !last.chars().allMatch(Character::isDigit)) {
                    break;
                }
                path = path.substring(0, path.lastIndexOf('/'));
            }
            if (path.endsWith("/contact-email") || path.endsWith("/api-center/token")) {
                path = path.substring(0, path.lastIndexOf('/'));
            }
        } else if (request.getQueryString() != null) {
            path = path + "?" + request.getQueryString();
        }
        return request.getContextPath() + path;
    }
}
