package dev.tessera.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit log of each manager account, and the platform's own (events of no account,
 * such as a user disabled). {@link #record} joins the caller's transaction, so an event is stored
 * exactly when the change it describes commits; so is what its {@link AuditListener}s write.
 */
@Component
public class AuditLog {

    private static final TypeReference<LinkedHashMap<String, String>> DETAILS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final ObjectProvider<AuditListener> listeners;

    AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock, ObjectProvider<AuditListener> listeners) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.listeners = listeners;
    }

    /** Appends an event; {@code details} must hold no secret (mask tokens first). */
    public void record(long accountId, AuditEventType type, Actor actor, Map<String, String> details) {
        Instant at = insert(accountId, type, actor, details);
        listeners.orderedStream().forEach(listener -> listener.recorded(accountId, type, actor, details, at));
    }

    /**
     * Appends a platform event (a user created or disabled, a password changed): one of no manager
     * account, so no account's listeners (webhooks) hear of it.
     */
    public void recordPlatform(AuditEventType type, Actor actor, Map<String, String> details) {
        insert(null, type, actor, details);
    }

    private Instant insert(Long accountId, AuditEventType type, Actor actor, Map<String, String> details) {
        OffsetDateTime at = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        jdbc.sql("""
                        INSERT INTO audit_events (account_id, occurred_at, event_type, actor, client_ip, details)
                        VALUES (:account, :at, :type, :actor, :ip, :details)""")
                .param("account", accountId, java.sql.Types.BIGINT)
                .param("at", at)
                .param("type", type.name())
                .param("actor", actor.email())
                .param("ip", actor.clientIp())
                .param("details", json.writeValueAsString(details))
                .update();
        return at.toInstant();
    }

    /** The newest platform events (account id 0 in the answer), newest first. */
    public List<AuditEvent> platformEvents(int limit) {
        return jdbc.sql("""
                        SELECT id, account_id, occurred_at, event_type, actor, client_ip, details
                        FROM audit_events WHERE account_id IS NULL ORDER BY id DESC LIMIT :limit""")
                .param("limit", limit)
                .query(this::event)
                .list();
    }

    /** A page of the account's events, newest first, optionally of one type. */
    public List<AuditEvent> page(long accountId, AuditEventType type, int page, int size) {
        return jdbc.sql("""
                        SELECT id, account_id, occurred_at, event_type, actor, client_ip, details
                        FROM audit_events
                        WHERE account_id = :account AND (:type IS NULL OR event_type = :type)
                        ORDER BY id DESC
                        LIMIT :limit OFFSET :offset""")
                .param("account", accountId)
                .param("type", type == null ? null : type.name(), java.sql.Types.VARCHAR)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(this::event)
                .list();
    }

    /**
     * The account's events of one type recorded after its last event of any of the {@code since}
     * types (all events of the type when there is none of those), newest first. E.g. the ADMIN
     * removals since the token was last issued or reset.
     */
    public List<AuditEvent> since(long accountId, AuditEventType type, Collection<AuditEventType> since) {
        return jdbc.sql("""
                        SELECT id, account_id, occurred_at, event_type, actor, client_ip, details
                        FROM audit_events
                        WHERE account_id = :account AND event_type = :type
                          AND id > COALESCE((SELECT MAX(id) FROM audit_events
                                             WHERE account_id = :account AND event_type IN (:since)), 0)
                        ORDER BY id DESC""")
                .param("account", accountId)
                .param("type", type.name())
                .param("since", since.stream().map(AuditEventType::name).toList())
                .query(this::event)
                .list();
    }

    private AuditEvent event(ResultSet rs, int row) throws SQLException {
        return new AuditEvent(
                rs.getLong("id"),
                rs.getLong("account_id"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                AuditEventType.valueOf(rs.getString("event_type")),
                rs.getString("actor"),
                rs.getString("client_ip"),
                json.readValue(rs.getString("details"), DETAILS));
    }

    /** How many events the account has, optionally of one type. */
    public long count(long accountId, AuditEventType type) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM audit_events
                        WHERE account_id = :account AND (:type IS NULL OR event_type = :type)""")
                .param("account", accountId)
                .param("type", type == null ? null : type.name(), java.sql.Types.VARCHAR)
                .query(Long.class)
                .single();
    }

    /**
     * Which events a reader wants: one type or all; token views (one per API Center visit) only on
     * request or when their type is chosen; one actor; a time range [from, to). Nulls mean "any".
     */
    public record Filter(AuditEventType type, boolean withViews, String actor, Instant from, Instant to) {}

    /** A page of the account's events that pass the filter, newest first. */
    public List<AuditEvent> page(long accountId, Filter filter, int page, int size) {
        return where(jdbc.sql("SELECT id, account_id, occurred_at, event_type, actor, client_ip, details "
                + "FROM audit_events WHERE " + conditions(filter) + " ORDER BY id DESC LIMIT :limit OFFSET :offset"),
                accountId, filter)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(this::event)
                .list();
    }

    /** How many of the account's events pass the filter. */
    public long count(long accountId, Filter filter) {
        return where(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE " + conditions(filter)), accountId, filter)
                .query(Long.class)
                .single();
    }

    private static String conditions(Filter filter) {
        StringBuilder sql = new StringBuilder("account_id = :account");
        if (filter.type() != null) {
            sql.append(" AND event_type = :type");
        } else if (!filter.withViews()) {
            sql.append(" AND event_type <> 'TOKEN_VIEWED'");
        }
        if (filter.actor() != null) {
            sql.append(" AND actor = :actor");
        }
        if (filter.from() != null) {
            sql.append(" AND occurred_at >= :from");
        }
        if (filter.to() != null) {
            sql.append(" AND occurred_at < :to");
        }
        return sql.toString();
    }

    private static JdbcClient.StatementSpec where(JdbcClient.StatementSpec statement, long accountId, Filter filter) {
        statement = statement.param("account", accountId);
        if (filter.type() != null) {
            statement = statement.param("type", filter.type().name());
        }
        if (filter.actor() != null) {
            statement = statement.param("actor", filter.actor());
        }
        if (filter.from() != null) {
            statement = statement.param("from", OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            statement = statement.param("to", OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
        }
        return statement;
    }
}
