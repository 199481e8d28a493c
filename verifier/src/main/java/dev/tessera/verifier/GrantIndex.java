package dev.tessera.verifier;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * Digest → grant, as a node's index: a flat table of grants with open addressing (linear probing,
 * at most half full), read without a lock and without making an object; written under this object's
 * lock, versioned per manager account so a state not newer than the one held changes nothing.
 */
final class GrantIndex {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Decision[].class);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final Decision REMOVED = new Decision(0, "REMOVED", -1, Long.MAX_VALUE, false, 0, 0, 0, 0);

    private volatile Decision[] slots = new Decision[64];
    private int used;
    private final Map<Long, Decision> byAccount = new HashMap<>();
    /** Each account's previous token during a rotation's overlap. */
    private final Map<Long, Decision> previous = new HashMap<>();

    /** The grant of the digest's token, or null. Lock-free. */
    Decision find(byte[] digest) {
        long w0 = (long) LONGS.get(digest, 0);
        long w1 = (long) LONGS.get(digest, 8);
        long w2 = (long) LONGS.get(digest, 16);
        long w3 = (long) LONGS.get(digest, 24);
        Decision[] table = slots;
        int mask = table.length - 1;
        for (int i = (int) w0 & mask; ; i = (i + 1) & mask) {
            Decision grant = (Decision) SLOT.getAcquire(table, i);
            if (grant == null) {
                return null;
            }
            if (grant != REMOVED && grant.isFor(w0, w1, w2, w3)) {
                return grant;
            }
        }
    }

    /**
     * The account's active token is {@code digest} at {@code version} with this level, expiring at
     * {@code expiresAtMillis} ({@link Long#MAX_VALUE}: never).
     */
    synchronized void apply(long account, long version, String level, byte[] digest, long expiresAtMillis) {
        Decision held = byAccount.get(account);
        if (held != null && (held.version > version || held.version == version && held.accessLevel().equals(level)
                && held.expiresAtMillis == expiresAtMillis)) {
            return;
        }
        byAccount.put(account, swap(held, new Decision(account, level, version, expiresAtMillis, false, digest)));
    }

    /**
     * During a rotation's overlap, the account's previous token: {@code digest} at {@code version},
     * valid until {@code endMillis}. The feed sends it before the active token, so a token that turns
     * from active to previous stays findable throughout.
     */
    synchronized void applyPrevious(long account, long version, String level, byte[] digest, long endMillis) {
        Decision held = previous.get(account);
        if (held != null && held.version == version && held.accessLevel().equals(level) && held.expiresAtMillis == endMillis) {
            return;
        }
        previous.put(account, swap(held, new Decision(account, level, version, endMillis, true, digest)));
    }

    /** The account's overlap is over (or there was none). */
    synchronized void clearPrevious(long account) {
        Decision held = previous.remove(account);
        if (held != null) {
            replace(held, REMOVED);
        }
    }

    /** The account has no active token any more (and so no overlap). */
    synchronized void remove(long account) {
        Decision held = byAccount.remove(account);
        if (held != null) {
            replace(held, REMOVED);
        }
        clearPrevious(account);
    }

    /** Puts {@code next} in the table and takes {@code held} out; the new grant is findable before the old one goes. */
    private Decision swap(Decision held, Decision next) {
        if ((used + 1) * 2 > slots.length) {
            rebuild();
        }
        if (held != null && held.isFor(next.w0, next.w1, next.w2, next.w3)) {
            replace(held, next);
        } else {
            place(slots, next);
            used++;
            if (held != null) {
                replace(held, REMOVED);
            }
        }
        return next;
    }

    synchronized int size() {
        return byAccount.size();
    }

    private void replace(Decision current, Decision next) {
        Decision[] table = slots;
        int mask = table.length - 1;
        for (int i = (int) current.w0 & mask; ; i = (i + 1) & mask) {
            if (table[i] == current) {
                SLOT.setRelease(table, i, next);
                return;
            }
            if (table[i] == null) {
                throw new IllegalStateException("The index lost a grant it holds");
            }
        }
    }

    /** A new table, four times the live grants (so at most a quarter full), without tombstones. */
    private void rebuild() {
        int live = byAccount.size() + previous.size();
        int capacity = Integer.highestOneBit(Math.max(64, live * 4 + 4) - 1) << 1;
        Decision[] next = new Decision[capacity];
        for (Decision grant : byAccount.values()) {
            place(next, grant);
        }
        for (Decision grant : previous.values()) {
            place(next, grant);
        }
        used = live;
        slots = next;
    }

    private static void place(Decision[] table, Decision grant) {
        int mask = table.length - 1;
        int i = (int) grant.w0 & mask;
        while (table[i] != null && table[i] != REMOVED) {
            i = (i + 1) & mask;
        }
        SLOT.setRelease(table, i, grant);
    }
}
