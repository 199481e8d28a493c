package dev.tessera.console.profile;

import dev.tessera.account.UserAccounts;
import dev.tessera.account.UserAdministration;
import dev.tessera.audit.web.RequestActor;
import dev.tessera.console.FieldErrors;
import dev.tessera.console.signin.SessionGuard;
import dev.tessera.console.signin.SignInLockout;
import dev.tessera.system.TesseraException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Change my password: the current one again, the new one twice, every fault named at once. Wrong
 * current passwords count toward the sign-in lock-out. After the change the user's other console
 * sessions end at their next request; this one stays.
 */
@Controller
class PasswordPage {

    private final UserAccounts users;
    private final UserAdministration administration;
    private final SignInLockout lockout;
    private final SessionGuard guard;

    PasswordPage(UserAccounts users, UserAdministration administration, SignInLockout lockout, SessionGuard guard) {
        this.users = users;
        this.administration = administration;
        this.lockout = lockout;
        this.guard = guard;
    }

    @GetMapping(SessionGuard.CHANGE_PASSWORD)
    String show(Principal principal, Model model) {
        return render(principal, model, Map.of(), null);
    }

    @PostMapping(SessionGuard.CHANGE_PASSWORD)
    String change(@RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword, @RequestParam(defaultValue = "") String confirmPassword,
            Principal principal, HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        String email = principal.getName();
        var locked = lockout.lockedFor(email, request.getRemoteAddr());
        if (locked.isPresent()) {
            response.setStatus(429);
            model.addAttribute("problem", "Too many wrong passwords. Try again in "
                    + SignInLockout.minutesLeft(locked.get()) + " minutes. Your password was not changed.");
            return render(principal, model, Map.of(), null);
        }
        FieldErrors errors = new FieldErrors()
                .check(() -> {
                    if (currentPassword.isEmpty()) {
                        throw TesseraException.invalid("currentPassword", "Enter your current password.");
                    }
                    if (!users.passwordMatches(email, currentPassword)) {
                        throw UserAdministration.wrongCurrentPassword();
                    }
                })
                .check(() -> UserAccounts.checkPassword("newPassword", newPassword))
                .check(() -> UserAdministration.checkDifferent(currentPassword, newPassword))
                .check(() -> UserAdministration.checkConfirmed(newPassword, confirmPassword));
        if (errors.messages().containsKey("currentPassword") && !currentPassword.isEmpty()) {
            lockout.recordFailure(email, request.getRemoteAddr());
        }
        if (!errors.any()) {
            try {
                administration.changePassword(email, currentPassword, newPassword, confirmPassword,
                        RequestActor.of(principal, request));
            } catch (TesseraException e) {
                errors.add(e);
            }
        }
        if (errors.any()) {
            response.setStatus(400);
            return render(principal, model, errors.messages(), errors.first());
        }
        guard.renew(request.getSession(), email);
        redirect.addFlashAttribute("notice", "Your password was changed. Your other sessions were signed out; "
                + "this one stays signed in. Your API keys keep working.");
        return "redirect:/";
    }

    private String render(Principal principal, Model model, Map<String, String> errors, String first) {
        model.addAttribute("errors", errors);
        model.addAttribute("first", first);
        model.addAttribute("forced", users.standing(principal.getName())
                .map(UserAccounts.Standing::mustChangePassword).orElse(false));
        return "settings-password";
    }
}
