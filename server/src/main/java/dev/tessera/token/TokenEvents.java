package dev.tessera.token;

import dev.tessera.audit.Actor;
import java.time.Instant;

/**
 * Events the token feature publishes (Spring application events) inside the transaction of the
 * change, for listeners such as webhooks: a listener that writes joins the transaction; one that
 * calls out should wait for the commit ({@code @TransactionalEventListener}). Tokens appear masked
 * only (issue 15).
 */
public final class TokenEvents {

    private TokenEvents() {}

    /** A token was rotated: the new one is active, the previous one works until {@code overlapEndsAt}. */
    public record TokenRotated(long managerCustomerId, String maskedToken, String previousMaskedToken,
            Instant overlapEndsAt, Actor actor) {}

    /**
     * A rotation's overlap is over: the rotated-out token is refused from {@code endedAt} on.
     *
     * @param cause {@code time} (its end came), {@code admin} (ended early), {@code reset} or {@code rotation}
     * @param requests the requests it served during the overlap, as counted in the database so far
     */
    public record OverlapEnded(long managerCustomerId, String maskedToken, Instant endedAt, String cause,
            long requests, Instant lastSeen, Actor actor) {}

    /** An ADMIN set (or, with a null {@code expiresAt}, cleared) the active token's expiry. */
    public record ExpirySet(long managerCustomerId, String maskedToken, Instant expiresAt, Actor actor) {}

    /** The active token expires at {@code expiresAt}; a reminder went to the API contact email. */
    public record TokenExpiring(long managerCustomerId, String maskedToken, Instant expiresAt, int daysBefore) {}
}
