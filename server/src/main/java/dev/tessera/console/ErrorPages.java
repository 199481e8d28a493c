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
 * with the signed-in user and sign-out, so no error is a dead end.
 */
@Component
class ErrorPages implements ErrorViewResolver {

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Map<String, Object> page = new HashMap<>(model);
        Principal principal = request.getUserPrincipal();
        page.put("me", principal == null ? null : principal.getName());
        return new ModelAndView("error", page, status);
    }
}
