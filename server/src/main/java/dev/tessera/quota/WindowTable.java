package dev.tessera.quota;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * The ledger's windows by key (account and pool), in an open-addressing table read without locks
 * and without boxing the key: the data plane looks a window up on a granted request unless it keeps
 * the window with the account. Inserts (an account's first request since start) take the table's
 * lock and write the new window into its slot with release semantics; readers read slots with
 * acquire semantics, so they see either no window or a complete one. Only growth copies the table,
 * so filling it with n windows costs O(n), not O(n²). Windows are never removed.
 */
final class WindowTable {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(UsageWindow[].class);

    private volatile UsageWindow[] slots = new UsageWindow[64];
    private int size;

    /** The window of the key, created on first use. */
    UsageWindow get(long key) {
        UsageWindow found = find(slots, key);
        return found != null ? found : insert(key);
    }

    /** The window of the key, or null when it has none. */
    UsageWindow peek(long key) {
        return find(slots, key);
    }

    void forEach(Consumer<UsageWindow> action) {
        UsageWindow[] table = slots;
        for (int i = 0; i < table.length; i++) {
            UsageWindow window = (UsageWindow) SLOT.getAcquire(table, i);
            if (window != null) {
                action.accept(window);
            }
        }
    }

    private static UsageWindow find(UsageWindow[] table, long key) {
        int mask = table.length - 1;
        for (int i = spread(key) & mask; ; i = (i + 1) & mask) {
            UsageWindow window = (UsageWindow) SLOT.getAcquire(table, i);
            if (window == null || window.key == key) {
                return window;
            }
        }
    }

    private synchronized UsageWindow insert(long key) {
        UsageWindow[] table = slots;
        UsageWindow found = find(table, key);
        if (found != null) {
            return found;
        }
        UsageWindow created = new UsageWindow(key);
        if ((size + 1) * 2 > table.length) {
            // Grow: readers keep probing the old table, complete, until the new one is published.
            UsageWindow[] next = new UsageWindow[table.length * 2];
            for (UsageWindow window : table) {
                if (window != null) {
                    place(next, window);
                }
            }
            place(next, created);
            slots = next;
        } else {
            place(table, created);
        }
        size++;
        return created;
    }

    /** Writes the window into the first free slot of its probe sequence (release: readers see it complete). */
    private static void place(UsageWindow[] table, UsageWindow window) {
        int mask = table.length - 1;
        int i = spread(window.key) & mask;
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        SLOT.setRelease(table, i, window);
    }

    private static int spread(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
