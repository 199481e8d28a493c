package dev.tessera.system;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The system clock (UTC) for hot paths that need the time on every call but not to the
 * millisecond: {@link #millis()} is one read of a field that a daemon thread refreshes from
 * {@link System#currentTimeMillis()} every {@link #RESOLUTION_MILLIS} ms, instead of a clock read per
 * call. Such a read is cheap while the clock's memory stays in the caches, but measured with a
 * million active tokens it was the largest cost of the quota check: its pages are pushed out of the
 * TLB by the index, so each read misses them (benchmarks/RESULTS.md). The time returned is at most
 * about one resolution behind the system clock, and never moves back on its own account.
 */
public final class CoarseClock extends Clock {

    /** How often the time is refreshed; the daily quota counts by the minute. */
    public static final long RESOLUTION_MILLIS = 10;

    private static final CoarseClock SYSTEM_UTC = new CoarseClock();

    private volatile long millis = System.currentTimeMillis();

    private CoarseClock() {
        Thread ticker = new Thread(this::tick, "tessera-coarse-clock");
        ticker.setDaemon(true);
        ticker.start();
    }

    /** The one coarse UTC clock of this JVM; its thread starts with the first call. */
    public static CoarseClock systemUTC() {
        return SYSTEM_UTC;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException("The coarse clock is UTC only");
    }

    private void tick() {
        while (true) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RESOLUTION_MILLIS));
            millis = System.currentTimeMillis();
        }
    }

    @Override
    public String toString() {
        return "CoarseClock[UTC, " + RESOLUTION_MILLIS + " ms]";
    }
}
