package dev.tessera.token;

import dev.tessera.access.AccessLevel;

/**
 * Each account's access level while the active tokens load from PostgreSQL ({@link ActiveTokenCopy}):
 * account ids in a flat array with open addressing and a level's ordinal beside each, nine bytes a slot
 * and no object per account (about 150 MB at ten million accounts, for the seconds of the load). One
 * thread writes it, then reads it.
 */
final class AccountLevels {

    private static final AccessLevel[] LEVELS = AccessLevel.values();
    /** Slots filled at most to three quarters. */
    private static final int MAX_FILL_PERCENT = 75;

    private long[] accounts;
    /** A level's ordinal + 1 in the slot of its account; 0: the slot is free. */
    private byte[] levels;
    private int size;

    AccountLevels(int expected) {
        allocate(capacityFor(Math.max(expected, 16)));
    }

    void put(long account, AccessLevel level) {
        if ((long) (size + 1) * 100 > (long) accounts.length * MAX_FILL_PERCENT) {
            grow();
        }
        if (place(account, (byte) (level.ordinal() + 1))) {
            size++;
        }
    }

    /** The account's level, or null when it has none here. */
    AccessLevel get(long account) {
        int mask = accounts.length - 1;
        for (int slot = slot(account, mask); levels[slot] != 0; slot = (slot + 1) & mask) {
            if (accounts[slot] == account) {
                return LEVELS[levels[slot] - 1];
            }
        }
        return null;
    }

    int size() {
        return size;
    }

    /** Writes the pair in the account's slot or the first free one after it; true when the account is new. */
    private boolean place(long account, byte level) {
        int mask = accounts.length - 1;
        int slot = slot(account, mask);
        while (levels[slot] != 0) {
            if (accounts[slot] == account) {
                levels[slot] = level;
                return false;
            }
            slot = (slot + 1) & mask;
        }
        accounts[slot] = account;
        levels[slot] = level;
        return true;
    }

    private void grow() {
        long[] oldAccounts = accounts;
        byte[] oldLevels = levels;
        allocate(oldAccounts.length * 2);
        for (int i = 0; i < oldAccounts.length; i++) {
            if (oldLevels[i] != 0) {
                place(oldAccounts[i], oldLevels[i]);
            }
        }
    }

    private void allocate(int capacity) {
        accounts = new long[capacity];
        levels = new byte[capacity];
    }

    /** The smallest power of two that holds {@code count} within the fill limit. */
    private static int capacityFor(int count) {
        long wanted = (long) count * 100 / MAX_FILL_PERCENT + 1;
        return (int) Math.min(1 << 30, Long.highestOneBit(wanted - 1) << 1);
    }

    /** Account ids are often consecutive: a multiplicative hash spreads them over the table. */
    private static int slot(long account, int mask) {
        long mixed = account * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ (mixed >>> 32)) & mask;
    }
}
