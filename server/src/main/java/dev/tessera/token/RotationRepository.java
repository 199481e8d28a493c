package dev.tessera.token;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for rotation overlaps and expiries on {@code developer_tokens} (issue 15). An open overlap is a
 * rotated-out row with {@code overlap_until} set and {@code overlap_closed} false; an account has at
 * most one (a rotation, reset or early end closes the previous one). Callers own the transactions.
 */
@Repository
class RotationRepository {

    private final JdbcClient jdbc;

    RotationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A rotated-out token whose overlap is not closed yet, with the use counted so far (all nodes). */
    record Overlap(long id, long account, long version, TokenDigest digest, String masked, Instant until,
            Instant createdAt, Instant expiresAt, long requests, Instant lastSeen) {}

    private static final String OVERLAP = """
            SELECT id, account_id, version, digest, masked, overlap_until, created_at, expires_at,
                   overlap_requests, overlap_last_seen
            FROM developer_tokens WHERE overlap_until IS NOT NULL AND NOT overlap_closed""";

    Optional<Overlap> openOverlap(long account) {
        return jdbc.sql(OVERLAP + " AND account_id = ? ORDER BY version DESC").param(account)
                .query((rs, row) -> overlap(rs)).list().stream().findFirst();
    }

    /** Every open overlap: at start, and to find those whose time ran out. */
    List<Overlap> openOverlaps() {
        return jdbc.sql(OVERLAP).query((rs, row) -> overlap(rs)).list();
    }

    private static Overlap overlap(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Overlap(rs.getLong(1), rs.getLong(2), rs.getLong(3), TokenDigest.of(rs.getBytes(4)), rs.getString(5),
                instant(rs.getObject(6, OffsetDateTime.class)), instant(rs.getObject(7, OffsetDateTime.class)),
                instant(rs.getObject(8, OffsetDateTime.class)), rs.getLong(9), instant(rs.getObject(10, OffsetDateTime.class)));
    }

    /** The just-deactivated row {@code tokenId} stays valid until {@code until}. */
    void startOverlap(long tokenId, Instant until) {
        jdbc.sql("UPDATE developer_tokens SET overlap_until = ? WHERE id = ?").params(utc(until), tokenId).update();
    }

    /**
     * Closes the overlap of row {@code id}, ending it at {@code at} if it was still running; answers
     * whether this call closed it (false: another node or request did first).
     */
    boolean close(long id, Instant at) {
        return jdbc.sql("""
                        UPDATE developer_tokens SET overlap_closed = TRUE,
                            overlap_until = CASE WHEN overlap_until > :at THEN :at ELSE overlap_until END
                        WHERE id = :id AND NOT overlap_closed""")
                .param("at", utc(at)).param("id", id).update() == 1;
    }

    /** The lineage's version moves to the rotated-in token's; a rotation is not counted as a reset. */
    void recordRotation(long account, long version) {
        jdbc.sql("UPDATE token_lineages SET version = ? WHERE account_id = ?").params(version, account).update();
    }

    /** Adds one node's count of requests the rotated-out token served, and its last sighting. */
    void addUse(long account, long version, long requests, Instant lastSeen) {
        jdbc.sql("""
                        UPDATE developer_tokens SET overlap_requests = overlap_requests + :requests,
                            overlap_last_seen = CASE WHEN overlap_last_seen IS NULL OR overlap_last_seen < :seen
                                                     THEN :seen ELSE overlap_last_seen END
                        WHERE account_id = :account AND version = :version""")
                .param("requests", requests).param("seen", utc(lastSeen))
                .param("account", account).param("version", version).update();
    }

    /** Sets (or, with null, clears) the expiry of the account's active token. */
    int setExpiry(long account, Instant expiresAt) {
        return jdbc.sql("UPDATE developer_tokens SET expires_at = :at WHERE active_account_id = :account")
                .param("at", expiresAt == null ? null : utc(expiresAt), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("account", account).update();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
