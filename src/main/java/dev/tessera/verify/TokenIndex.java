package dev.tessera.verify;

import dev.tessera.access.AccessLevel;
import dev.tessera.token.ActiveTokens;
import dev.tessera.token.ActiveTokens.Held;
import dev.tessera.token.TokenDigest;
import dev.tessera.token.TokenHasher;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's in-memory index of active developer tokens: digest → {@link Grant}. Reads take no
 * lock and do no I/O. Writes are versioned per manager account: {@link #apply} ignores a state
 * older than the one held, so late writers and catch-up converge on the newest committed token, and
 * a replaced digest is gone once the call returns. During a rotation's overlap an account has two
 * grants, the rotated-out one carrying its end ({@code TokenTerm}), until {@link #sweep} (issue 15).
 *
 * <p>The table is a flat array of grants with open addressing (linear probing, at most half full),
 * each grant holding its digest: a lookup reads one slot and, in the usual case, one grant, where a
 * {@link ConcurrentHashMap} reads a node, a key object and then the value, which at a million tokens
 * are each a trip to memory. Writers take this object's lock; they write slots with release
 * semantics and readers read them with acquire semantics, so a reader sees a slot's old grant or
 * its new one, complete. A removed grant leaves a tombstone so that probes go on past it; tombstones
 * are swept when the table is rebuilt, which happens in a new array published whole.
 */
public final class TokenIndex implements ActiveTokens {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Grant[].class);
    /** Reads a digest's bytes as TokenDigest.of does. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** A removed grant's slot: probes continue past it; it matches no digest. */
    private static final Grant REMOVED = new Grant(0, AccessLevel.TEST_ACCOUNT, -1);
    private static final int MIN_SLOTS = 64;

    // About 150 bytes per active token at a million (benchmarks/RESULTS.md): two to four slots (8-16
    // bytes), the grant (72) and the by-account map's node and Long (64).
    private volatile Grant[] slots;
    /** Live grants and tombstones in {@link #slots}; guarded by this. */
    private int live;
    private int tombstones;
    /** Each account's current grant: for writers, and for {@link #version}. */
    private final ConcurrentHashMap<Long, Grant> byAccount;
    /** Each account's rotated-out grant during an overlap (issue 15); guarded by this. */
    private final java.util.HashMap<Long, Grant> rotatedOutGrants = new java.util.HashMap<>();

    public TokenIndex() {
        this(16);
    }

    public TokenIndex(int expectedTokens) {
        this.slots = new Grant[capacityFor(expectedTokens)];
        this.byAccount = new ConcurrentHashMap<>(Math.max(16, (int) (expectedTokens / 0.75f) + 1));
    }

    /** The grant of an active token, or {@code null}. Lock-free. */
    public Grant find(TokenDigest digest) {
        return find(digest.w0(), digest.w1(), digest.w2(), digest.w3());
    }

    /** {@link #find(TokenDigest)} of a digest's 32 bytes ({@link TokenHasher#digestBytes}), making no object. */
    public Grant find(byte[] digest) {
        return find((long) LONGS.get(digest, 0), (long) LONGS.get(digest, 8), (long) LONGS.get(digest, 16),
                (long) LONGS.get(digest, 24));
    }

    private Grant find(long w0, long w1, long w2, long w3) {
        Grant[] table = slots;
        int mask = table.length - 1;
        // (int) w0 is TokenDigest.hashCode().
        for (int i = (int) w0 & mask; ; i = (i + 1) & mask) {
            Grant grant = (Grant) SLOT.getAcquire(table, i);
            if (grant == null) {
                return null;
            }
            if (grant != REMOVED && grant.isFor(w0, w1, w2, w3)) {
                return grant;
            }
        }
    }

    @Override
    public synchronized void apply(long managerCustomerId, AccessLevel level, Held active, Held rotatedOut) {
        Grant held = byAccount.get(managerCustomerId);
        if (held != null && held.version() > active.version()) {
            return;
        }
        Grant old = rotatedOutGrants.get(managerCustomerId);
        Grant nextActive = next(managerCustomerId, level, active, held, old);
        Grant nextOld = rotatedOut == null ? null : next(managerCustomerId, level, rotatedOut, held, old);
        // What stays or comes is findable before what goes is gone: no instant without a valid token.
        settle(held, old, nextActive);
        if (nextOld != null) {
            settle(held, old, nextOld);
        }
        drop(held, nextActive, nextOld);
        drop(old, nextActive, nextOld);
        byAccount.put(managerCustomerId, nextActive);
        if (nextOld == null) {
            rotatedOutGrants.remove(managerCustomerId);
        } else {
            rotatedOutGrants.put(managerCustomerId, nextOld);
        }
    }

    @Override
    public synchronized void sweep(long managerCustomerId, long version) {
        Grant old = rotatedOutGrants.get(managerCustomerId);
        if (old != null && old.version() == version) {
            rotatedOutGrants.remove(managerCustomerId);
            remove(old);
        }
    }

    /**
     * Makes {@code digest} the account's active token at {@code version}, without an end and ending
     * any overlap. A version not newer than the one held is ignored.
     */
    public synchronized void activate(long managerCustomerId, long version, TokenDigest digest, AccessLevel accessLevel) {
        Grant held = byAccount.get(managerCustomerId);
        if (held == null || held.version() < version) {
            apply(managerCustomerId, accessLevel, new Held(version, digest, null), null);
        }
    }

    /** The grant {@code wanted} calls for: a held grant of its digest when it already says the same, else a new one. */
    private static Grant next(long account, AccessLevel level, Held wanted, Grant held, Grant old) {
        Grant same = held != null && held.isFor(wanted.digest()) ? held
                : old != null && old.isFor(wanted.digest()) ? old : null;
        if (same != null && same.version() == wanted.version() && same.accessLevel() == level
                && same.term() == wanted.term()) {
            return same;
        }
        Grant base = held != null ? held : old;
        return base == null
                ? new Grant(wanted.digest(), account, level, wanted.version(), wanted.term())
                : base.successor(wanted.digest(), level, wanted.version(), wanted.term());
    }

    /** Puts {@code next} in the table: over the slot of the held grant of its digest, else in a free slot. */
    private void settle(Grant held, Grant old, Grant next) {
        if (next == held || next == old) {
            return;
        }
        Grant same = held != null && held.sameDigest(next) ? held : old != null && old.sameDigest(next) ? old : null;
        if (same != null) {
            replace(same, next);
        } else {
            insert(next);
        }
    }

    /** Removes {@code current} unless it is wanted still or a wanted grant took its slot. */
    private void drop(Grant current, Grant wanted, Grant wantedOld) {
        if (current != null && !current.sameDigest(wanted) && (wantedOld == null || !current.sameDigest(wantedOld))) {
            remove(current);
        }
    }

    private void remove(Grant grant) {
        replace(grant, REMOVED);
        live--;
        tombstones++;
    }

    /** Changes the level of the account's active token, if it has one. */
    public synchronized void changeLevel(long managerCustomerId, AccessLevel accessLevel) {
        Grant held = byAccount.get(managerCustomerId);
        if (held != null) {
            Grant next = held.successor(held.digest(), accessLevel, held.version(), held.term());
            replace(held, next);
            byAccount.put(managerCustomerId, next);
        }
    }

    /** The version of the account's active token in this index, or 0 when it holds none. */
    public long version(long managerCustomerId) {
        Grant grant = byAccount.get(managerCustomerId);
        return grant == null ? 0 : grant.version();
    }

    public synchronized int size() {
        return live;
    }

    /**
     * Puts a grant whose digest is not in the table into a free slot, rebuilding the table first if
     * slots in use (grants and tombstones) would be over half.
     */
    private void insert(Grant grant) {
        if ((live + tombstones + 1) * 2 > slots.length) {
            rebuild(capacityFor(live + 1));
        }
        if (place(slots, grant)) {
            tombstones--;
        }
        live++;
    }

    /** Overwrites the slot holding {@code current} (found by identity) with {@code next}. */
    private void replace(Grant current, Grant next) {
        Grant[] table = slots;
        int mask = table.length - 1;
        for (int i = current.digestHash() & mask; ; i = (i + 1) & mask) {
            Object slot = table[i];
            if (slot == current) {
                SLOT.setRelease(table, i, next);
                return;
            }
            if (slot == null) {
                throw new IllegalStateException("The index lost a grant it holds");
            }
        }
    }

    /** Copies the live grants into a new table of {@code capacity} slots (no tombstones) and publishes it. */
    private void rebuild(int capacity) {
        Grant[] next = new Grant[Math.max(capacity, slots.length)];
        for (Grant grant : slots) {
            if (grant != null && grant != REMOVED) {
                place(next, grant);
            }
        }
        tombstones = 0;
        slots = next;
    }

    /**
     * Writes the grant into the first free slot or tombstone of its probe sequence (its digest is not
     * in the table); returns whether that was a tombstone.
     */
    private static boolean place(Grant[] table, Grant grant) {
        int mask = table.length - 1;
        int i = grant.digestHash() & mask;
        while (table[i] != null && table[i] != REMOVED) {
            i = (i + 1) & mask;
        }
        boolean tombstone = table[i] == REMOVED;
        SLOT.setRelease(table, i, grant);
        return tombstone;
    }

    /** Slots for {@code tokens} grants at most half full. */
    private static int capacityFor(int tokens) {
        long wanted = Math.max(MIN_SLOTS, 2L * tokens);
        return (int) Math.min(1 << 30, Long.highestOneBit(wanted - 1) << 1);
    }
}
