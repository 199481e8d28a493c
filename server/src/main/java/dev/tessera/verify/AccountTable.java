package dev.tessera.verify;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The {@link TokenIndex}'s grants by manager account (issue 18): each account's current grant, or
 * a revoked account's entry, in a flat array with open addressing keyed by the grant's account,
 * four bytes a slot where a {@code ConcurrentHashMap<Long, Grant>} took a node and a boxed key
 * (about 64 bytes an account). Accounts are never removed, so there are no tombstones. {@link #find}
 * takes no lock; {@link #put} is called under the index's lock. Slots are written with release and
 * read with acquire semantics; a grown table is published whole.
 */
final class AccountTable {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Grant[].class);

    private volatile Grant[] slots;
    private int accounts;

    AccountTable(int expectedAccounts) {
        this.slots = new Grant[GrantTable.capacityFor(expectedAccounts)];
    }

    /** The account's grant, or {@code null}. Lock-free. */
    Grant find(long managerCustomerId) {
        Grant[] table = slots;
        int mask = table.length - 1;
        for (int i = hash(managerCustomerId) & mask; ; i = (i + 1) & mask) {
            Grant grant = (Grant) SLOT.getAcquire(table, i);
            if (grant == null || grant.managerCustomerId() == managerCustomerId) {
                return grant;
            }
        }
    }

    /** Makes {@code grant} its account's entry, replacing the one held. */
    void put(Grant grant) {
        Grant[] table = slots;
        int mask = table.length - 1;
        for (int i = hash(grant.managerCustomerId()) & mask; ; i = (i + 1) & mask) {
            Grant held = table[i];
            if (held != null && held.managerCustomerId() == grant.managerCustomerId()) {
                SLOT.setRelease(table, i, grant);
                return;
            }
            if (held == null) {
                break;
            }
        }
        if (GrantTable.overFull(accounts + 1, table.length)) {
            grow(GrantTable.capacityFor(accounts + 1));
        }
        place(slots, grant);
        accounts++;
    }

    /** Calls {@code action} with every grant held, taking no lock: grants put meanwhile may show or not. */
    void forEach(java.util.function.Consumer<Grant> action) {
        Grant[] table = slots;
        for (int i = 0; i < table.length; i++) {
            Grant grant = (Grant) SLOT.getAcquire(table, i);
            if (grant != null) {
                action.accept(grant);
            }
        }
    }

    /** Grows the table now if {@code more} accounts would fill it over three quarters. */
    void reserve(int more) {
        long wanted = (long) accounts + more;
        if (GrantTable.overFull((int) Math.min(Integer.MAX_VALUE, wanted), slots.length)) {
            grow(GrantTable.capacityFor((int) Math.min(1 << 29, wanted)));
        }
    }

    private void grow(int capacity) {
        Grant[] next = new Grant[capacity];
        for (Grant held : slots) {
            if (held != null) {
                place(next, held);
            }
        }
        slots = next;
    }

    private static void place(Grant[] table, Grant grant) {
        int mask = table.length - 1;
        int i = hash(grant.managerCustomerId()) & mask;
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        SLOT.setRelease(table, i, grant);
    }

    /** Spreads customer ids, which are often consecutive, over the slots (Fibonacci hashing). */
    private static int hash(long managerCustomerId) {
        return (int) ((managerCustomerId * 0x9E3779B97F4A7C15L) >>> 32);
    }
}
