package dev.tessera.system.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.SimpleSavedRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Three filter chains. The data plane ({@code /v1/**}) has no session and no sign-in: the
 * developer token is its credential. The management API ({@code /api/**}) takes an API key
 * ({@code Authorization: Bearer}, see {@link BearerCredentials}), HTTP Basic or the console's
 * session; CSRF applies to session callers only. Everything else is the console; its
 * one public page besides sign-in is the contact email confirmation link, opened from a mail.
 * Health probes and {@code /actuator/prometheus} (counts and timings, no secret) answer without
 * sign-in, for load balancers and Prometheus; put them on a private port with
 * {@code MANAGEMENT_SERVER_PORT} where the main port is public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Role name of the platform operator, who reviews applications and creates users. */
    static final String OPERATOR = "OPERATOR";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** URLs the firewall refuses (semicolons, encoded slashes, …) get a problem detail, not an error page. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> Problems.write(response, HttpStatus.BAD_REQUEST,
                "The request URL contains characters that are not allowed, such as ; or an encoded slash.");
    }

    @Bean
    @Order(1)
    SecurityFilterChain dataPlane(HttpSecurity http) throws Exception {
        return http.securityMatcher("/v1/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .anonymous(anonymous -> anonymous.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain managementApi(HttpSecurity http, ObjectProvider<BearerCredentials> bearer) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            if (DatabaseOutage.causedBy(e)) {
                response.setHeader("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS);
                Problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, DatabaseOutage.NOTHING_CHANGED);
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"Tessera\"");
            Problems.write(response, HttpStatus.UNAUTHORIZED,
                    "Sign in: send an API key (Authorization: Bearer), HTTP Basic credentials or use a console session.");
        };
        bearer.ifAvailable(credentials -> http.addFilterBefore(
                new BearerAuthenticationFilter(credentials), BasicAuthenticationFilter.class));
        AccessDeniedHandler denied = (request, response, e) -> Problems.write(response, HttpStatus.FORBIDDEN,
                e instanceof CsrfException
                        ? "A session request that changes something needs the X-CSRF-TOKEN header."
                        : "Your role does not allow this request.");
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/users", "/api/v1/users/**").hasRole(OPERATOR)
                        // the embedded verifiers' feed: API keys of scope verifier only (issue 13)
                        .requestMatchers("/api/v1/verifier/**").hasRole("VERIFIER")
                        .requestMatchers("/api/v1/access-applications", "/api/v1/access-applications/**").hasRole(OPERATOR)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("Tessera").authenticationEntryPoint(unauthorized))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized).accessDeniedHandler(denied))
                // CSRF guards ambient credentials: only a request riding on a session cookie needs it.
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        request -> request.getHeader("Authorization") != null || request.getRequestedSessionId() == null))
                .requestCache(cache -> cache.disable())
                .build();
    }

    /**
     * The web console: its own sign-in page at {@code /login} (the email is the user name), a
     * session cookie (HttpOnly, SameSite=Strict: see application.properties), CSRF on every form,
     * sign-out by POST. A strict Content-Security-Policy allows only Tessera's own styles and
     * scripts, so no page loads anything from the network. Sign-in lock-out is the console's own
     * filter (dev.tessera.console.signin.SignInLockoutFilter), which runs before this chain.
     */
    @Bean
    @Order(3)
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/js/**", "/favicon.ico", "/actuator/health/**",
                                "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs.yaml",
                                "/error", "/contact-email/confirm")
                        .permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .failureHandler((request, response, e) -> {
                            // Keep the email for the next try, so a wrong password does not clear it.
                            request.getSession().setAttribute(LAST_EMAIL, request.getParameter("email"));
                            response.sendRedirect(request.getContextPath() + "/login?error");
                        })
                        .defaultSuccessUrl("/", false)
                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?signed-out"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONSOLE_CSP))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.NO_REFERRER)))
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, e) -> {
                    if (e instanceof CsrfException && "/login".equals(request.getServletPath())) {
                        // The sign-in form outlived its session: show a fresh one rather than a 403.
                        response.sendRedirect(request.getContextPath() + "/login?expired");
                        return;
                    }
                    if (e instanceof CsrfException && !signedIn()) {
                        // The session ended (signed out in another tab, expired): nothing was done. Sign in
                        // again, then come back to the page the form was on.
                        request.getSession().setAttribute("SPRING_SECURITY_SAVED_REQUEST",
                                new SimpleSavedRequest(ReturnPath.of(request)));
                        response.sendRedirect(request.getContextPath() + "/login?session-ended");
                        return;
                    }
                    response.sendError(HttpServletResponse.SC_FORBIDDEN);
                }))
                .build();
    }

    /** Session attribute with the email of the last failed console sign-in (read by the sign-in page). */
    static final String LAST_EMAIL = "dev.tessera.signin.lastEmail";

    private static boolean signedIn() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }

    /** Only Tessera's own files; no fonts, CDNs or other origins; forms post back to Tessera only. */
    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}
