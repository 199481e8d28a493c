package dev.tessera.console.signin;

import dev.tessera.system.web.DatabaseOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in while its email or IP is locked out, before Spring Security checks the
 * password: a console sign-in ({@code POST /login}) goes back to the sign-in page with the minutes
 * to wait; an HTTP Basic request to the management API ({@code /api/**}) gets 429 with
 * Retry-After, so the API is no way around the lock. Runs before the security filter chain
 * (order -100).
 */
@Component
@Order(-110)
class SignInLockoutFilter extends OncePerRequestFilter {

    private final SignInLockout lockout;

    SignInLockoutFilter(SignInLockout lockout) {
        this.lockout = lockout;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isConsoleSignIn(request) && basicUser(request) == null;
    }

    /** The lock-out lives in the database: when it cannot be asked, say so (503), never a 500 or a 401. */
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            checkLockout(request, response, chain);
        } catch (RuntimeException e) {
            if (!DatabaseOutage.causedBy(e) || response.isCommitted()) {
                throw e;
            }
            if (isConsoleSignIn(request)) {
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            } else {
                DatabaseOutage.write(response);
            }
        }
    }

    private void checkLockout(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isConsoleSignIn(request)) {
            Optional<Duration> locked = lockout.lockedFor(request.getParameter("email"), request.getRemoteAddr());
            if (locked.isPresent()) {
                response.sendRedirect(request.getContextPath() + "/login?locked="
                        + SignInLockout.minutesLeft(locked.get()));
                return;
            }
        } else {
            Optional<Duration> locked = lockout.lockedFor(basicUser(request), request.getRemoteAddr());
            if (locked.isPresent()) {
                long minutes = SignInLockout.minutesLeft(locked.get());
                response.setStatus(429);
                response.setHeader("Retry-After", Long.toString(locked.get().toSeconds() + 1));
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                        + "\"detail\":\"Too many failed sign-ins. Try again in " + minutes + " minutes.\"}");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean isConsoleSignIn(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath());
    }

    /** The user name of an HTTP Basic request to the management API, or null. */
    private static String basicUser(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !request.getServletPath().startsWith("/api/")
                || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
