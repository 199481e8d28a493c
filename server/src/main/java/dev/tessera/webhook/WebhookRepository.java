package dev.tessera.webhook;

import dev.tessera.system.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code webhooks} table; the one writer of it. Joins the caller's transaction. */
@Repository
class WebhookRepository {

    private static final String COLUMNS = "id, account_id, url, events, masked_secret, created_at, created_by";

    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the sender needs: where to post and the sealed secret to sign with. */
    record Target(long id, long accountId, String url, byte[] sealedSecret) {}

    /** A subscriber of an event: the webhook's id. */
    record Subscriber(long id, Set<WebhookEvent> events) {}

    long insert(long accountId, String url, Set<WebhookEvent> events, boolean all, byte[] sealed, String masked,
            String createdBy, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO webhooks (account_id, url, events, sealed_secret, masked_secret, created_at, created_by)
                        VALUES (:account, :url, :events, :sealed, :masked, :at, :by)""")
                .param("account", accountId)
                .param("url", url)
                .param("events", all ? null : events.stream().map(WebhookEvent::wire).collect(Collectors.joining(",")),
                        java.sql.Types.VARCHAR)
                .param("sealed", sealed)
                .param("masked", masked)
                .param("at", Timestamps.utc(now))
                .param("by", createdBy)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    List<Webhook> ofAccount(long accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhooks WHERE account_id = :account ORDER BY id")
                .param("account", accountId).query(this::webhook).list();
    }

    Optional<Webhook> find(long accountId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhooks WHERE account_id = :account AND id = :id")
                .param("account", accountId).param("id", id).query(this::webhook).optional();
    }

    /** The account's webhooks with what each subscribed to: one indexed query per audited change. */
    List<Subscriber> subscribers(long accountId) {
        return jdbc.sql("SELECT id, events FROM webhooks WHERE account_id = :account")
                .param("account", accountId)
                .query((rs, row) -> new Subscriber(rs.getLong("id"), events(rs.getString("events"))))
                .list();
    }

    Optional<Target> target(long id) {
        return jdbc.sql("SELECT id, account_id, url, sealed_secret FROM webhooks WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> new Target(rs.getLong("id"), rs.getLong("account_id"), rs.getString("url"),
                        rs.getBytes("sealed_secret")))
                .optional();
    }

    /** Deletes the webhook and (by cascade) its deliveries; false when it was gone already. */
    boolean delete(long accountId, long id) {
        return jdbc.sql("DELETE FROM webhooks WHERE account_id = :account AND id = :id")
                .param("account", accountId).param("id", id).update() == 1;
    }

    private Webhook webhook(ResultSet rs, int row) throws SQLException {
        String events = rs.getString("events");
        return new Webhook(rs.getLong("id"), Long.toString(rs.getLong("account_id")), rs.getString("url"),
                events(events).stream().map(WebhookEvent::wire).toList(), events == null, rs.getString("masked_secret"),
                Timestamps.instant(rs, "created_at"), rs.getString("created_by"));
    }

    /** NULL: every event of the catalogue, including those added after the webhook was created. */
    private static Set<WebhookEvent> events(String text) {
        if (text == null) {
            return EnumSet.allOf(WebhookEvent.class);
        }
        Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
        Arrays.stream(text.split(",")).forEach(name -> Arrays.stream(WebhookEvent.values())
                .filter(event -> event.wire().equals(name)).forEach(events::add));
        return events;
    }
}
