package dev.tessera.account;

/**
 * Where committed client accounts go: the data plane's view of which customer ids are test
 * accounts. {@code ClientAccountChanges} calls it for every client account at start and for each one
 * the cluster's change feed announces, on every node. Thread-safe.
 */
public interface ClientAccountDirectory {

    void register(long customerId, boolean testAccount);
}
