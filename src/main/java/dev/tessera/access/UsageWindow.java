package dev.tessera.access;

import java.util.HashMap;
import java.util.Map;

/**
 * One manager account's data-plane usage over the last 24 hours, in minute buckets, plus the counts
 * not yet written to the database. The window slides a minute at a time: operations admitted in
 * minute {@code m} count against the quota until minute {@code m + 1440}. Thread-safe; each call
 * holds the window's monitor for a few array operations.
 */
final class UsageWindow {

    static final int MINUTES = 24 * 60;

    /** Indexes of a pending-count row, in the column order of {@code usage_minutes}. */
    static final int ACCEPTED_REQUESTS = 0;
    static final int ACCEPTED_OPERATIONS = 1;
    static final int FIELDS = 5;

    /** The ledger's key of this window: account and pool. */
    final long key;

    private final long[] operations = new long[MINUTES];
    private long total;
    private long head = Long.MIN_VALUE;
    private Map<Long, long[]> pending = new HashMap<>(4);
    // The pending row of the minute counted last: the hot path neither boxes nor hashes.
    private long rowMinute = Long.MIN_VALUE;
    private long[] row;

    UsageWindow(long key) {
        this.key = key;
    }

    /**
     * Admits {@code count} operations in {@code minute} if the window stays within {@code limit}.
     *
     * @return 0 when admitted, otherwise the seconds until enough usage slides out of the window
     */
    synchronized long tryAcquire(long count, long limit, long minute, long nowMillis) {
        long at = advance(minute);
        if (total + count > limit) {
            pending(at)[2 + Rejection.QUOTA.ordinal()]++;
            return retryAfterSeconds(count, limit, nowMillis);
        }
        total += count;
        operations[index(at)] += count;
        long[] counts = pending(at);
        counts[ACCEPTED_REQUESTS]++;
        counts[ACCEPTED_OPERATIONS] += count;
        return 0;
    }

    synchronized void reject(Rejection reason, long minute) {
        pending(advance(minute))[2 + reason.ordinal()]++;
    }

    /** Adds usage read back from the database at start, if it is still inside the window. */
    synchronized void load(long minute, long count, long nowMinute) {
        advance(nowMinute);
        if (minute <= head && minute > head - MINUTES) {
            operations[index(minute)] += count;
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
        Map<Long, long[]> drained = pending;
        pending = new HashMap<>(4);
        rowMinute = Long.MIN_VALUE;
        row = null;
        return drained;
    }

    /** Puts back counts that could not be written, so that a database outage loses nothing. */
    synchronized void restore(Map<Long, long[]> unwritten) {
        unwritten.forEach((minute, counts) -> {
            long[] target = pending(minute);
            for (int i = 0; i < FIELDS; i++) {
                target[i] += counts[i];
            }
        });
    }

    /** Moves the window's head to {@code minute}, dropping what slid out; answers the minute to count in. */
    private long advance(long minute) {
        if (head == Long.MIN_VALUE) {
            head = minute;
            return minute;
        }
        if (minute <= head) {
            return head; // a clock that stepped back counts in the newest minute
        }
        long steps = Math.min(minute - head, MINUTES);
        for (long i = 1; i <= steps; i++) {
            int slot = index(head + i);
            total -= operations[slot];
            operations[slot] = 0;
        }
        head = minute;
        return minute;
    }

    private long retryAfterSeconds(long count, long limit, long nowMillis) {
        if (count > limit) {
            return MINUTES * 60L;
        }
        long remaining = total;
        for (long minute = head - MINUTES + 1; minute <= head; minute++) {
            remaining -= operations[index(minute)];
            if (remaining + count <= limit) {
                long freeAtMillis = (minute + MINUTES) * 60_000L;
                return Math.max(1, (freeAtMillis - nowMillis + 999) / 1000);
            }
        }
        return MINUTES * 60L;
    }

    private long[] pending(long minute) {
        if (minute != rowMinute) {
            row = pending.computeIfAbsent(minute, m -> new long[FIELDS]);
            rowMinute = minute;
        }
        return row;
    }

    private static int index(long minute) {
        return (int) Math.floorMod(minute, (long) MINUTES);
    }
}
