package dev.tessera.token;

import dev.tessera.access.AccessLevel;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for token lineages and token rows. Callers own the transactions. Only digests are stored. */
@Repository
class TokenRepository {

    private final JdbcClient jdbc;

    TokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An account's lineage, locked until the transaction ends. */
    record Lineage(AccessLevel accessLevel, long version, int resetCount, Instant issuedAt, Instant lastResetAt) {}

    /** The account's access level, locked until the transaction ends when {@code lock}; empty before its first token. */
    Optional<AccessLevel> accessLevel(long account, boolean lock) {
        return jdbc.sql("SELECT access_level FROM token_lineages WHERE account_id = ?" + (lock ? " FOR UPDATE" : ""))
                .param(account)
                .query((rs, row) -> AccessLevel.valueOf(rs.getString(1)))
                .optional();
    }

    void setAccessLevel(long account, AccessLevel level) {
        jdbc.sql("UPDATE token_lineages SET access_level = ? WHERE account_id = ?").params(level.name(), account).update();
    }

    /** The account's active token row. */
    record ActiveRow(long id, String masked, Instant createdAt, Instant expiresAt) {}

    /** Inserts the first lineage row; throws DuplicateKeyException when the account already has one. */
    void insertLineage(long account, AccessLevel level, Instant at) {
        jdbc.sql("""
                        INSERT INTO token_lineages (account_id, access_level, version, reset_count, issued_at)
                        VALUES (:account, :level, 1, 0, :at)""")
                .param("account", account)
                .param("level", level.name())
                .param("at", utc(at))
                .update();
    }

    Optional<Lineage> lockLineage(long account) {
        return lineage(account, " FOR UPDATE");
    }

    Optional<Lineage> findLineage(long account) {
        return lineage(account, "");
    }

    private Optional<Lineage> lineage(long account, String lock) {
        return jdbc.sql("""
                        SELECT access_level, version, reset_count, issued_at, last_reset_at
                        FROM token_lineages WHERE account_id = :account""" + lock)
                .param("account", account)
                .query((rs, row) -> new Lineage(
                        AccessLevel.valueOf(rs.getString("access_level")),
                        rs.getLong("version"),
                        rs.getInt("reset_count"),
                        rs.getObject("issued_at", OffsetDateTime.class).toInstant(),
                        instant(rs.getObject("last_reset_at", OffsetDateTime.class))))
                .optional();
    }

    void recordReset(long account, long version, Instant at) {
        jdbc.sql("""
                        UPDATE token_lineages SET version = :version, reset_count = reset_count + 1, last_reset_at = :at
                        WHERE account_id = :account""")
                .param("version", version)
                .param("at", utc(at))
                .param("account", account)
                .update();
    }

