package dev.tessera.console;

import dev.tessera.system.TesseraException;
import java.security.Principal;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Lets only the platform OPERATOR (authority {@code ROLE_OPERATOR}) into the operator's pages. */
@Component
public class OperatorGate {

    public static final String AUTHORITY = "ROLE_OPERATOR";

    public boolean isOperator(Principal principal) {
        return principal instanceof Authentication user
                && user.getAuthorities().stream().anyMatch(a -> AUTHORITY.equals(a.getAuthority()));
    }

    /** @throws TesseraException 403, saying who may open {@code page} */
    public void require(Principal principal, String page) {
        if (!isOperator(principal)) {
            throw TesseraException.forbidden(page + " is only for the platform OPERATOR, who reviews access for every "
                    + "manager account. Your manager accounts are on the start page.");
        }
    }
}
