package dev.tessera.console;

import dev.tessera.system.web.ErrorStatus;
import dev.tessera.system.TesseraException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What every console page gets: the signed-in email for the header; and refusals (a wrong role,
 * an account that is not visible, a bad id in the URL) as a page that says why, with the status of
 * the cause (403, 404, 400, 409). The message of an {@link TesseraException} never holds a secret.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

    @ModelAttribute("me")
    String me(Principal principal) {
        return principal == null ? null : principal.getName();
    }

    @ExceptionHandler(TesseraException.class)
    String refused(TesseraException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(ErrorStatus.of(e).value());
        // @ModelAttribute methods do not run for exception handlers: the header needs the user.
        model.addAttribute("me", me(request.getUserPrincipal()));
        model.addAttribute("status", ErrorStatus.of(e).value());
        model.addAttribute("title", switch (ErrorStatus.of(e)) {
            case FORBIDDEN -> "You can't open this page";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "That can't be done right now";
            default -> "That didn't work";
        });
        model.addAttribute("reason", e.getMessage());
        return "refused";
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        return refused(TesseraException.invalid(e.getName(), "The address has an invalid '" + e.getName() + "'."),
                request, response, model);
    }
}
