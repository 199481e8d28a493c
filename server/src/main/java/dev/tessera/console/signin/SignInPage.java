package dev.tessera.console.signin;

import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code GET /login}: the sign-in form. Spring Security handles its POST (see SecurityConfiguration). */
@Controller
class SignInPage {

    /** Set by SecurityConfiguration's failure handler: the email of the last failed sign-in. */
    private static final String LAST_EMAIL = "dev.tessera.signin.lastEmail";

    @GetMapping("/login")
    String signIn(@RequestParam(required = false) String error, @RequestParam(required = false) String locked,
            @RequestParam(name = "signed-out", required = false) String signedOut,
            @RequestParam(required = false) String expired,
            @RequestParam(name = "session-ended", required = false) String sessionEnded,
            @RequestParam(required = false) String ended, Principal principal,
            HttpSession session, Model model) {
        if (principal != null) {
            return "redirect:/";
        }
        if (session != null && session.getAttribute(LAST_EMAIL) instanceof String email) {
            model.addAttribute("email", email);
        }
        if (locked != null) {
            model.addAttribute("problem", "Too many failed sign-ins. Try again in " + minutes(locked) + ".");
        } else if (error != null) {
            // The same words for an unknown email and a wrong password: nothing to probe.
            model.addAttribute("problem", "The email or password is not correct.");
        } else if (expired != null) {
            model.addAttribute("problem", "The sign-in form had expired. Please sign in again.");
        } else if (sessionEnded != null) {
            model.addAttribute("problem", "Your session ended, so nothing was changed. Sign in again to go back "
                    + "to the page you were on.");
        } else if (ended != null) {
            model.addAttribute("problem", "You were signed out: your password was changed in another session, "
                    + "or an operator disabled your user.");
        } else if (signedOut != null) {
            model.addAttribute("notice", "You have signed out.");
        }
        return "login";
    }

    private static String minutes(String text) {
        long minutes;
        try {
            minutes = Math.min(Math.max(Long.parseLong(text), 1), SignInLockout.LOCK.toMinutes());
        } catch (NumberFormatException e) {
            minutes = SignInLockout.LOCK.toMinutes();
        }
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
