package dev.tessera.token;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.PGCopyInputStream;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Repository;

/**
 * Reads every active token at start, fast enough for ten million (issue 18): the accounts' id range
 * is cut into {@link #RANGES} slices, each read on its own connection and thread, in a transaction
 * with a fetch size, so that PostgreSQL streams the rows (without a transaction it sends
 * them all at once) and the slices' rows are decoded and indexed in parallel. Each account is in one
 * slice, so its token and level come from one snapshot; the change feed's catch-up after the load
 * brings every account to its newest state, as with a single scan. On PostgreSQL the rows come in
 * the binary format. The visitor is called from
 * several threads at once and must be thread-safe ({@code ActiveTokens} is).
 *
 * <p>On PostgreSQL a node's index is loaded faster still by {@link #copyInto}: binary COPYs, decoded as
 * they stream into the index's bulk load, with no object per row.
 */
@Repository
class ActiveTokenScanRepository {

    /** Connections used at once; the pool holds ten. */
    static final int RANGES = 4;
    /** Below this id span, one scan on the calling thread. */
    private static final long SPLIT_FROM = 50_000;
    private static final int FETCH_SIZE = 10_000;

    private final DataSource dataSource;

    ActiveTokenScanRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * On PostgreSQL, loads every active token into {@code index} from two binary COPYs in one
     * repeatable-read transaction, so from one snapshot ({@link ActiveTokenCopy}), with room made first
     * for as many as the database's statistics count; returns how many. Empty, having read nothing, on
     * a database without it (H2: {@link #forEachActive}).
     */
    OptionalLong copyInto(ActiveTokens index, TokenExpiryPolicy expiry) {
        try (Connection c = dataSource.getConnection()) {
            if (!c.isWrapperFor(PGConnection.class)) {
                return OptionalLong.empty();
            }
            PGConnection postgres = c.unwrap(PGConnection.class);
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                int expected = expectedTokens(c);
                AccountLevels levels;
                try (InputStream in = new PGCopyInputStream(postgres, ActiveTokenCopy.LEVELS_SQL)) {
                    levels = ActiveTokenCopy.readLevels(in, expected);
                }
                long[] rows = new long[1];
                index.load(levels.size(), visitor -> {
                    try (InputStream in = new PGCopyInputStream(postgres, ActiveTokenCopy.TOKENS_SQL)) {
                        rows[0] = ActiveTokenCopy.readTokens(in, levels, expiry, visitor);
                    } catch (SQLException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                });
                c.commit();
                return OptionalLong.of(rows[0]);
            } catch (SQLException | IOException | RuntimeException e) {
                try {
                    c.rollback(); // it only read: this ends the transaction
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException | IOException e) {
            throw new DataAccessResourceFailureException("Could not load the active tokens: " + e.getMessage(), e);
        }
    }

    /**
     * About how many accounts have a level: the planner's count of token lineages (one per account that
     * ever had a token), or, when the table was never analysed, the real count.
     */
    private static int expectedTokens(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT reltuples FROM pg_class WHERE oid = 'token_lineages'::regclass")) {
            double estimate = rs.next() ? rs.getDouble(1) : -1;
            if (estimate >= 0) {
                return (int) Math.min(estimate, 1 << 28);
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM token_lineages")) {
            rs.next();
            return (int) Math.min(rs.getLong(1), 1 << 28);
        }
    }

    void forEachActive(TokenRepository.ActiveTokenVisitor visitor) {
        long[] bounds = bounds();
        if (bounds == null) {
            return;
        }
        long first = bounds[0];
        long span = bounds[1] - first + 1;
        if (span < SPLIT_FROM) {
            scan(first, bounds[1], visitor);
            return;
        }
        Thread[] scans = new Thread[RANGES];
        RuntimeException[] failures = new RuntimeException[RANGES];
        for (int i = 0; i < RANGES; i++) {
            long from = first + span * i / RANGES;
            long to = first + span * (i + 1) / RANGES - 1;
            int slice = i;
            scans[i] = new Thread(() -> {
                try {
                    scan(from, to, visitor);
                } catch (RuntimeException e) {
                    failures[slice] = e;
                }
            }, "active-token-scan-" + i);
            scans[i].start();
        }
        for (Thread scan : scans) {
            try {
                scan.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DataAccessResourceFailureException("Interrupted while loading the active tokens", e);
            }
        }
        for (RuntimeException failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** The lowest and highest account id with an active token, or null when there is none. */
    private long[] bounds() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MIN(account_id), MAX(account_id) FROM developer_tokens WHERE active")) {
            rs.next();
            long min = rs.getLong(1);
            return rs.wasNull() ? null : new long[] {min, rs.getLong(2)};
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not read the active tokens' account range", e);
        }
    }

    private void scan(long from, long to, TokenRepository.ActiveTokenVisitor visitor) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(TokenRepository.ACTIVE_STATE
                    + " WHERE t.active AND t.account_id BETWEEN ? AND ?")) {
                s.setFetchSize(FETCH_SIZE);
                if (s.isWrapperFor(PGStatement.class)) {
                    // A server-prepared statement from the first run: rows come in binary, so digests
                    // and instants need no parsing from text (hex, dates).
                    s.unwrap(PGStatement.class).setPrepareThreshold(-1);
                }
                s.setLong(1, from);
                s.setLong(2, to);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        visitor.visit(rs.getLong(6), TokenRepository.activeState(rs));
                    }
                }
                c.commit();
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not load the active tokens", e);
        }
    }
}
