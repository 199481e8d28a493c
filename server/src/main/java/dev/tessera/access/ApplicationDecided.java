package dev.tessera.access;

import dev.tessera.audit.Actor;

/** Published inside the transaction that approves or rejects an access application. */
public record ApplicationDecided(long managerCustomerId, long applicationId, AccessLevel requestedLevel,
        boolean approved, String reason, Actor actor) {}
