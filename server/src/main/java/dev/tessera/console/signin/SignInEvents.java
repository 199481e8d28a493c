package dev.tessera.console.signin;

import dev.tessera.account.ManagerAccounts;
import dev.tessera.account.Membership;
import dev.tessera.account.UserAccounts;
import dev.tessera.audit.Actor;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Feeds Spring Security's sign-in outcomes to the {@link SignInLockout}, and records a failed
 * sign-in of an existing user as SIGN_IN_FAILED in the audit log of each manager account the user
 * belongs to (an unknown email has no account to record it on). A console sign-in is noted as
 * the user's last sign-in. Covers the console form and HTTP
 * Basic alike, since both authenticate through the same manager.
 */
@Component
class SignInEvents {

    private final SignInLockout lockout;
    private final ManagerAccounts accounts;
    private final AuditLog audit;
    private final UserAccounts users;
    private final SessionGuard guard;

    SignInEvents(SignInLockout lockout, ManagerAccounts accounts, AuditLog audit, UserAccounts users,
            SessionGuard guard) {
        this.guard = guard;
        this.lockout = lockout;
        this.accounts = accounts;
        this.audit = audit;
        this.users = users;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        String email = event.getAuthentication().getName();
        String ip = clientIp(event.getAuthentication());
        lockout.recordFailure(email, ip);
        if (email == null || email.isBlank()) {
            return;
        }
        for (Membership membership : accounts.membershipsOf(email.strip().toLowerCase(java.util.Locale.ROOT))) {
            audit.record(membership.account().customerId().value(), AuditEventType.SIGN_IN_FAILED,
                    new Actor(email, ip), Map.of("reason", "wrong password"));
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        lockout.recordSuccess(event.getAuthentication().getName(), clientIp(event.getAuthentication()));
    }

    /**
     * A console sign-in (not each HTTP Basic request of the API): the Users page shows when; the new
     * session is tied to the user's current password (see {@link SessionGuard}).
     */
    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        users.recordSignIn(event.getAuthentication().getName());
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            guard.renew(request.getRequest().getSession(), event.getAuthentication().getName());
        }
    }

    private static String clientIp(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }
}
