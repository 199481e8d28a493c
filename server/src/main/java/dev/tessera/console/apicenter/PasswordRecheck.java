package dev.tessera.console.apicenter;

import dev.tessera.account.UserAccounts;
import dev.tessera.console.signin.SignInLockout;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The password asked again before a rotation or the early end of an overlap, as before a reset:
 * a wrong or missing password counts toward the sign-in lock-out, and a locked-out user is refused.
 */
@Component
class PasswordRecheck {

    private final UserAccounts users;
    private final SignInLockout lockout;

    PasswordRecheck(UserAccounts users, SignInLockout lockout) {
        this.users = users;
        this.lockout = lockout;
    }

    /**
     * Null when {@code password} is the user's; otherwise the problem to show, ending with
     * {@code notDone} (such as "The token was not rotated.").
     */
    String problem(String email, String password, HttpServletRequest request, String notDone) {
        var locked = lockout.lockedFor(email, request.getRemoteAddr());
        if (locked.isPresent()) {
            return "Too many wrong passwords. Try again in " + SignInLockout.minutesLeft(locked.get()) + " minutes. "
                    + notDone;
        }
        if (password.isEmpty() || !users.passwordMatches(email, password)) {
            lockout.recordFailure(email, request.getRemoteAddr());
            return (password.isEmpty() ? "Enter your password to confirm. " : "That password is not correct. ") + notDone;
        }
        return null;
    }
}
