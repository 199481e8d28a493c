package dev.tessera.outbox;

import static dev.tessera.system.Timestamps.instant;
import static dev.tessera.system.Timestamps.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the mail outbox. {@link #add} joins the caller's transaction; a claim is one conditional
 * UPDATE, so two senders (or two nodes) never both claim a row.
 */
@Repository
class Outbox {

    private static final String DUE = """
            ((state = 'PENDING' AND next_attempt_at <= :now) OR (state = 'SENDING' AND lease_until <= :now))""";
    private static final String COLUMNS = """
            id, account_id, kind, recipient, subject, text_body, html_body, state, attempts, created_at,
            next_attempt_at, sent_at, last_error""";

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored mail. */
    record Mail(long id, long accountId, NotificationKind kind, String recipient, MailContent content,
            DeliveryState state, int attempts, Instant createdAt, Instant nextAttemptAt, Instant sentAt,
            String lastError) {}

    void add(long accountId, NotificationKind kind, String recipient, MailContent content, DeliveryState state,
            Instant now) {
        jdbc.sql("""
                        INSERT INTO mail_outbox (account_id, kind, recipient, subject, text_body, html_body, state,
                                                 created_at, next_attempt_at)
                        VALUES (:account, :kind, :recipient, :subject, :text, :html, :state, :now, :now)""")
                .param("account", accountId)
                .param("kind", kind.name())
                .param("recipient", recipient)
                .param("subject", content.subject())
                .param("text", content.text())
                .param("html", content.html())
                .param("state", state.name())
                .param("now", utc(now))
                .update();
    }

    /** Makes HELD mail due now, for when an SMTP server has been configured. */
    int release(Instant now) {
        return jdbc.sql("UPDATE mail_outbox SET state = 'PENDING', next_attempt_at = :now WHERE state = 'HELD'")
                .param("now", utc(now))
                .update();
    }

    List<Long> due(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM mail_outbox WHERE " + DUE + " ORDER BY next_attempt_at, id LIMIT :limit")
                .param("now", utc(now))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /** Claims a due mail until {@code leaseUntil}; false when another sender got it first. */
    boolean claim(long id, Instant now, Instant leaseUntil) {
        return jdbc.sql("UPDATE mail_outbox SET state = 'SENDING', lease_until = :lease, attempts = attempts + 1"
                        + " WHERE id = :id AND " + DUE)
                .param("id", id)
                .param("now", utc(now))
                .param("lease", utc(leaseUntil))
                .update() == 1;
    }

    Mail find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mail_outbox WHERE id = :id").param("id", id).query(Outbox::mail).single();
    }

    void markSent(long id, Instant now) {
        jdbc.sql("""
                        UPDATE mail_outbox SET state = 'SENT', sent_at = :now, lease_until = NULL, last_error = NULL
                        WHERE id = :id AND state = 'SENDING'""")
                .param("id", id)
                .param("now", utc(now))
                .update();
    }

    void markRetry(long id, Instant next, String error) {
        jdbc.sql("""
                        UPDATE mail_outbox SET state = 'PENDING', next_attempt_at = :next, lease_until = NULL,
                               last_error = :error
                        WHERE id = :id AND state = 'SENDING'""")
                .param("id", id)
                .param("next", utc(next))
                .param("error", error)
                .update();
    }

    void markFailed(long id, String error) {
        jdbc.sql("UPDATE mail_outbox SET state = 'FAILED', lease_until = NULL, last_error = :error"
                        + " WHERE id = :id AND state = 'SENDING'")
                .param("id", id)
                .param("error", error)
                .update();
    }

    /** Whether a mail of this kind for the account still waits to go out. */
    boolean waiting(long accountId, NotificationKind kind) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM mail_outbox
                        WHERE account_id = :account AND kind = :kind AND state IN ('HELD', 'PENDING', 'SENDING')""")
                .param("account", accountId)
                .param("kind", kind.name())
                .query(Long.class)
                .single() > 0;
    }

    /** A page, newest first, of one account's mail or (accountId null) of all. */
    List<Mail> page(Long accountId, int page, int size) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mail_outbox WHERE (:account IS NULL OR account_id = :account)"
                        + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .param("account", accountId, java.sql.Types.BIGINT)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(Outbox::mail)
                .list();
    }

    long count(Long accountId) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE (:account IS NULL OR account_id = :account)")
                .param("account", accountId, java.sql.Types.BIGINT)
                .query(Long.class)
                .single();
    }

    private static Mail mail(ResultSet rs, int row) throws SQLException {
        return new Mail(rs.getLong("id"), rs.getLong("account_id"), NotificationKind.valueOf(rs.getString("kind")),
                rs.getString("recipient"),
                new MailContent(rs.getString("subject"), rs.getString("text_body"), rs.getString("html_body")),
                DeliveryState.valueOf(rs.getString("state")), rs.getInt("attempts"), instant(rs, "created_at"),
                instant(rs, "next_attempt_at"), instant(rs, "sent_at"), rs.getString("last_error"));
    }

}
