package dev.tessera.verify;

import dev.tessera.access.AccessLevel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The {@link TokenIndex}'s table: a flat array of grants with open addressing (linear probing,
 * rebuilt at three quarters full to half full, so that ten million tokens take 2^24 slots of four
 * bytes; issue 18), each grant holding the first 128 bits of its digest, so that a lookup reads one
 * slot and, in the usual case, one grant. {@link #find} takes no lock; every other method is called under the index's lock.
 * Slots are written with release semantics and read with acquire semantics, so a reader sees a
 * slot's old grant or its new one, complete. A removed grant leaves a tombstone so that probes go on
 * past it; tombstones are swept when the table is rebuilt, in a new array published whole.
 *
 * <p>Beside each slot a byte holds eight more bits of its grant's digest (its tag), written before the
 * slot is published: a probe reads a grant only when the tag matches, so it passes a slot of another
 * token without a trip to that grant's memory (at a load of 0.6, ~0.75 such slots per lookup), for
 * one byte a slot (1.7 B a token at 10⁷).
 */
final class GrantTable {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Grant[].class);
    /** A removed grant's slot: probes continue past it; it matches no digest. */
    private static final Grant REMOVED = new Grant(0, AccessLevel.TEST_ACCOUNT, -1);
    private static final int MIN_SLOTS = 64;

    /** A table's grants and their tags, published together. */
    private record Slots(Grant[] grants, byte[] tags) {
        Slots(int capacity) {
            this(new Grant[capacity], new byte[capacity]);
        }
    }

    private volatile Slots slots;
    /** Live grants and tombstones in {@link #slots}. */
    private int live;
    private int tombstones;

    GrantTable(int expectedTokens) {
        this.slots = new Slots(capacityFor(expectedTokens));
    }

    /** The grant of the digest's first two words, or {@code null}. Lock-free. */
    Grant find(long w0, long w1) {
        Slots table = slots;
        Grant[] grants = table.grants;
        byte[] tags = table.tags;
        int mask = grants.length - 1;
        byte tag = tag(w0);
        // (int) w0 is TokenDigest.hashCode().
        for (int i = (int) w0 & mask; ; i = (i + 1) & mask) {
            Grant grant = (Grant) SLOT.getAcquire(grants, i);
            if (grant == null) {
                return null;
            }
            // read after the slot (acquire): a tag is written before its grant is published
            if (tags[i] == tag && grant != REMOVED && grant.isFor(w0, w1)) {
                return grant;
            }
        }
    }

    /** A digest's tag: its top eight bits, which no table's slot index uses (tables stay under 2^31 slots). */
    static byte tag(long w0) {
        return (byte) (w0 >>> 56);
    }

    /**
     * Puts a grant whose digest is not in the table into a free slot, rebuilding the table first if
     * slots in use (grants and tombstones) would be over three quarters.
     */
    void insert(Grant grant) {
        if (overFull(live + tombstones + 1, slots.grants.length)) {
            rebuild(capacityFor(live + 1));
        }
        if (place(slots, grant)) {
            tombstones--;
        }
        live++;
    }

    /** Overwrites the slot holding {@code current} (found by identity) with {@code next}. */
    void replace(Grant current, Grant next) {
        Slots table = slots;
        int mask = table.grants.length - 1;
        for (int i = current.digestHash() & mask; ; i = (i + 1) & mask) {
            Object slot = table.grants[i];
            if (slot == current) {
                if (next != REMOVED) {
                    table.tags[i] = next.digestTag();
                }
                SLOT.setRelease(table.grants, i, next);
                return;
            }
            if (slot == null) {
                throw new IllegalStateException("The index lost a grant it holds");
            }
        }
    }

    /** Rebuilds the table now if {@code more} grants would fill it over three quarters, so that inserting them rebuilds nothing. */
    void reserve(int more) {
        long wanted = (long) live + tombstones + more;
        if (overFull((int) Math.min(Integer.MAX_VALUE, wanted), slots.grants.length)) {
            rebuild(capacityFor((int) Math.min(1 << 29, (long) live + more)));
        }
    }

    /** Copies the live grants into a new table of {@code capacity} slots (no tombstones) and publishes it. */
    private void rebuild(int capacity) {
        Slots next = new Slots(Math.max(capacity, slots.grants.length));
        for (Grant grant : slots.grants) {
            if (grant != null && grant != REMOVED) {
                place(next, grant);
            }
        }
        tombstones = 0;
        slots = next;
    }

    /**
     * Writes the grant into the first free slot or tombstone of its probe sequence (its digest is not
     * in the table), its tag first; returns whether that was a tombstone.
     */
    private static boolean place(Slots table, Grant grant) {
        Grant[] grants = table.grants;
        int mask = grants.length - 1;
        int i = grant.digestHash() & mask;
        while (grants[i] != null && grants[i] != REMOVED) {
            i = (i + 1) & mask;
        }
        boolean tombstone = grants[i] == REMOVED;
        table.tags[i] = grant.digestTag();
        SLOT.setRelease(grants, i, grant);
        return tombstone;
    }

    /** Whether {@code used} slots of {@code capacity} are over the three quarters a table fills to. */
    static boolean overFull(int used, int capacity) {
        return used > capacity - (capacity >>> 2);
    }

    /** Slots for {@code tokens} grants at most half full: a power of two, 64 or more. */
    static int capacityFor(int tokens) {
        long wanted = Math.max(MIN_SLOTS, 2L * tokens);
        return (int) Math.min(1 << 30, Long.highestOneBit(wanted - 1) << 1);
    }

    /** Takes a grant out: its slot becomes a tombstone. */
    void remove(Grant grant) {
        replace(grant, REMOVED);
        live--;
        tombstones++;
    }

    int size() {
        return live;
    }
}
