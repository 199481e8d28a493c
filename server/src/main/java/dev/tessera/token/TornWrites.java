package dev.tessera.token;

import dev.tessera.cluster.ChangeLog;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Undoes what a transaction that never committed left in the token tables, before the index loads.
 * Every committed state has the active token at its lineage's version: an issue, reset, rotation or
 * re-issue writes both in one transaction, and a revocation leaves the lineage's newest token revoked.
 * H2's file store has been seen, after a kill -9 in the middle of a reset, to keep the reset's first
 * statements (the old token retired, the new one inserted) and not the rest (the lineage, the audit
 * entry, the feed's row): the client's last acknowledged token was then refused. So at start:
 * <ul>
 *   <li>an active token newer than its lineage is such a remnant: it goes, and the lineage's own
 *       token is active again;</li>
 *   <li>a lineage without an active token whose own version is neither revoked nor missing is the
 *       other half of one: that token is active again.</li>
 * </ul>
 * A database that keeps transactions whole (PostgreSQL) cannot hold such remnants, so there the
 * repair does not run: its two queries read every token, half a minute at ten million (issue 18).
 */
@Component
class TornWrites {

    private static final Logger log = LoggerFactory.getLogger(TornWrites.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    private final boolean embedded;

    /** The change log knows which database this is; the repair runs on the embedded one only. */
    TornWrites(JdbcClient jdbc, PlatformTransactionManager transactions, ChangeLog changes) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.embedded = !changes.postgres();
    }

    /** Repairs every torn lineage; answers how many (none on PostgreSQL, which keeps transactions whole). */
    int repair() {
        if (!embedded) {
            return 0;
        }
        List<Long> newer = jdbc.sql("""
                        SELECT t.account_id FROM developer_tokens t JOIN token_lineages l ON l.account_id = t.account_id
                        WHERE t.active AND t.version > l.version""")
                .query(Long.class).list();
        List<Long> orphaned = jdbc.sql("""
                        SELECT l.account_id FROM token_lineages l
                        WHERE NOT EXISTS (SELECT 1 FROM developer_tokens a WHERE a.account_id = l.account_id AND a.active)
                          AND EXISTS (SELECT 1 FROM developer_tokens t
                                      WHERE t.account_id = l.account_id AND t.version = l.version AND t.revoked_at IS NULL)""")
                .query(Long.class).list();
        int repaired = 0;
        for (Long account : newer) {
            repaired += Boolean.TRUE.equals(tx.execute(status -> dropNewer(account) && reactivate(account))) ? 1 : 0;
        }
        for (Long account : orphaned) {
            repaired += Boolean.TRUE.equals(tx.execute(status -> reactivate(account))) ? 1 : 0;
        }
        if (repaired > 0) {
            log.warn("Undid what {} interrupted token write(s) left behind (the database kept part of a transaction"
                    + " that never committed); each account's last committed token is active again", repaired);
        }
        return repaired;
    }

    private boolean dropNewer(long account) {
        jdbc.sql("SELECT version FROM token_lineages WHERE account_id = :account FOR UPDATE").param("account", account)
                .query(Long.class).optional();
        jdbc.sql("""
                        DELETE FROM token_expiry_reminders WHERE token_id IN (SELECT id FROM developer_tokens t
                            WHERE t.account_id = :account AND t.active
                              AND t.version > (SELECT version FROM token_lineages l WHERE l.account_id = :account))""")
                .param("account", account).update();
        return jdbc.sql("""
                        DELETE FROM developer_tokens WHERE account_id = :account AND active
                          AND version > (SELECT version FROM token_lineages l WHERE l.account_id = :account)""")
                .param("account", account).update() == 1;
    }

    private boolean reactivate(long account) {
        return jdbc.sql("""
                        UPDATE developer_tokens SET active = TRUE, active_account_id = account_id, replaced_at = NULL
                        WHERE account_id = :account AND revoked_at IS NULL
                          AND version = (SELECT version FROM token_lineages l WHERE l.account_id = :account)
                          AND NOT EXISTS (SELECT 1 FROM developer_tokens a WHERE a.active_account_id = :account)""")
                .param("account", account).update() == 1;
    }
}
