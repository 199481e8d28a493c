package dev.tessera.verifier;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * A Servlet filter in front of an API: reads the {@code developer-token} and {@code login-customer-id}
 * headers and the request path, asks the {@link TesseraVerifier}, and either passes the request on
 * with {@code Tessera-Manager-Customer-Id} and {@code Tessera-Access-Level} as request headers and
 * request attributes (replacing any the client sent), or answers the refusal's status and
 * Google-Ads-shaped JSON body itself. Register it with
 * {@code servletContext.addFilter("tessera", new TesseraVerifierFilter(verifier)).addMappingForUrlPatterns(null, false, "/*")}.
 */
public final class TesseraVerifierFilter implements Filter {

    public static final String DEVELOPER_TOKEN = "developer-token";
    public static final String LOGIN_CUSTOMER_ID = "login-customer-id";
    public static final String MANAGER_CUSTOMER_ID = "Tessera-Manager-Customer-Id";
    public static final String ACCESS_LEVEL = "Tessera-Access-Level";

    private final TesseraVerifier verifier;

    public TesseraVerifierFilter(TesseraVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        Decision decision = verifier.verify(request.getHeader(DEVELOPER_TOKEN), request.getRequestURI(),
                request.getHeader(LOGIN_CUSTOMER_ID));
        if (decision.granted()) {
            request.setAttribute(MANAGER_CUSTOMER_ID, decision.managerCustomerIdDigits());
            request.setAttribute(ACCESS_LEVEL, decision.accessLevel());
            chain.doFilter(new Granted(request, decision), response);
            return;
        }
        Refusal refusal = decision.refusal();
        String requestId = verifier.nextRequestId();
        byte[] body = refusal.errorBodyBytes(requestId);
        response.setStatus(refusal.httpStatus());
        response.setContentType("application/json");
        response.setHeader("request-id", requestId);
        if (refusal == Refusal.UNAVAILABLE) {
            response.setHeader("Retry-After", "1");
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The request as the application sees it: Tessera's two headers are the verifier's, never the client's. */
    private static final class Granted extends HttpServletRequestWrapper {
        private final String manager;
        private final String level;

        Granted(HttpServletRequest request, Decision decision) {
            super(request);
            this.manager = decision.managerCustomerIdDigits();
            this.level = decision.accessLevel();
        }

        private String own(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.equals("tessera-manager-customer-id") ? manager : lower.equals("tessera-access-level") ? level : null;
        }

        @Override
        public String getHeader(String name) {
            String own = own(name);
            return own != null ? own : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            String own = own(name);
            return own != null ? Collections.enumeration(List.of(own)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
                String name = e.nextElement();
                if (own(name) == null) {
                    names.add(name);
                }
            }
            names.add(MANAGER_CUSTOMER_ID);
            names.add(ACCESS_LEVEL);
            return Collections.enumeration(names);
        }
    }
}
