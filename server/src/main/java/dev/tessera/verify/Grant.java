package dev.tessera.verify;

import dev.tessera.access.AccessLevel;
import dev.tessera.quota.QuotaLedger;
import dev.tessera.quota.UsageWindow;
import dev.tessera.token.TokenDigest;
import dev.tessera.token.TokenTerm;

/**
 * What an active developer token grants: the manager account it belongs to and its access level,
 * with the token's version. One instance per active token lives in the {@link TokenIndex}, which
 * keys it by the first 16 bytes of the token's digest, held here (the index is a flat table of
 * grants: one object to read per lookup); the data plane returns it as is. Immutable but for one cache: the account's
 * usage window in the {@link QuotaLedger}, looked up on the first counted request and handed on to
 * the grant that replaces this one (reset, level change), so a granted request reaches its quota
 * without a second table lookup. Equality is by account, level and version. 48 bytes on the heap
 * (issue 18: the index holds ten million): the digest's first 128 bits, the account, version and
 * level packed in one int, the term and the usage window. A token that
 * has an end (a rotated-out token in its overlap, or one that expires) carries its {@link TokenTerm};
 * the others carry none, so the valid path reads no clock for them.
 */
public final class Grant implements Verdict {

    /** Versions fit in {@value #VERSION_BITS} bits beside the level (issue 18): 2^28 tokens per account. */
    private static final int LEVEL_BITS = 3;
    private static final int VERSION_BITS = 32 - LEVEL_BITS;
    private static final AccessLevel[] LEVELS = AccessLevel.values();

    /**
     * The first 16 bytes of the token's digest (all zero in a grant made without one), for the
     * index's lookups. 128 bits of an HMAC: among ten million tokens the chance that two share them
     * is about 2^-80, so the index treats these bits as the token's identity.
     */
    private final long k0;
    private final long k1;
    private final long managerCustomerId;
    /** The version shifted left by {@link #LEVEL_BITS}, or'ed with the level's ordinal. */
    private final int versionAndLevel;
    /** When the token stops being valid, or null when it has no end. */
    private final TokenTerm term;
    /** The account's production-pool window, or null until first needed. Windows are never replaced. */
    private volatile UsageWindow usage;

    /**
     * @param version the version of the token in its account's lineage (1 for the first token; 0
     *     when not known)
     */
    public Grant(long managerCustomerId, AccessLevel accessLevel, long version) {
        this(0, 0, managerCustomerId, accessLevel, version, null, null);
    }

    /** The grant of the token with {@code digest}, as the index holds it. */
    Grant(TokenDigest digest, long managerCustomerId, AccessLevel accessLevel, long version, TokenTerm term) {
        this(digest.w0(), digest.w1(), managerCustomerId, accessLevel, version, term, null);
    }

    private Grant(long k0, long k1, long managerCustomerId, AccessLevel accessLevel, long version, TokenTerm term,
            UsageWindow usage) {
        if (accessLevel == null) {
            throw new IllegalArgumentException("A grant names its access level");
        }
        if (version >= 1L << (VERSION_BITS - 1) || version < -(1L << (VERSION_BITS - 1))) {
            throw new IllegalArgumentException("A token version beyond 2^28 does not fit a grant: " + version);
        }
        this.k0 = k0;
        this.k1 = k1;
        this.managerCustomerId = managerCustomerId;
        this.versionAndLevel = (int) version << LEVEL_BITS | accessLevel.ordinal();
        this.term = term;
        this.usage = usage;
    }

    /** The grant of a token whose digest begins with {@code k0} and {@code k1}, as a saved index holds it. */
    static Grant of(long k0, long k1, long managerCustomerId, AccessLevel accessLevel, long version, TokenTerm term) {
        return new Grant(k0, k1, managerCustomerId, accessLevel, version, term, null);
    }

    public static Grant of(long managerCustomerId, AccessLevel accessLevel) {
        return new Grant(managerCustomerId, accessLevel, 0);
    }

    public long managerCustomerId() {
        return managerCustomerId;
    }

    public AccessLevel accessLevel() {
        return LEVELS[versionAndLevel & ((1 << LEVEL_BITS) - 1)];
    }

    public long version() {
        return versionAndLevel >> LEVEL_BITS;
    }

    /** When this token stops being valid (overlap end or expiry), or null when it has no end. */
    public TokenTerm term() {
        return term;
    }

    /** The manager customer id as ten digits, as the {@code Tessera-Manager-Customer-Id} header carries it. */
    public String managerCustomerIdDigits() {
        return Long.toString(managerCustomerId);
    }

    /** The grant of the account's next token or level, keeping the usage window this one found. */
    Grant successor(TokenDigest digest, AccessLevel level, long nextVersion, TokenTerm nextTerm) {
        return new Grant(digest.w0(), digest.w1(), managerCustomerId, level, nextVersion, nextTerm, usage);
    }

    /** The grant of the same token at another level, keeping the usage window this one found. */
    Grant withLevel(AccessLevel level) {
        return new Grant(k0, k1, managerCustomerId, level, version(), term, usage);
    }

    /** Hands this grant, with the given end, to a visitor of the index's active tokens. */
    void visit(dev.tessera.token.ActiveTokens.ActiveVisitor visitor, long endsAtMillis) {
        visitor.visit(managerCustomerId, accessLevel(), version(), k0, k1, endsAtMillis);
    }

    /** Whether this is the grant of the token with {@code digest}: its first 16 bytes, compared in constant time. */
    boolean isFor(TokenDigest digest) {
        return isFor(digest.w0(), digest.w1());
    }

    boolean isFor(long d0, long d1) {
        return ((k0 ^ d0) | (k1 ^ d1)) == 0;
    }

    /** Whether both grants are for the same token digest. */
    boolean sameDigest(Grant other) {
        return isFor(other.k0, other.k1);
    }

    /** Eight bits of the digest that {@link #digestHash} does not use for a table's slot: its tag there. */
    byte digestTag() {
        return GrantTable.tag(k0);
    }

    /** The hash of this grant's digest: {@code digest().hashCode()}, without making the digest. */
    int digestHash() {
        return (int) k0;
    }

    /** The account's production-pool usage window in {@code quotas}, looked up once. */
    UsageWindow usage(QuotaLedger quotas) {
        UsageWindow window = usage;
        if (window == null) {
            usage = window = quotas.window(managerCustomerId);
        }
        return window;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Grant that && managerCustomerId == that.managerCustomerId
                && versionAndLevel == that.versionAndLevel;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(managerCustomerId) * 31 + Long.hashCode(version());
    }

    @Override
    public String toString() {
        return "Grant[managerCustomerId=" + managerCustomerId + ", accessLevel=" + accessLevel() + ", version="
                + version() + "]";
    }
}
