package dev.tessera.webhook;

import dev.tessera.system.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code webhook_deliveries} table, the webhooks' outbox; the one writer of it. {@link #add}
 * joins the caller's transaction; a claim is one conditional UPDATE, so two senders (or two nodes)
 * never both claim a row.
 */
@Repository
class DeliveryRepository {

    private static final String DUE = """
            ((state = 'PENDING' AND next_attempt_at <= :now) OR (state = 'SENDING' AND lease_until <= :now))""";
    private static final String COLUMNS = """
            id, webhook_id, event_id, event_type, state, attempts, created_at, last_attempt_at, last_status,
            last_error, next_attempt_at, delivered_at""";

    private final JdbcClient jdbc;

    DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A claimed delivery: what to post. */
    record Claimed(long id, long webhookId, String eventId, String payload, int attempts) {}

    void add(long webhookId, String eventId, WebhookEvent type, String payload, Instant now) {
        jdbc.sql("""
                        INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, payload, state, created_at,
                            next_attempt_at)
                        VALUES (:webhook, :event, :type, :payload, 'PENDING', :at, :at)""")
                .param("webhook", webhookId)
                .param("event", eventId)
                .param("type", type.wire())
                .param("payload", payload)
                .param("at", Timestamps.utc(now))
                .update();
    }

    List<Long> due(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM webhook_deliveries WHERE " + DUE + " ORDER BY next_attempt_at, id LIMIT :limit")
                .param("now", Timestamps.utc(now)).param("limit", limit).query(Long.class).list();
    }

    /** Claims a due delivery for this sender until {@code leaseUntil}, counting the attempt; false when another won. */
    Optional<Claimed> claim(long id, Instant now, Instant leaseUntil) {
        int claimed = jdbc.sql("UPDATE webhook_deliveries SET state = 'SENDING', lease_until = :lease,"
                        + " attempts = attempts + 1, last_attempt_at = :now WHERE id = :id AND " + DUE)
                .param("id", id).param("now", Timestamps.utc(now)).param("lease", Timestamps.utc(leaseUntil)).update();
        if (claimed != 1) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id, webhook_id, event_id, payload, attempts FROM webhook_deliveries WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> new Claimed(rs.getLong("id"), rs.getLong("webhook_id"), rs.getString("event_id"),
                        rs.getString("payload"), rs.getInt("attempts")))
                .optional();
    }

    void markDelivered(long id, int status, Instant now) {
        finish(id, "DELIVERED", status, null, now, now);
    }

    void markRetry(long id, Integer status, String error, Instant next) {
        finish(id, "PENDING", status, error, next, null);
    }

    void markFailed(long id, Integer status, String error, Instant now) {
        finish(id, "FAILED", status, error, now, null);
    }

    private void finish(long id, String state, Integer status, String error, Instant next, Instant deliveredAt) {
        jdbc.sql("""
                        UPDATE webhook_deliveries SET state = :state, last_status = :status, last_error = :error,
                            next_attempt_at = :next, delivered_at = :delivered, lease_until = NULL
                        WHERE id = :id AND state = 'SENDING'""")
                .param("id", id)
                .param("state", state)
                .param("status", status, java.sql.Types.INTEGER)
                .param("error", error, java.sql.Types.VARCHAR)
                .param("next", Timestamps.utc(next))
                .param("delivered", Timestamps.utc(deliveredAt), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .update();
    }

    /** A webhook's deliveries, newest first. */
    List<Delivery> page(long webhookId, int page, int size) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE webhook_id = :webhook"
                        + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .param("webhook", webhookId).param("limit", size).param("offset", (long) page * size)
                .query(this::delivery).list();
    }

    long count(long webhookId) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = :webhook")
                .param("webhook", webhookId).query(Long.class).single();
    }

    private Delivery delivery(ResultSet rs, int row) throws SQLException {
        Object status = rs.getObject("last_status");
        return new Delivery(rs.getLong("id"), rs.getLong("webhook_id"), rs.getString("event_id"),
                rs.getString("event_type"), Delivery.State.valueOf(rs.getString("state")), rs.getInt("attempts"),
                Timestamps.instant(rs, "created_at"), Timestamps.instant(rs, "last_attempt_at"),
                status == null ? null : ((Number) status).intValue(), rs.getString("last_error"),
                Timestamps.instant(rs, "next_attempt_at"), Timestamps.instant(rs, "delivered_at"));
    }
}
