package dev.tessera.audit;

/**
 * Who may read an account's audit events: its ADMINs. The account feature knows the members and
 * implements this, so the audit feature stays below it and depends on no account type.
 */
public interface AuditReaders {

    /**
     * Checks that the user is an ADMIN of the account named by {@code customerId} as the request wrote it.
     *
     * @return the account's numeric id
     * @throws dev.tessera.system.TesseraException invalid field {@code customerId}; not found for a
     *     non-member; forbidden for a member who is not an ADMIN
     */
    long requireAdmin(String customerId, String email);
}
