package dev.tessera.console;

import dev.tessera.account.AccountAccess;
import dev.tessera.account.CustomerId;
import dev.tessera.account.Role;
import dev.tessera.system.TesseraException;
import org.springframework.stereotype.Component;

/** Lets only ADMINs into the account's settings pages, and tells everyone else why not. */
@Component
public class AdminGate {

    private final AccountAccess access;

    AdminGate(AccountAccess access) {
        this.access = access;
    }

    /**
     * @param page what the person tried to open, e.g. "The API Center"
     * @throws TesseraException 404 for a non-member, 403 (with the role and what to do) for a non-ADMIN
     */
    public void require(CustomerId account, String email, String page) {
        Role role = access.requireMember(account, email);
        if (role != Role.ADMIN) {
            throw TesseraException.forbidden(page + " of manager account " + account + " is only for its ADMINs. Your role on "
                    + "this account is " + role + ". Ask an ADMIN of the account if you need access.");
        }
    }
}
