package dev.tessera.verify;

import dev.tessera.account.ClientAccountDirectory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * This node's in-memory view of client accounts: whether a customer id names a test account. The
 * data plane reads it without a lock and without making an object (issue 18: a boxed {@code Long}
 * key was the one allocation left on a request naming a customer); the account feature writes it
 * after a commit.
 *
 * <p>An open-addressing table of customer ids (0 marks a free slot; no customer id is 0) with a flag
 * beside each, at most half full. Writers take this object's lock and write a flag before its id,
 * with release semantics; readers read the id, then the flag, with acquire semantics, so a reader
 * sees an account's old flag or its new one. A full table is copied into one twice its size,
 * published whole.
 */
public final class ClientAccountIndex implements ClientAccountDirectory {

    private static final VarHandle IDS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle FLAGS = MethodHandles.arrayElementVarHandle(byte[].class);

    /** One generation of the table: ids and their test-account flags, same length, a power of two. */
    private record Table(long[] ids, byte[] test) {
        Table(int slots) {
            this(new long[slots], new byte[slots]);
        }
    }

    private volatile Table table = new Table(64);
    /** Ids in the table; guarded by this. */
    private int size;

    @Override
    public synchronized void register(long customerId, boolean testAccount) {
        if (customerId == 0) {
            return;
        }
        if (put(table, customerId, testAccount)) {
            size++;
            if (size * 2 > table.ids().length) {
                Table bigger = new Table(table.ids().length * 2);
                Table old = table;
                for (int i = 0; i < old.ids().length; i++) {
                    if (old.ids()[i] != 0) {
                        put(bigger, old.ids()[i], old.test()[i] != 0);
                    }
                }
                table = bigger;
            }
        }
    }

    /** Writes the id's flag; true when the id was not in the table. */
    private static boolean put(Table t, long customerId, boolean testAccount) {
        int mask = t.ids().length - 1;
        for (int i = slot(customerId, mask); ; i = (i + 1) & mask) {
            long id = t.ids()[i];
            if (id == customerId || id == 0) {
                FLAGS.setRelease(t.test(), i, (byte) (testAccount ? 1 : 0));
                if (id == 0) {
                    IDS.setRelease(t.ids(), i, customerId);
                    return true;
                }
                return false;
            }
        }
    }

    /** Whether the customer id names a known test account; false for production or unknown ids. Lock-free. */
    public boolean isTestAccount(long customerId) {
        Table t = table;
        int mask = t.ids().length - 1;
        for (int i = slot(customerId, mask); ; i = (i + 1) & mask) {
            long id = (long) IDS.getAcquire(t.ids(), i);
            if (id == customerId && id != 0) {
                return (byte) FLAGS.getAcquire(t.test(), i) != 0;
            }
            if (id == 0) {
                return false;
            }
        }
    }

    public synchronized int size() {
        return size;
    }

    private static int slot(long customerId, int mask) {
        long h = customerId * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
