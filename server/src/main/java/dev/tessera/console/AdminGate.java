package dev.tessera.console;

import dev.tessera.account.AccountAccess;
import dev.tessera.account.CustomerId;
import dev.tessera.account.ManagerAccounts;
import dev.tessera.account.Member;
import java.util.stream.Collectors;
import dev.tessera.account.Role;
import dev.tessera.system.TesseraException;
import org.springframework.stereotype.Component;

/** Lets only ADMINs into the account's settings pages, and tells everyone else why not. */
@Component
public class AdminGate {

    private final AccountAccess access;
    private final ManagerAccounts accounts;
    private final Labels labels;

    AdminGate(AccountAccess access, ManagerAccounts accounts, Labels labels) {
        this.access = access;
        this.accounts = accounts;
        this.labels = labels;
    }

    /**
     * @param page what the person tried to open, e.g. "The API Center"
     * @throws TesseraException 404 for a non-member, 403 (with the role and what to do) for a non-ADMIN
     */
    public void require(CustomerId account, String email, String page) {
        Role role = access.requireMember(account, email);
        if (role != Role.ADMIN) {
            String admins = accounts.members(account, email).stream().filter(m -> m.role() == Role.ADMIN)
                    .map(Member::email).collect(Collectors.joining(", "));
            throw TesseraException.forbidden(page + " of manager account " + account + " is only for its admins. Your "
                    + "role on this account is " + labels.role(role) + ". If you need access, ask an admin: " + admins + ".");
        }
    }
}
