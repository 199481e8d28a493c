package dev.tessera.contact;

import static dev.tessera.system.Timestamps.instant;
import static dev.tessera.system.Timestamps.utc;

import dev.tessera.outbox.Addressee;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of contact emails and confirmation links ({@code contact_emails}, {@code contact_confirmations}).
 * Reads the account's name and current address from {@code manager_accounts}, which the account
 * feature owns and alone writes; callers own the transactions.
 */
@Repository
class ContactRepository {

    private final JdbcClient jdbc;

    ContactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored state of an account's contact email. */
    record Contact(long accountId, String email, Instant setAt, Instant confirmedAt, Instant remindedFor,
            Instant bouncedAt) {}

    /** A stored confirmation link (its digest only). */
    record Confirmation(long id, long accountId, String email, Instant expiresAt, Instant usedAt) {}

    Optional<Addressee> addressee(long accountId, boolean lock) {
        return jdbc.sql("SELECT customer_id, name, api_contact_email FROM manager_accounts WHERE customer_id = :id"
                        + (lock ? " FOR UPDATE" : ""))
                .param("id", accountId)
                .query((rs, row) -> new Addressee(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /** Stores a new, unconfirmed address for the account (replacing any earlier state). */
    void putUnconfirmed(long accountId, String email, Instant now) {
        int updated = jdbc.sql("""
                        UPDATE contact_emails SET email = :email, set_at = :now, confirmed_at = NULL,
                               reminded_for = NULL, bounced_at = NULL
                        WHERE account_id = :id""")
                .param("email", email).param("now", utc(now)).param("id", accountId)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO contact_emails (account_id, email, set_at) VALUES (:id, :email, :now)")
                    .param("email", email).param("now", utc(now)).param("id", accountId)
                    .update();
        }
    }

    Optional<Contact> find(long accountId) {
        return jdbc.sql("SELECT * FROM contact_emails WHERE account_id = :id")
                .param("id", accountId)
                .query((rs, row) -> new Contact(rs.getLong("account_id"), rs.getString("email"),
                        instant(rs, "set_at"), instant(rs, "confirmed_at"), instant(rs, "reminded_for"),
                        instant(rs, "bounced_at")))
                .optional();
    }

    /** Contacts whose last confirmation (or setting) is at or before {@code cutoff}, with no reminder for it. */
    List<Contact> dueForReminder(Instant cutoff) {
        return jdbc.sql("""
                        SELECT * FROM contact_emails
                        WHERE COALESCE(confirmed_at, set_at) <= :cutoff
                          AND (reminded_for IS NULL OR reminded_for < COALESCE(confirmed_at, set_at))""")
                .param("cutoff", utc(cutoff))
                .query((rs, row) -> new Contact(rs.getLong("account_id"), rs.getString("email"),
                        instant(rs, "set_at"), instant(rs, "confirmed_at"), instant(rs, "reminded_for"),
                        instant(rs, "bounced_at")))
                .list();
    }

    /**
     * Records that a reminder for the confirmation made at {@code basis} was queued; false when
     * another run already did (so a reminder fires once per period, also with two nodes).
     */
    boolean markReminded(long accountId, Instant basis) {
        return jdbc.sql("""
                        UPDATE contact_emails SET reminded_for = :basis
                        WHERE account_id = :id AND COALESCE(confirmed_at, set_at) = :basis
                          AND (reminded_for IS NULL OR reminded_for < :basis)""")
                .param("basis", utc(basis)).param("id", accountId)
                .update() == 1;
    }

    void markConfirmed(long accountId, Instant now) {
        jdbc.sql("UPDATE contact_emails SET confirmed_at = :now, bounced_at = NULL WHERE account_id = :id")
                .param("now", utc(now)).param("id", accountId)
                .update();
    }

    void markBounced(long accountId, String email, Instant now) {
        jdbc.sql("UPDATE contact_emails SET bounced_at = :now WHERE account_id = :id AND email = :email")
                .param("now", utc(now)).param("id", accountId).param("email", email)
                .update();
    }

    void insertConfirmation(long accountId, String email, byte[] digest, Instant now, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO contact_confirmations (account_id, email, digest, created_at, expires_at)
                        VALUES (:id, :email, :digest, :now, :expires)""")
                .param("id", accountId).param("email", email).param("digest", digest)
                .param("now", utc(now)).param("expires", utc(expiresAt))
                .update();
    }

    Optional<Confirmation> lockConfirmation(byte[] digest) {
        return jdbc.sql("SELECT id, account_id, email, expires_at, used_at FROM contact_confirmations"
                        + " WHERE digest = :digest FOR UPDATE")
                .param("digest", digest)
                .query((rs, row) -> new Confirmation(rs.getLong("id"), rs.getLong("account_id"), rs.getString("email"),
                        instant(rs, "expires_at"), instant(rs, "used_at")))
                .optional();
    }

    void markUsed(long confirmationId, Instant now) {
        jdbc.sql("UPDATE contact_confirmations SET used_at = :now WHERE id = :id")
                .param("now", utc(now)).param("id", confirmationId)
                .update();
    }
}
