package dev.tessera.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tables of the change feed and of the node leases. Appends and a writer's look at the leases go
 * through the application's pool (and its transaction); a node's own reads and renewals go through
 * its dedicated connection, so they work, or fail, with the connection that carries its
 * notifications. Times of leases are the database's, in epoch milliseconds.
 */
public final class ChangeLog {

    static final String CHANGES_CHANNEL = "tessera_changes";
    static final String ACKS_CHANNEL = "tessera_acks";

    /** A row of the log. */
    record Change(long seq, ChangeKind kind, long subject) {

        /**
         * What follows the sequence in the notification that announces a row, {@code "<seq> <kind> <subject>"}
         * (the database writes the sequence it draws).
         */
        static String payloadAfterSeq(ChangeKind kind, long subject) {
            return " " + kind.name() + " " + subject;
        }

        /** The row a notification's payload announces, or null for any other text (e.g. an older node's bare sequence). */
        static Change fromPayload(String payload) {
            String[] parts = payload.split(" ", -1);
            if (parts.length != 3) {
                return null;
            }
            try {
                return new Change(Long.parseLong(parts[0]), ChangeKind.valueOf(parts[1]), Long.parseLong(parts[2]));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** A node with a live lease, as a writer sees it: its name and the last change it applied. */
    record Lease(String name, long appliedSeq) {}

    private final JdbcClient jdbc;
    private final boolean postgres;
    private final String nowMillis;

    ChangeLog(JdbcClient jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
        this.nowMillis = postgres
                ? "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)"
                : "DATEDIFF(MILLISECOND, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', CURRENT_TIMESTAMP(3))";
    }

    /** Whether the database is PostgreSQL (else the embedded H2, with one node). */
    public boolean postgres() {
        return postgres;
    }

    /**
     * When change {@code seq} was committed, in microseconds since the epoch, or empty when the log
     * does not hold it (never appended, or pruned): how a state saved as of a change is matched with
     * this database's log before it is used (issue 18).
     */
    public java.util.OptionalLong committedAtMicros(long seq) {
        return jdbc.sql("SELECT committed_at FROM change_log WHERE seq = ?").param(seq).query(Timestamp.class).optional()
                .map(Timestamp::toInstant)
                .map(at -> java.util.OptionalLong.of(at.getEpochSecond() * 1_000_000L + at.getNano() / 1000))
                .orElse(java.util.OptionalLong.empty());
    }

    /** Appends a change in the caller's transaction and answers its sequence; see the migration for why it is gapless. */
    long append(ChangeKind kind, long subject, Instant now) {
        if (postgres) {
            // One round trip: take the next sequence, write the row, and notify every listening node,
            // which PostgreSQL does at commit, in commit order, and only once the commit is visible to
            // every snapshot taken after (so a node may apply the row from the notification alone).
            return jdbc.sql("""
                            WITH head AS (UPDATE change_feed_head SET seq = seq + 1 WHERE id = 1 RETURNING seq)
                            INSERT INTO change_log (seq, kind, subject, committed_at) SELECT seq, ?, ?, ? FROM head
                            RETURNING seq, pg_notify('%s', CAST(seq AS TEXT) || ?)""".formatted(CHANGES_CHANNEL))
                    .params(kind.name(), subject, Timestamp.from(now), Change.payloadAfterSeq(kind, subject))
                    .query((rs, row) -> rs.getLong(1))
                    .single();
        }
        jdbc.sql("UPDATE change_feed_head SET seq = seq + 1 WHERE id = 1").update();
        long seq = jdbc.sql("SELECT seq FROM change_feed_head WHERE id = 1").query(Long.class).single();
        jdbc.sql("INSERT INTO change_log (seq, kind, subject, committed_at) VALUES (?, ?, ?, ?)")
                .params(seq, kind.name(), subject, Timestamp.from(now))
                .update();
        return seq;
    }

    /** Every node whose lease has not run out by more than {@code marginMillis}, as the database sees it now. */
    List<Lease> leases(long marginMillis) {
        return jdbc.sql("SELECT name, applied_seq FROM cluster_nodes WHERE lease_until_ms + ? > " + nowMillis
                        + " ORDER BY name")
                .param(marginMillis)
                .query((rs, row) -> new Lease(rs.getString(1), rs.getLong(2)))
                .list();
    }

    // --- remote followers (embedded verifiers), through the pool ---

    /** The log's head, read through the pool. */
    long head() {
        return jdbc.sql("SELECT seq FROM change_feed_head WHERE id = 1").query(Long.class).single();
    }

    /** Up to {@code limit} rows after {@code seq}, read through the pool. */
    List<Change> after(long seq, int limit) {
        return jdbc.sql("SELECT seq, kind, subject FROM change_log WHERE seq > ? ORDER BY seq LIMIT " + limit)
                .param(seq)
                .query((rs, row) -> new Change(rs.getLong(1), ChangeKind.valueOf(rs.getString(2)), rs.getLong(3)))
                .list();
    }

    /**
     * A remote follower's renewal: as {@link #renew}, through the pool (each statement commits on its
     * own), and always announced, so a writer waiting for this follower re-checks at once.
     */
    void renewFollower(String followerId, String name, long leaseMillis, long appliedSeq) {
        int updated = jdbc.sql("UPDATE cluster_nodes SET lease_until_ms = " + nowMillis + " + ?, applied_seq = ?, name = ?"
                        + " WHERE node_id = ?")
                .params(leaseMillis, appliedSeq, name, followerId)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO cluster_nodes (node_id, name, started_at_ms, lease_until_ms, applied_seq) VALUES (?, ?, "
                            + nowMillis + ", " + nowMillis + " + ?, ?)")
                    .params(followerId, name, leaseMillis, appliedSeq)
                    .update();
        }
        if (postgres) {
            jdbc.sql("SELECT pg_notify('" + ACKS_CHANNEL + "', ?)").param(followerId).query(String.class).list();
        }
    }

    /** Forgets a remote follower's lease (it said goodbye): writers stop waiting for it. */
    void forgetFollower(String followerId) {
        jdbc.sql("DELETE FROM cluster_nodes WHERE node_id = ?").param(followerId).update();
    }

    // --- a node's own connection ---

    static long head(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT seq FROM change_feed_head WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<Change> after(Connection connection, long seq, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT seq, kind, subject FROM change_log WHERE seq > ? ORDER BY seq LIMIT " + limit)) {
            statement.setLong(1, seq);
            List<Change> changes = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    changes.add(new Change(rs.getLong(1), ChangeKind.valueOf(rs.getString(2)), rs.getLong(3)));
                }
            }
            return changes;
        }
    }

