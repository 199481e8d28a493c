package dev.tessera.account;

import dev.tessera.system.Timestamps;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The table {@code member_invitations}, written only here. */
@Repository
class InvitationRepository {

    private final JdbcClient jdbc;

    InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored invitation. */
    record Invitation(long id, long accountId, String email, Role role, byte[] secretDigest, Instant expiresAt,
            Instant acceptedAt) {}

    long insert(CustomerId account, String email, Role role, byte[] digest, String invitedBy, Instant now, Instant expires) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO member_invitations (account_id, email, role, secret_digest, invited_by, created_at, expires_at)
                        VALUES (:account, :email, :role, :digest, :by, :now, :expires)""")
                .param("account", account.value()).param("email", email).param("role", role.name())
                .param("digest", digest).param("by", invitedBy)
                .param("now", Timestamps.utc(now)).param("expires", Timestamps.utc(expires))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Invitation> find(long id) {
        return jdbc.sql("""
                        SELECT id, account_id, email, role, secret_digest, expires_at, accepted_at
                        FROM member_invitations WHERE id = :id""")
                .param("id", id)
                .query((rs, row) -> new Invitation(rs.getLong("id"), rs.getLong("account_id"), rs.getString("email"),
                        Role.valueOf(rs.getString("role")), rs.getBytes("secret_digest"),
                        Timestamps.instant(rs, "expires_at"), Timestamps.instant(rs, "accepted_at")))
                .optional();
    }

    /** Marks it accepted; false when it already was (one use only). */
    boolean markAccepted(long id, Instant now) {
        return jdbc.sql("UPDATE member_invitations SET accepted_at = :now WHERE id = :id AND accepted_at IS NULL")
                .param("id", id).param("now", Timestamps.utc(now)).update() == 1;
    }
}
