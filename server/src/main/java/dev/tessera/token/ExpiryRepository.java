package dev.tessera.token;

import static dev.tessera.token.RotationRepository.instant;
import static dev.tessera.token.RotationRepository.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for expiry reminders: which active tokens may be near their expiry, and which reminders went out. */
@Repository
class ExpiryRepository {

    private final JdbcClient jdbc;

    ExpiryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An active token that may expire soon. */
    record Candidate(long id, long account, String masked, Instant createdAt, Instant expiresAt) {}

    /**
     * Active tokens with a set expiry before {@code horizon} or, when tokens expire by age, created
     * before {@code createdBefore} (null: they do not).
     */
    List<Candidate> candidates(Instant horizon, Instant createdBefore) {
        return jdbc.sql("""
                        SELECT id, account_id, masked, created_at, expires_at FROM developer_tokens
                        WHERE active AND (expires_at <= :horizon OR created_at <= :created)""")
                .param("horizon", utc(horizon))
                .param("created", utc(createdBefore == null ? Instant.EPOCH : createdBefore))
                .query((rs, row) -> new Candidate(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        instant(rs.getObject(4, OffsetDateTime.class)), instant(rs.getObject(5, OffsetDateTime.class))))
                .list();
    }

    /** Whether row {@code tokenId} is still its account's active token. */
    boolean isActive(long tokenId) {
        return jdbc.sql("SELECT active FROM developer_tokens WHERE id = ?").param(tokenId)
                .query(Boolean.class).optional().orElse(false);
    }

    /** Records the reminder; answers false when it was recorded before. Call under the lineage's lock. */
    boolean recordReminder(long tokenId, int daysBefore, Instant at) {
        boolean sent = jdbc.sql("SELECT COUNT(*) FROM token_expiry_reminders WHERE token_id = ? AND days_before = ?")
                .params(tokenId, daysBefore).query(Long.class).single() > 0;
        if (sent) {
            return false;
        }
        jdbc.sql("INSERT INTO token_expiry_reminders (token_id, days_before, sent_at) VALUES (?, ?, ?)")
                .params(tokenId, daysBefore, utc(at)).update();
        return true;
    }

    /** Forgets the reminders of row {@code tokenId}: its expiry changed, so they are due again. */
    void clearReminders(long tokenId) {
        jdbc.sql("DELETE FROM token_expiry_reminders WHERE token_id = ?").param(tokenId).update();
    }
}
