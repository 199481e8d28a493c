package dev.tessera.system.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer …} on the management API through {@link BearerCredentials}.
 * Stateless: the authentication lives for this request only (nothing is stored in a session), so no
 * CSRF token is needed. An unknown or revoked credential gets 401 at once, a request outside the
 * credential's scope 403; requests without a Bearer header pass through untouched (HTTP Basic, session).
 */
final class BearerAuthenticationFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final BearerCredentials credentials;

    BearerAuthenticationFilter(BearerCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<BearerCredentials.Caller> caller = credentials.resolve(header.substring(PREFIX.length()).strip());
        if (caller.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"Tessera\", error=\"invalid_token\"");
            Problems.write(response, HttpStatus.UNAUTHORIZED, "The API key is unknown or has been revoked.");
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!caller.get().scope().permits(request.getMethod(), path)) {
            Problems.write(response, HttpStatus.FORBIDDEN, "The API key's scope does not allow this request.");
            return;
        }
        var authorities = caller.get().roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller.get().name(), null, authorities));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
