package dev.tessera.account;

/**
 * Where committed client accounts go: the data plane's view of which customer ids are test
 * accounts. Called after each commit and once per client account at start. Thread-safe.
 */
public interface ClientAccountDirectory {

    void register(long customerId, boolean testAccount);
}
