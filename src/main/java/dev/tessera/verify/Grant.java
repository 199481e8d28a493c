package dev.tessera.verify;

import dev.tessera.access.AccessLevel;

/**
 * What an active developer token grants: the manager account it belongs to and its access level.
 * One instance per active token lives in the {@link TokenIndex}; the data plane returns it as is.
 */
public record Grant(long managerCustomerId, String managerCustomerIdDigits, AccessLevel accessLevel)
        implements Verdict {

    public Grant {
        if (accessLevel == null || managerCustomerIdDigits == null) {
            throw new IllegalArgumentException("A grant names its manager account and access level");
        }
    }

    public static Grant of(long managerCustomerId, AccessLevel accessLevel) {
        return new Grant(managerCustomerId, Long.toString(managerCustomerId), accessLevel);
    }
}
