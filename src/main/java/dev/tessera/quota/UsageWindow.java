package dev.tessera.quota;

import java.util.HashMap;
import java.util.Map;

/**
 * One manager account's data-plane usage over the last 24 hours, in minute buckets, plus the counts
 * not yet written to the database. The window slides a minute at a time: operations admitted in
 * minute {@code m} count against the quota until minute {@code m + 1440}. Thread-safe.
 *
 * <p>Within a minute a request touches only this object's own fields (one or two cache lines): the
 * minute's counts are folded into the bucket array and the pending map when the minute changes or
 * the counts are drained. The bucket array is allocated on the first fold.
 *
 * <p>Public as a type only, so that the data plane can keep an account's window with the account
 * ({@link QuotaLedger#window(long)}); every operation on it goes through the {@link QuotaLedger}.
 */
public final class UsageWindow {

    static final int MINUTES = 24 * 60;

    /** Indexes of a pending-count row, in the column order of {@code usage_minutes}. */
    static final int ACCEPTED_REQUESTS = 0;
    static final int ACCEPTED_OPERATIONS = 1;
    static final int FIELDS = 5;

    /** The ledger's key of this window: account and pool. */
    final long key;

    private long head = Long.MIN_VALUE;
    /** Operations in the window, the head minute's included. */
    private long total;
    /** Operations of the head minute not yet in {@link #operations}. */
    private long headOperations;
    /** Counts of the head minute not yet in {@link #pending}, in the order of a pending row. */
    private long acceptedRequests;
    private long acceptedOperations;
    private long rejectedNotApproved;
    private long rejectedProhibited;
    private long rejectedQuota;
    private long[] operations;
    private Map<Long, long[]> pending = new HashMap<>(4);
    /** Operations the cluster granted this node and it has not admitted yet; below 0 while on credit. */
    private long budget;
    private boolean budgetRequested;
    /** While the cluster's budget is used up: when the oldest grant slides out (epoch ms); 0 otherwise. */
    private long exhaustedUntil;

    UsageWindow(long key) {
        this.key = key;
    }

    /**
     * Admits {@code count} operations in {@code minute} if the window stays within {@code limit}.
     *
     * @return 0 when admitted, otherwise the seconds until enough usage slides out of the window
     */
    synchronized long tryAcquire(long count, long limit, long minute, long nowMillis, BudgetSource cluster) {
        advance(minute);
        if (total + count > limit) {
            rejectedQuota++;
            return retryAfterSeconds(count, limit, nowMillis);
        }
        if (cluster != null && limit != QuotaLedger.UNLIMITED) {
            long refused = charge(count, limit, nowMillis, cluster);
            if (refused > 0) {
                rejectedQuota++;
                return refused;
            }
        }
        total += count;
        headOperations += count;
        acceptedRequests++;
        acceptedOperations += count;
        return 0;
    }

