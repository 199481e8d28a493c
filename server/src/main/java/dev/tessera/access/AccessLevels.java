package dev.tessera.access;

import java.util.Optional;

/**
 * Where an account's access level is stored. It lives on the account's token lineage, so that a
 * reset keeps it; the token feature owns that table and implements this interface, so access
 * changes the level without writing another feature's table. Calls join the caller's transaction.
 */
public interface AccessLevels {

    /** The account's current level, locked until the transaction ends; empty before its first token. */
    Optional<AccessLevel> lock(long account);

    /** The account's current level; empty before its first token. */
    Optional<AccessLevel> current(long account);

    /** Sets the level of an account that has a token lineage. */
    void set(long account, AccessLevel level);
}
