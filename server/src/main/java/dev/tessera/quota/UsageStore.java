package dev.tessera.quota;

import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and adds to {@code usage_minutes}. Writes add deltas, so several writers never lose a count. */
@Repository
class UsageStore {

    private static final String COLUMNS =
            "accepted_requests, accepted_operations, rejected_not_approved, rejected_prohibited, rejected_quota";

    private final JdbcClient jdbc;

    UsageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a row of counts ({@link UsageWindow#FIELDS} long, in column order) to one account-minute. */
    void add(long account, boolean testPool, long epochMinute, long[] counts) {
        int pool = testPool ? 1 : 0;
        if (update(account, pool, epochMinute, counts) > 0) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO usage_minutes (account_id, pool, epoch_minute, " + COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(account, pool, epochMinute, counts[0], counts[1], counts[2], counts[3], counts[4])
                    .update();
        } catch (DuplicateKeyException raced) {
            update(account, pool, epochMinute, counts);
        }
    }

    private int update(long account, int pool, long epochMinute, long[] counts) {
        return jdbc.sql("""
                        UPDATE usage_minutes SET accepted_requests = accepted_requests + ?,
                            accepted_operations = accepted_operations + ?,
                            rejected_not_approved = rejected_not_approved + ?,
                            rejected_prohibited = rejected_prohibited + ?, rejected_quota = rejected_quota + ?
                        WHERE account_id = ? AND pool = ? AND epoch_minute = ?""")
                .params(counts[0], counts[1], counts[2], counts[3], counts[4], account, pool, epochMinute)
                .update();
    }

    /** Visits accepted operations per account-minute from {@code fromMinute} on. */
    void forEachSince(long fromMinute, MinuteVisitor visitor) {
        jdbc.sql("SELECT account_id, pool, epoch_minute, accepted_operations FROM usage_minutes WHERE epoch_minute >= ?")
                .param(fromMinute)
                .query(rs -> {
                    visitor.visit(rs.getLong(1), rs.getInt(2) == 1, rs.getLong(3), rs.getLong(4));
                });
    }

    /** Sums per period ({@code minutesPerPeriod} long, aligned on the epoch) in {@code [from, to)}. */
    List<Period> periods(long account, long fromMinute, long toMinute, long minutesPerPeriod) {
        List<Period> periods = new ArrayList<>();
        jdbc.sql("SELECT epoch_minute / ? AS period, SUM(accepted_requests), SUM(accepted_operations),"
                        + " SUM(rejected_not_approved), SUM(rejected_prohibited), SUM(rejected_quota)"
                        + " FROM usage_minutes WHERE account_id = ? AND epoch_minute >= ? AND epoch_minute < ?"
                        + " GROUP BY period ORDER BY period")
                // Grouped by the alias: "epoch_minute / ?" twice is two different expressions to
                // PostgreSQL and, once a period holds two minutes, to H2.
                .params(minutesPerPeriod, account, fromMinute, toMinute)
                .query(rs -> {
                    periods.add(new Period(rs.getLong(1) * minutesPerPeriod,
                            new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)}));
                });
        return periods;
    }

    /** Deletes minutes older than {@code beforeMinute}. */
    int prune(long beforeMinute) {
        return jdbc.sql("DELETE FROM usage_minutes WHERE epoch_minute < ?").param(beforeMinute).update();
    }

    record Period(long startMinute, long[] counts) {}

    @FunctionalInterface
    interface MinuteVisitor {
        void visit(long account, boolean testPool, long epochMinute, long acceptedOperations);
    }
}
