package dev.tessera.token;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Repository;

/**
 * Reads every active token at start on PostgreSQL, fast enough for ten million (issue 18): binary
 * COPYs decoded as they stream into the index's bulk load, with no object per row
 * ({@link ActiveTokenCopy}). On H2, the embedded default, {@code TokenChanges} reads the same rows with
 * {@code TokenRepository#forEachActive}.
 */
@Repository
class ActiveTokenCopyRepository {

    private final DataSource dataSource;

    ActiveTokenCopyRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * On PostgreSQL, loads every active token into {@code index} from two binary COPYs in one
     * repeatable-read transaction, so from one snapshot ({@link ActiveTokenCopy}), with room made first
     * for as many as the database's statistics count; returns how many. Empty, having read nothing, on
     * a database without it (H2).
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
}
