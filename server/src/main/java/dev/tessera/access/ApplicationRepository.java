package dev.tessera.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for access applications ({@code access_applications}), the only table this feature writes.
 * The level itself is on the token lineage, reached through {@link AccessLevels}. Callers own transactions.
 */
@Repository
class ApplicationRepository {

    private static final String SELECT = """
            SELECT id, account_id, requested_level, use_case, expected_daily_operations, company_url, status,
                   submitted_at, submitted_by, decided_at, decided_by, decision_reason
            FROM access_applications""";

    private final JdbcClient jdbc;

    ApplicationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long account, AccessLevel level, String useCase, long expected, String url, String by, Instant at) {
        jdbc.sql("""
                        INSERT INTO access_applications (account_id, requested_level, use_case, expected_daily_operations,
                            company_url, status, pending_account_id, submitted_at, submitted_by)
                        VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)""")
                .params(account, level.name(), useCase, expected, url, account, utc(at), by)
                .update();
        return jdbc.sql("SELECT id FROM access_applications WHERE pending_account_id = ?")
                .param(account).query(Long.class).single();
    }

    Optional<AccessApplication> lock(long id) {
        return jdbc.sql(SELECT + " WHERE id = ? FOR UPDATE").param(id).query(ApplicationRepository::map).optional();
    }

    void decide(long id, AccessApplication.Status status, String by, String reason, Instant at) {
        jdbc.sql("""
                        UPDATE access_applications SET status = ?, pending_account_id = NULL, decided_by = ?,
                            decision_reason = ?, decided_at = ?
                        WHERE id = ?""")
                .params(status.name(), by, reason, utc(at), id)
                .update();
    }

    Optional<AccessApplication> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(ApplicationRepository::map).optional();
    }

    List<AccessApplication> ofAccount(long account) {
        return jdbc.sql(SELECT + " WHERE account_id = ? ORDER BY id DESC").param(account)
                .query(ApplicationRepository::map).list();
    }

    List<AccessApplication> withStatus(AccessApplication.Status status, int page, int size) {
        return jdbc.sql(SELECT + " WHERE (:status IS NULL OR status = :status) ORDER BY id LIMIT :limit OFFSET :offset")
                .param("status", status == null ? null : status.name(), java.sql.Types.VARCHAR)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(ApplicationRepository::map)
                .list();
    }

    private static AccessApplication map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime decided = rs.getObject("decided_at", OffsetDateTime.class);
        return new AccessApplication(
                rs.getLong("id"),
                Long.toString(rs.getLong("account_id")),
                AccessLevel.valueOf(rs.getString("requested_level")),
                rs.getString("use_case"),
                rs.getLong("expected_daily_operations"),
                rs.getString("company_url"),
                AccessApplication.Status.valueOf(rs.getString("status")),
                rs.getObject("submitted_at", OffsetDateTime.class).toInstant(),
                rs.getString("submitted_by"),
                decided == null ? null : decided.toInstant(),
                rs.getString("decided_by"),
                rs.getString("decision_reason"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
