package dev.tessera.quota;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves usage between the {@link QuotaLedger} and the database: reads the last 24 hours back before
 * the server opens, then writes the ledger's new counts every {@code usage-flush-interval} on its own
 * thread, and once more on a graceful stop. A crash loses at most one interval of counts; a database
 * outage loses none (unwritten counts go back into the ledger).
 */
@Component
class UsageFlusher implements SmartInitializingSingleton, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UsageFlusher.class);
    private static final long RETAINED_MINUTES = 32L * 24 * 60;

    private final QuotaLedger ledger;
    private final UsageStore store;
    private final AccessPolicy policy;
    private final Clock clock;
    private final TransactionTemplate tx;
    private ScheduledExecutorService scheduler;

    UsageFlusher(QuotaLedger ledger, UsageStore store, AccessPolicy policy, Clock clock,
            PlatformTransactionManager transactions) {
        this.ledger = ledger;
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    @Override
    public void afterSingletonsInstantiated() {
        long since = clock.millis() / 60_000L - UsageWindow.MINUTES + 1;
        store.forEachSince(since, ledger::load);
    }

    /** Writes every count the ledger holds that is not in the database yet. */
    void flush() {
        ledger.drain((account, testPool, rows) -> tx.executeWithoutResult(status ->
                rows.forEach((minute, counts) -> store.add(account, testPool, minute, counts))));
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tessera-usage-flush");
            thread.setDaemon(true);
            return thread;
        });
        long interval = Math.max(1, policy.usageFlushInterval().toMillis());
        scheduler.scheduleWithFixedDelay(this::flushQuietly, interval, interval, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::prune, 1, 60, TimeUnit.MINUTES);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
            flushQuietly();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Stop after the web server (which stops at a higher phase) so the last requests are counted. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Could not write usage counts; they are kept and retried: {}", e.toString());
        }
    }

    private void prune() {
        try {
            store.prune(clock.millis() / 60_000L - RETAINED_MINUTES);
        } catch (RuntimeException e) {
            log.warn("Could not prune old usage: {}", e.toString());
        }
    }
}
