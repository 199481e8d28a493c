package dev.tessera.console.signin;

import dev.tessera.account.UserAccounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Checks the user of a signed-in session on every request, with one indexed query (issue 14). The
 * session ends when an operator disabled the user, or when the password changed after this session
 * signed in (a change ends the user's other sessions; the one that made it is renewed, see
 * {@link #renew}). A user who must change the password (the generated first admin) is sent to the
 * change-password page from every other page; the management API is not held back (HTTP Basic and
 * API keys carry no session and are refused by sign-in itself when the user is disabled).
 */
@Component
public class SessionGuard implements HandlerInterceptor, WebMvcConfigurer {

    /** The page a user who must change the password is sent to. */
    public static final String CHANGE_PASSWORD = "/settings/password";
    private static final String VERSION = SessionGuard.class.getName() + ".credentialsVersion";

    private final UserAccounts users;

    SessionGuard(UserAccounts users) {
        this.users = users;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns("/login", "/css/**", "/js/**", "/favicon.ico", "/error",
                "/v1/**", "/v3/**", "/actuator/**", "/contact-email/confirm");
    }

    /** Ties the session to the user's current password: called at sign-in and after a password change. */
    public void renew(HttpSession session, String email) {
        users.standing(email).ifPresent(standing -> session.setAttribute(VERSION, standing.credentialsVersion()));
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        Principal principal = request.getUserPrincipal();
        HttpSession session = request.getSession(false);
        if (principal == null || session == null || request.getHeader("Authorization") != null) {
            return true;
        }
        Optional<UserAccounts.Standing> standing = users.standing(principal.getName());
        Object signedInUnder = session.getAttribute(VERSION);
        boolean api = request.getServletPath().startsWith("/api/");
        if (standing.isEmpty() || standing.get().disabled()
                || (signedInUnder instanceof Integer version && version != standing.get().credentialsVersion())) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            if (api) {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setContentType("application/problem+json");
                response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"detail\":\"Your session ended: the password was changed or the user was disabled.\"}")
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                response.sendRedirect(request.getContextPath() + "/login?ended");
            }
            return false;
        }
        if (signedInUnder == null) {
            session.setAttribute(VERSION, standing.get().credentialsVersion());
        }
        if (standing.get().mustChangePassword() && !api && !CHANGE_PASSWORD.equals(request.getServletPath())) {
            response.sendRedirect(request.getContextPath() + CHANGE_PASSWORD);
            return false;
        }
        return true;
    }
}
