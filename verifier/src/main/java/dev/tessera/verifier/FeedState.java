package dev.tessera.verifier;

import java.util.Arrays;
import java.util.Set;

/**
 * What a verifier knows, from one snapshot and the changes after it: the digester (the pepper), the
 * grants, the test accounts and the restricted services. A new snapshot makes a new state, published
 * whole; changes are applied to the current one.
 */
final class FeedState {

    final TokenDigester digester;
    final GrantIndex grants = new GrantIndex();
    /** Lower-cased restricted entries ({@code Service} or {@code Service.Method}) for EXPLORER. */
    final Set<String> restricted;
    /** Sorted ids of the test accounts; copied on write (client accounts change rarely). */
    private volatile long[] testAccounts = new long[0];

    FeedState(TokenDigester digester, Set<String> restricted) {
        this.digester = digester;
        this.restricted = restricted;
    }

    boolean isTestAccount(long customerId) {
        return Arrays.binarySearch(testAccounts, customerId) >= 0;
    }

    synchronized void client(long customerId, boolean test) {
        long[] held = testAccounts;
        int at = Arrays.binarySearch(held, customerId);
        if (test && at < 0) {
            int insert = -at - 1;
            long[] next = new long[held.length + 1];
            System.arraycopy(held, 0, next, 0, insert);
            next[insert] = customerId;
            System.arraycopy(held, insert, next, insert + 1, held.length - insert);
            testAccounts = next;
        } else if (!test && at >= 0) {
            long[] next = new long[held.length - 1];
            System.arraycopy(held, 0, next, 0, at);
            System.arraycopy(held, at + 1, next, at, held.length - at - 1);
            testAccounts = next;
        }
    }

    /** Many clients at once (a snapshot): sorted, without duplicates. */
    synchronized void clients(long[] tests, int count) {
        testAccounts = Arrays.stream(tests, 0, count).sorted().distinct().toArray();
    }
}
