package dev.tessera.verify;

import dev.tessera.access.AccessLevel;

/**
 * What an active developer token grants: the manager account it belongs to and its access level,
 * with the token's version. One instance per active token lives in the {@link TokenIndex}; the data
 * plane returns it as is. Kept to three fields (32 bytes on the heap): the index holds a million.
 *
 * @param version the version of the token in its account's lineage (1 for the first token; 0 when
 *     not known)
 */
public record Grant(long managerCustomerId, AccessLevel accessLevel, long version) implements Verdict {

    public Grant {
        if (accessLevel == null) {
            throw new IllegalArgumentException("A grant names its access level");
        }
    }

    public static Grant of(long managerCustomerId, AccessLevel accessLevel) {
        return new Grant(managerCustomerId, accessLevel, 0);
    }

    /** The manager customer id as ten digits, as the {@code Tessera-Manager-Customer-Id} header carries it. */
    public String managerCustomerIdDigits() {
        return Long.toString(managerCustomerId);
    }
}
