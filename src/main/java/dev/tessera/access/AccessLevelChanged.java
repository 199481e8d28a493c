package dev.tessera.access;

/**
 * Published inside the transaction that changes a manager account's access level. Listeners that
 * keep in-memory state (the data plane's index) apply it after the commit.
 */
public record AccessLevelChanged(long managerCustomerId, AccessLevel from, AccessLevel to) {}
