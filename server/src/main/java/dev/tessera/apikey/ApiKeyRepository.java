package dev.tessera.apikey;

import dev.tessera.system.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code api_keys} table; the one writer of it. */
@Repository
class ApiKeyRepository {

    private static final String COLUMNS = "id, name, masked, scope, accounts, created_at, last_used_at, revoked_at";

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A working key found by its digest, with its creator's current operator flag. */
    record Holder(long id, String email, boolean operator, ApiKeyScope scope, List<Long> accounts, Instant lastUsedAt) {}

    long insert(String email, String name, byte[] digest, String masked, ApiKeyScope scope, List<Long> accounts,
            Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO api_keys (user_id, name, digest, masked, scope, accounts, created_at)
                        VALUES ((SELECT id FROM users WHERE email = :email), :name, :digest, :masked, :scope, :accounts, :at)""")
                .param("email", email)
                .param("name", name)
                .param("digest", digest)
                .param("masked", masked)
                .param("scope", scope.name())
                .param("accounts", String.join(",", accounts.stream().map(String::valueOf).toList()))
                .param("at", Timestamps.utc(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** One indexed lookup: the key's row joined with its creator, when the key is not revoked and the creator not disabled. */
    Optional<Holder> findWorking(byte[] digest) {
        return jdbc.sql("""
                        SELECT k.id, k.scope, k.accounts, k.last_used_at, u.email, u.operator
                        FROM api_keys k JOIN users u ON u.id = k.user_id
                        WHERE k.digest = :digest AND k.revoked_at IS NULL AND NOT u.disabled""")
                .param("digest", digest)
                .query((rs, row) -> new Holder(rs.getLong("id"), rs.getString("email"), rs.getBoolean("operator"),
                        ApiKeyScope.valueOf(rs.getString("scope")), accounts(rs.getString("accounts")),
                        Timestamps.instant(rs, "last_used_at")))
                .optional();
    }

    void touch(long id, Instant now) {
        jdbc.sql("UPDATE api_keys SET last_used_at = :at WHERE id = :id").param("at", Timestamps.utc(now)).param("id", id)
                .update();
    }

    List<ApiKey> listOf(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE user_id = (SELECT id FROM users WHERE email = :email)"
                        + " ORDER BY id")
                .param("email", email)
                .query(this::key)
                .list();
    }

    Optional<ApiKey> find(String email, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys"
                        + " WHERE id = :id AND user_id = (SELECT id FROM users WHERE email = :email)")
                .param("email", email)
                .param("id", id)
                .query(this::key)
                .optional();
    }

    /** Revokes a working key; false when it was already revoked (a concurrent revoke won). */
    boolean revoke(long id, Instant now) {
        return jdbc.sql("UPDATE api_keys SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                .param("at", Timestamps.utc(now)).param("id", id).update() == 1;
    }

    boolean isOperator(String email) {
        return jdbc.sql("SELECT operator FROM users WHERE email = :email").param("email", email)
                .query(Boolean.class).optional().orElse(false);
    }

    private ApiKey key(ResultSet rs, int row) throws SQLException {
        return new ApiKey(rs.getLong("id"), rs.getString("name"), rs.getString("masked"),
                ApiKeyScope.valueOf(rs.getString("scope")),
                accounts(rs.getString("accounts")).stream().map(id -> String.valueOf(id)).toList(),
                Timestamps.instant(rs, "created_at"), Timestamps.instant(rs, "last_used_at"),
                Timestamps.instant(rs, "revoked_at"));
    }

    private static List<Long> accounts(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(Long::valueOf).toList();
    }
}
