package dev.tessera.token;

import dev.tessera.access.AccessLevel;

/**
 * Where committed token changes go: the data plane's index of active tokens. The token feature
 * calls it after each commit (and once per active token at start), so the index and the database
 * agree before a reset call returns.
 *
 * <p>Implementations apply a version only if it is newer than the one they hold for the account,
 * and must be thread-safe.
 */
public interface ActiveTokens {

    /** The account's active token is now {@code digest}, at {@code version}, with this level. */
    void activate(long managerCustomerId, long version, TokenDigest digest, AccessLevel accessLevel);

    /** The access level of the account's active token changed. */
    void changeLevel(long managerCustomerId, AccessLevel accessLevel);
}
