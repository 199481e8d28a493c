package dev.tessera.account;

import dev.tessera.audit.AuditReaders;
import dev.tessera.system.TesseraException;
import org.springframework.stereotype.Component;

/**
 * Answers "may this user do that on this manager account?". A user who is not a member gets the
 * same 404 as for an account that does not exist, so ids cannot be probed; a member whose role
 * is too low gets 403.
 */
@Component
public class AccountAccess implements AuditReaders {

    private final AccountRepository accounts;

    AccountAccess(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** The user's role on the account. @throws TesseraException 404 when the user is not a member */
    public Role requireMember(CustomerId account, String email) {
        return accounts.roleOf(account, email).orElseThrow(() -> notFound(account));
    }

    /** @throws TesseraException 404 when the user is not a member, 403 when not an ADMIN */
    public void requireAdmin(CustomerId account, String email) {
        if (requireMember(account, email) != Role.ADMIN) {
            throw TesseraException.forbidden("Only an ADMIN of manager account " + account + " may do this.");
        }
    }

    /** Audit events are for the account's ADMINs. */
    @Override
    public long requireAdmin(String customerId, String email) {
        CustomerId account = CustomerId.parseField("customerId", customerId);
        requireAdmin(account, email);
        return account.value();
    }

    static TesseraException notFound(CustomerId account) {
        return TesseraException.notFound("No manager account " + account + " is visible to you.");
    }
}