    Optional<ActiveRow> findActive(long account) {
        return jdbc.sql("SELECT id, masked, created_at, expires_at FROM developer_tokens WHERE active_account_id = :account")
                .param("account", account)
                .query((rs, row) -> new ActiveRow(rs.getLong("id"), rs.getString("masked"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        instant(rs.getObject("expires_at", OffsetDateTime.class))))
                .optional();
    }

    void deactivate(long tokenId, Instant at) {
        jdbc.sql("""
                        UPDATE developer_tokens SET active = FALSE, active_account_id = NULL, replaced_at = :at
                        WHERE id = :id AND active""")
                .param("at", utc(at))
                .param("id", tokenId)
                .update();
    }

    void insertActive(long account, long version, TokenDigest digest, String masked, String actorEmail, Instant at) {
        jdbc.sql("""
                        INSERT INTO developer_tokens
                            (account_id, version, digest, masked, active, active_account_id, created_at, created_by)
                        VALUES (:account, :version, :digest, :masked, TRUE, :account, :at,
                                (SELECT id FROM users WHERE email = :user))""")
                .param("account", account)
                .param("version", version)
                .param("digest", digest.toBytes())
                .param("masked", masked)
                .param("at", utc(at))
                .param("user", actorEmail, java.sql.Types.VARCHAR)
                .update();
    }

    /** A token row found by its digest: active or not, when it was replaced and whether it was revoked. */
    record DigestRow(long id, long account, long version, boolean active, String masked, Instant replacedAt,
            Instant revokedAt) {}

    Optional<DigestRow> findByDigest(TokenDigest digest) {
        return jdbc.sql("""
                        SELECT id, account_id, version, active, masked, replaced_at, revoked_at
                        FROM developer_tokens WHERE digest = :digest""")
                .param("digest", digest.toBytes())
                .query((rs, row) -> new DigestRow(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("version"),
                        rs.getBoolean("active"), rs.getString("masked"),
                        instant(rs.getObject("replaced_at", OffsetDateTime.class)),
                        instant(rs.getObject("revoked_at", OffsetDateTime.class))))
                .optional();
    }

    /** Retires the active row {@code tokenId} as revoked, with the reason; false when it was no longer active. */
    boolean revoke(long tokenId, Instant at, String reason) {
        return jdbc.sql("""
                        UPDATE developer_tokens
                        SET active = FALSE, active_account_id = NULL, replaced_at = :at, revoked_at = :at, revoked_reason = :reason
                        WHERE id = :id AND active""")
                .param("at", utc(at))
                .param("reason", reason)
                .param("id", tokenId)
                .update() == 1;
    }

    /** Why and when the account's newest token was revoked; empty when it has an active token or none was revoked. */
    record Revocation(String masked, Instant revokedAt, String reason) {}

    Optional<Revocation> revocation(long account) {
        return jdbc.sql("""
                        SELECT masked, revoked_at, revoked_reason FROM developer_tokens
                        WHERE account_id = :account AND revoked_at IS NOT NULL
                          AND version = (SELECT MAX(version) FROM developer_tokens WHERE account_id = :account)""")
                .param("account", account)
                .query((rs, row) -> new Revocation(rs.getString("masked"),
                        rs.getObject("revoked_at", OffsetDateTime.class).toInstant(), rs.getString("revoked_reason")))
                .optional();
    }

    /** A revoked lineage's next token: the lineage's version moves on, nothing else (no reset counted). */
    void recordReissue(long account, long version) {
        jdbc.sql("UPDATE token_lineages SET version = :version WHERE account_id = :account")
                .param("version", version)
                .param("account", account)
                .update();
    }

    /** Streams every active token with its lineage, for loading an index at start. */
    void forEachActive(ActiveTokenVisitor visitor) {
        jdbc.sql(ACTIVE_STATE + " WHERE t.active")
                .query(rs -> {
                    visitor.visit(rs.getLong(6), activeState(rs));
                });
    }

    /** The account's active token as the data plane needs it, or empty when it has none. */
    Optional<ActiveState> activeState(long account) {
        // active_account_id is the active row's unique key: one index probe, however many resets the account had
        return jdbc.sql(ACTIVE_STATE + " WHERE t.active_account_id = ?")
                .param(account)
                .query((rs, row) -> activeState(rs))
                .optional();
    }

    /** A token rotated out whose overlap still runs: valid until {@code until}. */
    record RotatedOut(long version, TokenDigest digest, Instant until, Instant createdAt, Instant expiresAt) {}

    /** What a node holds for an account: its active token (null: none) and the rotated-out token while an overlap runs. */
    record HeldState(ActiveState active, RotatedOut rotatedOut) {}

    /**
     * The account's active token and open overlap in one round trip: a node reads this for every
     * change of the feed while the writer waits for it (issue 11). Each half is found by its own index.
     */
    HeldState heldState(long account) {
        ActiveState[] active = new ActiveState[1];
        RotatedOut[] rotatedOut = new RotatedOut[1];
        jdbc.sql("""
                        SELECT t.version, t.digest, l.access_level, t.created_at, t.expires_at,
                               CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS overlap_until
                        FROM developer_tokens t JOIN token_lineages l ON l.account_id = t.account_id
                        WHERE t.active_account_id = ?
                        UNION ALL
                        SELECT version, digest, CAST(NULL AS VARCHAR(20)), created_at, expires_at, overlap_until
                        FROM developer_tokens WHERE account_id = ? AND overlap_until IS NOT NULL AND NOT overlap_closed""")
                .params(account, account)
                .query(rs -> {
                    Instant until = instant(rs.getObject(6, OffsetDateTime.class));
                    if (until == null) {
                        active[0] = activeState(rs);
                    } else if (rotatedOut[0] == null || rotatedOut[0].version() < rs.getLong(1)) {
                        rotatedOut[0] = new RotatedOut(rs.getLong(1), TokenDigest.of(rs.getBytes(2)), until,
                                rs.getObject(4, OffsetDateTime.class).toInstant(), instant(rs.getObject(5, OffsetDateTime.class)));
                    }
                });
        return new HeldState(active[0], rotatedOut[0]);
    }

    static final String ACTIVE_STATE = """
            SELECT t.version, t.digest, l.access_level, t.created_at, t.expires_at, t.account_id
            FROM developer_tokens t JOIN token_lineages l ON l.account_id = t.account_id""";

    static ActiveState activeState(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ActiveState(rs.getLong(1), TokenDigest.of(rs.getBytes(2)), AccessLevel.valueOf(rs.getString(3)),
                rs.getObject(4, OffsetDateTime.class).toInstant(), instant(rs.getObject(5, OffsetDateTime.class)));
    }

    /** The active token's state; {@code expiresAt} is the expiry an ADMIN set, or null. */
    record ActiveState(long version, TokenDigest digest, AccessLevel level, Instant createdAt, Instant expiresAt) {}

    @FunctionalInterface
    interface ActiveTokenVisitor {
        void visit(long account, ActiveState state);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
