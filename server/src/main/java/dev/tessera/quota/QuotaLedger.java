package dev.tessera.quota;

import java.time.Clock;
import java.util.Map;

/**
 * Daily operation quotas, counted per manager account — the token's lineage, so a reset does not
 * start a fresh quota — and pool (EXPLORER's operations on test accounts have a limit of their own),
 * over a sliding 24-hour window of minute buckets. Admission is exact on one
 * node under any concurrency; with a {@link BudgetSource} (every real node) the limit holds for the
 * cluster within the bound {@link ClusterBudgets} states. Counts reach the database asynchronously ({@link UsageFlusher}); the
 * hot path does no I/O. Time comes from the injected {@link Clock}.
 */
public final class QuotaLedger {

    /** A limit meaning "no daily limit". */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private final WindowTable windows = new WindowTable();
    private final Clock clock;
    private final BudgetSource cluster;

    /** A ledger that admits by this node's own counts (one node, benchmarks, tests of the window). */
    public QuotaLedger(Clock clock) {
        this(clock, null);
    }

    /** A ledger whose limits hold for the whole cluster: admissions are charged to budgets taken from {@code cluster}. */
    QuotaLedger(Clock clock, BudgetSource cluster) {
        this.clock = clock;
        this.cluster = cluster;
    }

    /**
     * The clock this ledger reads on every granted request; the data plane checks a token's term
     * (rotation overlap, expiry) against the same clock (issue 15).
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Counts {@code operations} against the account if its last 24 hours stay within {@code limit}.
     *
     * @return 0 when admitted, otherwise the seconds after which enough usage will have slid out
     */
    public long tryAcquire(long account, boolean testPool, long operations, long limit) {
        return tryAcquire(windows.get(key(account, testPool)), operations, limit);
    }

    /** {@link #tryAcquire(long, boolean, long, long)} on a window the caller kept from {@link #window(long)}. */
    public long tryAcquire(UsageWindow window, long operations, long limit) {
        long now = clock.millis();
        return window.tryAcquire(operations, limit, now / 60_000L, now, cluster);
    }

    /**
     * The account's window in the production pool, created on first use and never replaced, so a
     * caller may keep it with the account and skip the lookup on later requests.
     */
    public UsageWindow window(long account) {
        return windows.get(key(account, false));
    }

    /** Counts a refused request in the account's usage (it does not use quota). */
    public void reject(long account, CountedRefusal reason) {
        windows.get(key(account, false)).reject(reason, clock.millis() / 60_000L);
    }

    /** Operations the account used in the last 24 hours in a pool, on this node. */
    public long used(long account, boolean testPool) {
        UsageWindow window = windows.peek(key(account, testPool));
        return window == null ? 0 : window.used(clock.millis() / 60_000L);
    }

    /** Adds usage read back from the database at start. */
    void load(long account, boolean testPool, long epochMinute, long operations) {
        windows.get(key(account, testPool)).load(epochMinute, operations, clock.millis() / 60_000L);
    }

    /**
     * Hands every window's unwritten counts to {@code writer} (account, test pool?, minute → counts);
     * puts them back if it throws.
     */
    void drain(PendingWriter writer) {
        windows.forEach(window -> {
            long key = window.key;
            Map<Long, long[]> rows = window.drain();
            if (rows.isEmpty()) {
                return;
            }
            try {
                writer.write(key >>> 1, (key & 1) == 1, rows);
            } catch (RuntimeException e) {
                window.restore(rows);
                throw e;
            }
        });
    }

    private static long key(long account, boolean testPool) {
        return account << 1 | (testPool ? 1 : 0);
    }

    @FunctionalInterface
    interface PendingWriter {
        void write(long account, boolean testPool, Map<Long, long[]> rows);
    }
}
