package dev.tessera.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a console sign-in ({@code POST /login}) while its email or IP is locked out, before
 * Spring Security checks the password, and sends the person back to the sign-in page with the
 * minutes to wait. Runs before the security filter chain (order -100).
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
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var locked = lockout.lockedFor(request.getParameter("email"), request.getRemoteAddr());
        if (locked.isPresent()) {
            response.sendRedirect(request.getContextPath() + "/login?locked=" + SignInLockout.minutesLeft(locked.get()));
            return;
        }
        chain.doFilter(request, response);
    }
}