    /**
     * Extends the node's lease by {@code leaseMillis} from the database's now and records what it
     * applied; with {@code announce} on PostgreSQL, the same statement notifies writers (one round trip).
     */
    void renew(Connection connection, String nodeId, String name, long leaseMillis, long appliedSeq, boolean announce)
            throws SQLException {
        boolean notifyInline = announce && postgres;
        String update = "UPDATE cluster_nodes SET lease_until_ms = " + nowMillis + " + ?, applied_seq = ? WHERE node_id = ?"
                + (notifyInline ? " RETURNING pg_notify('" + ACKS_CHANNEL + "', node_id)" : "");
        boolean updated;
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            statement.setLong(1, leaseMillis);
            statement.setLong(2, appliedSeq);
            statement.setString(3, nodeId);
            if (notifyInline) {
                try (ResultSet rs = statement.executeQuery()) {
                    updated = rs.next();
                }
            } else {
                updated = statement.executeUpdate() > 0;
            }
        }
        if (!updated) {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO cluster_nodes"
                    + " (node_id, name, started_at_ms, lease_until_ms, applied_seq) VALUES (?, ?, " + nowMillis + ", "
                    + nowMillis + " + ?, ?)")) {
                statement.setString(1, nodeId);
                statement.setString(2, name);
                statement.setLong(3, leaseMillis);
                statement.setLong(4, appliedSeq);
                statement.executeUpdate();
            }
            if (notifyInline) {
                try (PreparedStatement statement = connection.prepareStatement("SELECT pg_notify('" + ACKS_CHANNEL + "', ?)")) {
                    statement.setString(1, nodeId);
                    statement.executeQuery().close();
                }
            }
        }
    }

    /**
     * On H2 only one process can open the database, so any other node's row is a previous run of
     * this one that ended without a goodbye (kill -9): forget it, or the first writes would wait out its lease.
     */
    void forgetOtherNodesOnEmbedded(Connection connection, String nodeId) throws SQLException {
        if (postgres) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM cluster_nodes WHERE node_id <> ?")) {
            statement.setString(1, nodeId);
            statement.executeUpdate();
        }
    }

    /** Forgets nodes whose lease ran out an hour ago, and log rows older than a day that every live node has applied. */
    void prune(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM cluster_nodes WHERE lease_until_ms < " + nowMillis + " - 3600000");
        }
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM change_log WHERE committed_at < ?"
                + " AND seq < (SELECT COALESCE(MIN(applied_seq), 0) FROM cluster_nodes)")) {
            statement.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(86_400)));
            statement.executeUpdate();
        }
    }
}
