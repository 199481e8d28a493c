package dev.tessera.access;

import java.util.function.Consumer;

/**
 * The ledger's windows by key (account and pool), in an open-addressing table read without locks
 * and without boxing the key: the data plane looks a window up on every granted request. Inserts
 * (an account's first request since start) take the table's lock and publish a new array.
 */
final class WindowTable {

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
        for (UsageWindow window : slots) {
            if (window != null) {
                action.accept(window);
            }
        }
    }

    private static UsageWindow find(UsageWindow[] table, long key) {
        int mask = table.length - 1;
        for (int i = spread(key) & mask; ; i = (i + 1) & mask) {
            UsageWindow window = table[i];
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
        // Copy on write: readers see the old array or the new one, both complete.
        UsageWindow[] next = (size + 1) * 2 > table.length ? new UsageWindow[table.length * 2] : table.clone();
        if (next.length != table.length) {
            for (UsageWindow window : table) {
                if (window != null) {
                    place(next, window);
                }
            }
        }
        place(next, created);
        size++;
        slots = next;
        return created;
    }

    private static void place(UsageWindow[] table, UsageWindow window) {
        int mask = table.length - 1;
        int i = spread(window.key) & mask;
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = window;
    }

    private static int spread(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
