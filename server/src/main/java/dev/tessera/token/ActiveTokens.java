package dev.tessera.token;

import dev.tessera.access.AccessLevel;

/**
 * Where a node keeps the active tokens: the data plane's index. The token feature's
 * {@code TokenChanges} brings it up to the database's state, from the cluster's change feed, after
 * every committed issue, reset, rotation, level or expiry change (on every node, this one included)
 * and once for every active token at start.
 *
 * <p>Implementations must be thread-safe and idempotent: a state older than the one held is ignored.
 */
public interface ActiveTokens {

    /** One token of a lineage as the index holds it: its version, digest and term (null: no end). */
    record Held(long version, TokenDigest digest, TokenTerm term) {}

    /**
     * The lineage's whole state: its active token and, during a rotation's overlap, the rotated-out
     * token ({@code rotatedOut}, else null), both at this level. Afterwards the index holds exactly
     * these tokens of the account; a token that stays is findable throughout, and a new one is
     * findable before a replaced one goes. A state whose active version is older than the held one
     * is ignored.
     */
    void apply(long managerCustomerId, AccessLevel accessLevel, Held active, Held rotatedOut);

    /** {@link #apply(long, AccessLevel, Held, Held)} of an active token without an end and no overlap. */
    default void apply(long managerCustomerId, long version, TokenDigest digest, AccessLevel accessLevel) {
        apply(managerCustomerId, accessLevel, new Held(version, digest, null), null);
    }

    /**
     * Forgets the account's rotated-out token of {@code version}, whose overlap has ended (it is
     * refused from its end on anyway; this frees its slot). Nothing when the index holds another.
     */
    void sweep(long managerCustomerId, long version);

    /**
     * The account's token at {@code version} was revoked and it has no active token: the held token
     * of that version (or older), and a rotated-out one, stop being found. A later {@link #apply} of a
     * newer version (the account's next token) makes it active again; its usage so far stays counted.
     */
    void revoke(long managerCustomerId, long version);

    /** An account's active token as the index holds it, for {@link #forEachActive}. */
    @FunctionalInterface
    interface ActiveVisitor {
        /**
         * @param digest0 the digest's first eight bytes; {@code digest1} the next eight: the index
         *     keeps the first 128 bits of a digest, which identify a token among ten million
         * @param endsAtMillis the token's expiry, or {@link Long#MAX_VALUE} when it has none
         */
        void visit(long managerCustomerId, AccessLevel accessLevel, long version, long digest0, long digest1,
                long endsAtMillis);
    }

    /**
     * Calls the visitor with every account's active token (not a revoked account's, not a rotated-out
     * token) on the calling thread, taking no lock: changes applied meanwhile may show or not, each
     * account's entry seen whole, as it was before or after a change (issue 18's saved index).
     */
    void forEachActive(ActiveVisitor visitor);

    /** Tokens to load: hands each to the visitor, on the calling thread. */
    @FunctionalInterface
    interface ActiveSource {
        void forEach(ActiveVisitor visitor) throws java.io.IOException;
    }

    /**
     * Loads about {@code count} active tokens at start, each without an overlap, as {@link #apply}
     * would, but in bulk: room is made for all first, and a token of an account the index does not
     * hold yet goes straight into its tables (issue 18: ten million in a few seconds).
     */
    void load(int count, ActiveSource source) throws java.io.IOException;
}
