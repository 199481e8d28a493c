package dev.tessera.quota;

import dev.tessera.cluster.ClusterNode;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily quota counted once for the whole cluster. Each node admits against a budget it takes
 * from the database in chunks of {@link WindowBudget#chunk 0.5 % of the limit}; a grant counts against
 * the account's sliding 24 hours from the minute it was made, for every node, and is computed under a
 * row lock, so the grants in any 24 hours never exceed the limit. A node may admit on credit while its
 * next grant is on its way — any request while it owes nothing, then one chunk — and each grant covers
 * what it owes plus a chunk. Hence the bound, per node: over the limit by at most one chunk plus one
 * request's operations (its credit), under it by at most one and a half chunks (held unused when the
 * cluster's budget ran out); for two nodes and requests of a few operations, within 2 % either way.
 * Grants are made on this one thread, off the hot path.
 */
final class ClusterBudgets implements BudgetSource, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterBudgets.class);

    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final TransactionTemplate ensureTx;
    private final ClusterNode node;
    private final Clock clock;
    /** Accounts and pools whose {@code quota_accounts} row is known to exist: one insert each, not one per grant. */
    private final Set<Long> ensured = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private Thread thread;

    private record Request(UsageWindow window, long limit) {}

    ClusterBudgets(JdbcClient jdbc, PlatformTransactionManager transactions, ClusterNode node, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.ensureTx = new TransactionTemplate(transactions);
        this.ensureTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.node = node;
        this.clock = clock;
    }

    @Override
    public void requestBudget(UsageWindow window, long limit) {
        requests.offer(new Request(window, limit));
    }

    private void run() {
        long nextPrune = System.nanoTime();
        while (running) {
            if (System.nanoTime() - nextPrune >= 0) {
                nextPrune = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                try {
                    prune();
                } catch (RuntimeException e) {
                    log.debug("Could not prune quota grants ({})", e.getMessage());
                }
            }
            Request request;
            try {
                request = requests.poll(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (request == null) {
                continue;
            }
            try {
                grant(request.window(), request.limit());
            } catch (RuntimeException e) {
                log.warn("Could not take quota budget from the database ({}); retrying", e.getMessage());
                request.window().addBudget(0, 0);
                sleep(250);
            }
        }
    }

    /** Takes the next chunk for the window's account and pool, or learns when budget frees up. */
    void grant(UsageWindow window, long limit) {
        long account = window.key >>> 1;
        int pool = (int) (window.key & 1);
        long nowMillis = clock.millis();
        long minute = nowMillis / 60_000L;
        long wanted = window.debt() + WindowBudget.chunk(limit);
        if (!ensured.contains(window.key)) {
            ensureRow(account, pool);
            ensured.add(window.key);
        }
        long[] outcome = tx.execute(status -> {
            jdbc.sql("SELECT account_id FROM quota_accounts WHERE account_id = ? AND pool = ? FOR UPDATE")
                    .params(account, pool).query(Long.class).single();
            long[] window24h = jdbc.sql("""
                            SELECT COALESCE(SUM(granted), 0), COALESCE(MIN(epoch_minute), 0) FROM quota_grants
                            WHERE account_id = ? AND pool = ? AND epoch_minute > ?""")
                    .params(account, pool, minute - UsageWindow.MINUTES)
                    .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)})
                    .single();
            long granted = Math.min(wanted, Math.max(0, limit - window24h[0]));
            if (granted > 0) {
                jdbc.sql("INSERT INTO quota_grants (account_id, pool, epoch_minute, node, granted) VALUES (?, ?, ?, ?, ?)")
                        .params(account, pool, minute, node.name(), granted).update();
            }
            return new long[] {granted, window24h[1]};
        });
        long freesAt = outcome[0] > 0 ? 0 : Math.max(nowMillis + 1000, (outcome[1] + UsageWindow.MINUTES) * 60_000L);
        window.addBudget(outcome[0], freesAt);
    }

    private void ensureRow(long account, int pool) {
        try {
            ensureTx.executeWithoutResult(status -> jdbc.sql("""
                            INSERT INTO quota_accounts (account_id, pool)
                            SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM quota_accounts WHERE account_id = ? AND pool = ?)""")
                    .params(account, pool, account, pool).update());
        } catch (DuplicateKeyException raced) {
            // another node inserted it first
        }
    }

    /** Forgets grants that slid out of every window. */
    void prune() {
        jdbc.sql("DELETE FROM quota_grants WHERE epoch_minute <= ?")
                .param(clock.millis() / 60_000L - UsageWindow.MINUTES).update();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "tessera-quota-budgets");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
