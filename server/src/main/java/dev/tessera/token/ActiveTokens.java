package dev.tessera.token;

import dev.tessera.access.AccessLevel;

/**
 * Where a node keeps the active tokens: the data plane's index. The token feature's
 * {@code TokenChanges} brings it up to the database's state, from the cluster's change feed, after
 * every committed issue, reset or level change (on every node, this one included) and once for every
 * active token at start.
 *
 * <p>Implementations must be thread-safe and idempotent: a state not newer than the one held is ignored.
 */
public interface ActiveTokens {

    /**
     * The account's active token is {@code digest}, at {@code version}, with this level. A newer
     * version replaces the held token; the same version with another level changes the level.
     */
    void apply(long managerCustomerId, long version, TokenDigest digest, AccessLevel accessLevel);

    /**
     * The account's token at {@code version} was revoked and it has no active token: the held token
     * of that version (or older) stops being found. A later {@link #apply} of a newer version (the
     * account's next token) makes it active again; the account's usage so far stays counted.
     */
    void revoke(long managerCustomerId, long version);
}
