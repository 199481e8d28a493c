package dev.tessera.verify;

import dev.tessera.account.ClientAccountDirectory;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's in-memory view of client accounts: whether a customer id names a test account. The
 * data plane reads it without a lock; the account feature writes it after a commit.
 */
public final class ClientAccountIndex implements ClientAccountDirectory {

    private final ConcurrentHashMap<Long, Boolean> testAccounts = new ConcurrentHashMap<>();

    @Override
    public void register(long customerId, boolean testAccount) {
        testAccounts.put(customerId, testAccount);
    }

    /** Whether the customer id names a known test account; false for production or unknown ids. */
    public boolean isTestAccount(long customerId) {
        Boolean test = testAccounts.get(customerId);
        return test != null && test;
    }

    public int size() {
        return testAccounts.size();
    }
}