    /**
     * Takes {@code count} from the cluster's budget; while the cluster has budget left, on credit too:
     * any request when this node owes nothing, and then down to minus one chunk. Asks for the next
     * chunk when this one runs low. A request beyond the credit waits for the grant on its way, at
     * most {@link #GRANT_WAIT_NANOS} (only a client spending more than a chunk within one round trip
     * to the database ever waits).
     *
     * @return 0 when charged, otherwise the seconds to wait
     */
    private long charge(long count, long limit, long nowMillis, BudgetSource cluster) {
        long chunk = chunk(limit);
        long waitUntil = 0;
        while (true) {
            boolean exhausted = exhaustedUntil != 0 && nowMillis < exhaustedUntil;
            if (budget - count >= (exhausted ? 0 : -chunk) || !exhausted && budget >= 0) {
                budget -= count;
                if (budget < chunk / 2 && !exhausted) {
                    requestBudget(limit, cluster);
                }
                return 0;
            }
            if (exhausted) {
                return Math.max(1, (exhaustedUntil - nowMillis + 999) / 1000);
            }
            requestBudget(limit, cluster);
            long now = System.nanoTime();
            if (waitUntil == 0) {
                waitUntil = now + GRANT_WAIT_NANOS;
            }
            if (now - waitUntil >= 0) {
                return 1;
            }
            try {
                wait(Math.max(1, (waitUntil - now) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }

    /** How long a request beyond this node's credit waits for the cluster's next grant. */
    static final long GRANT_WAIT_NANOS = 200_000_000L;

    /** What this node owes the cluster's budget (admitted on credit), 0 when it owes nothing. */
    synchronized long debt() {
        return Math.max(0, -budget);
    }

    private void requestBudget(long limit, BudgetSource cluster) {
        if (!budgetRequested) {
            budgetRequested = true;
            cluster.requestBudget(this, limit);
        }
    }

    /** The cluster's answer: {@code granted} more operations, or none until {@code exhaustedUntil} (epoch ms). */
    synchronized void addBudget(long granted, long exhaustedUntil) {
        budget += granted;
        budgetRequested = false;
        this.exhaustedUntil = granted > 0 ? 0 : exhaustedUntil;
        notifyAll();
    }

    /** The size of a grant of the cluster's budget: 0.5 % of the limit, at least one operation. */
    static long chunk(long limit) {
        return Math.max(1, limit / 200);
    }

    synchronized void reject(CountedRefusal reason, long minute) {
        advance(minute);
        switch (reason) {
            case NOT_APPROVED -> rejectedNotApproved++;
            case PROHIBITED -> rejectedProhibited++;
            case QUOTA -> rejectedQuota++;
        }
    }

    /** Adds usage read back from the database at start, if it is still inside the window. */
    synchronized void load(long minute, long count, long nowMinute) {
        advance(nowMinute);
        if (minute <= head && minute > head - MINUTES) {
            buckets()[index(minute)] += count;
            total += count;
        }
    }

    /** Operations admitted in the 24 hours up to {@code minute}. */
    synchronized long used(long minute) {
        advance(minute);
        return total;
    }

    /** Takes the counts not yet written: epoch minute → row of {@link #FIELDS} counts. */
    synchronized Map<Long, long[]> drain() {
        foldPending();
        Map<Long, long[]> drained = pending;
        pending = new HashMap<>(4);
        return drained;
    }

    /** Puts back counts that could not be written, so that a database outage loses nothing. */
    synchronized void restore(Map<Long, long[]> unwritten) {
        unwritten.forEach((minute, counts) -> add(minute, counts));
    }

    /** Moves the head to {@code minute} (never back: a clock that stepped back counts in the newest minute). */
    private void advance(long minute) {
        if (head == Long.MIN_VALUE) {
            head = minute;
            return;
        }
        if (minute <= head) {
            return;
        }
        foldPending();
        foldOperations();
        if (operations != null) {
            long steps = Math.min(minute - head, MINUTES);
            for (long i = 1; i <= steps; i++) {
                int slot = index(head + i);
                total -= operations[slot];
                operations[slot] = 0;
            }
        }
        head = minute;
    }

    private void foldOperations() {
        if (headOperations != 0) {
            buckets()[index(head)] += headOperations;
            headOperations = 0;
        }
    }

    private void foldPending() {
        if ((acceptedRequests | rejectedNotApproved | rejectedProhibited | rejectedQuota) == 0) {
            return;
        }
        add(head, new long[] {acceptedRequests, acceptedOperations, rejectedNotApproved, rejectedProhibited,
            rejectedQuota});
        acceptedRequests = 0;
        acceptedOperations = 0;
        rejectedNotApproved = 0;
        rejectedProhibited = 0;
        rejectedQuota = 0;
    }

    private void add(long minute, long[] counts) {
        long[] target = pending.computeIfAbsent(minute, m -> new long[FIELDS]);
        for (int i = 0; i < FIELDS; i++) {
            target[i] += counts[i];
        }
    }

    private long retryAfterSeconds(long count, long limit, long nowMillis) {
        if (count > limit) {
            return MINUTES * 60L;
        }
        foldOperations();
        long remaining = total;
        for (long minute = head - MINUTES + 1; minute <= head; minute++) {
            remaining -= operations == null ? 0 : operations[index(minute)];
            if (remaining + count <= limit) {
                long freeAtMillis = (minute + MINUTES) * 60_000L;
                return Math.max(1, (freeAtMillis - nowMillis + 999) / 1000);
            }
        }
        return MINUTES * 60L;
    }

    private long[] buckets() {
        if (operations == null) {
            operations = new long[MINUTES];
        }
        return operations;
    }

    private static int index(long minute) {
        return (int) Math.floorMod(minute, (long) MINUTES);
    }
}
