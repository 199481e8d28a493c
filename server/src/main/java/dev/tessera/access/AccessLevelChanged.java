package dev.tessera.access;

import dev.tessera.audit.Actor;

/**
 * Published inside the transaction that changes a manager account's access level. Listeners that
 * keep in-memory state (the data plane's index) apply it after the commit; listeners that write
 * (the contact's notices) join the transaction.
 */
public record AccessLevelChanged(long managerCustomerId, AccessLevel from, AccessLevel to, Actor actor, String reason) {}
