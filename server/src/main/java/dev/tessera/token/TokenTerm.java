package dev.tessera.token;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * When a token in the data plane's index stops being valid, and why: the end of a rotation's
 * overlap (the token was replaced; it is then refused as invalid) or its expiry (refused as
 * expired). A token without an end has no term. The data plane compares {@link #endsAtMillis} with
 * the clock its quota ledger reads, so every node refuses the token from the same instant, the one
 * that travelled through the change feed.
 *
 * <p>A rotated-out token's term also counts the requests it still served and when it was last seen,
 * in this node's memory; {@code OverlapUsage} adds the counts to the database. Counting takes no lock
 * and allocates nothing. Thread-safe.
 */
public final class TokenTerm {

    private static final VarHandle SERVED;
    private static final VarHandle LAST_SEEN;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SERVED = lookup.findVarHandle(TokenTerm.class, "served", long.class);
            LAST_SEEN = lookup.findVarHandle(TokenTerm.class, "lastSeenMillis", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long endsAtMillis;
    private final boolean expiry;
    private final boolean counted;
    @SuppressWarnings("unused") // through SERVED
    private volatile long served;
    @SuppressWarnings("unused") // through LAST_SEEN
    private volatile long lastSeenMillis;
    /** What {@code OverlapUsage} has written to the database; its thread only. */
    long flushedServed;
    long flushedLastSeenMillis;

    private TokenTerm(long endsAtMillis, boolean expiry, boolean counted) {
        this.endsAtMillis = endsAtMillis;
        this.expiry = expiry;
        this.counted = counted;
    }

    /** An active token that expires at {@code expiresAtMillis}. */
    public static TokenTerm expiring(long expiresAtMillis) {
        return new TokenTerm(expiresAtMillis, true, false);
    }

    /**
     * A rotated-out token, valid until {@code overlapEndsMillis} unless it expires first, whose uses
     * are counted.
     */
    public static TokenTerm overlap(long overlapEndsMillis, long expiresAtMillis) {
        return expiresAtMillis < overlapEndsMillis
                ? new TokenTerm(expiresAtMillis, true, true)
                : new TokenTerm(overlapEndsMillis, false, true);
    }

    /** The first instant (epoch milliseconds) at which the token is refused. */
    public long endsAtMillis() {
        return endsAtMillis;
    }

    /** Whether the token is refused as expired at its end (else as invalid: it was replaced). */
    public boolean expiry() {
        return expiry;
    }

    /** Whether the token is valid at {@code nowMillis}. */
    public boolean admits(long nowMillis) {
        return nowMillis < endsAtMillis;
    }

    /** Counts one request the token served at {@code nowMillis}, if its uses are counted. */
    public void recordUse(long nowMillis) {
        if (counted) {
            SERVED.getAndAdd(this, 1L);
            if ((long) LAST_SEEN.getOpaque(this) < nowMillis) {
                LAST_SEEN.setOpaque(this, nowMillis);
            }
        }
    }

    /** Requests served on this node since this term was loaded. */
    public long served() {
        return (long) SERVED.getVolatile(this);
    }

    /** When this node last saw the token (epoch milliseconds), 0 when never. */
    public long lastSeenMillis() {
        return (long) LAST_SEEN.getVolatile(this);
    }

    /** Same end and kind: a term that need not replace this one in the index. */
    boolean sameAs(TokenTerm other) {
        return other != null && endsAtMillis == other.endsAtMillis && expiry == other.expiry && counted == other.counted;
    }

    @Override
    public String toString() {
        return "TokenTerm[endsAtMillis=" + endsAtMillis + (expiry ? ", expiry" : ", overlap") + "]";
    }
}
