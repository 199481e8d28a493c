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
    /** This node's share of the cluster's budget for this window (with a {@link BudgetSource}). */
    private final WindowBudget budget = new WindowBudget();

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
            long refused = budget.charge(this, count, limit, nowMillis, cluster);
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

    /** What this node owes the cluster's budget (admitted on credit), 0 when it owes nothing. */
    synchronized long debt() {
        return budget.debt();
    }

    /** The cluster's answer: {@code granted} more operations, or none until {@code exhaustedUntil} (epoch ms). */
    synchronized void addBudget(long granted, long exhaustedUntil) {
        budget.add(granted, exhaustedUntil);
        notifyAll();
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
