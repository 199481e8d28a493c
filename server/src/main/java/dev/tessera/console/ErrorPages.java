package dev.tessera.console;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Spring Boot's error pages (an unknown path, a refused form) in the console's frame: the top bar
 * with the signed-in user and sign-out, so no error is a dead end. A browser's request the management
 * API answers with an error (a GET of a POST-only address, 405) gets a page that says what the address is.
 */
@Component
class ErrorPages implements ErrorViewResolver {

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Map<String, Object> page = new HashMap<>(model);
        Principal principal = request.getUserPrincipal();
        page.put("me", principal == null ? null : principal.getName());
        // A browser that opened an address of the JSON API gets a page saying so, not a bare error (issue 14).
        page.put("api", model.get("path") instanceof String path && path.startsWith("/api/"));
        return new ModelAndView("error", page, status);
    }
}
