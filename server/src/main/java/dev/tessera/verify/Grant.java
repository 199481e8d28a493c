package dev.tessera.verify;

import dev.tessera.access.AccessLevel;
import dev.tessera.quota.QuotaLedger;
import dev.tessera.quota.UsageWindow;
import dev.tessera.token.TokenDigest;
import dev.tessera.token.TokenTerm;

/**
 * What an active developer token grants: the manager account it belongs to and its access level,
 * with the token's version. One instance per active token lives in the {@link TokenIndex}, which
 * keys it by the token's digest, held here (the index is a flat table of grants: one object to
 * read per lookup); the data plane returns it as is. Immutable but for one cache: the account's
 * usage window in the {@link QuotaLedger}, looked up on the first counted request and handed on to
 * the grant that replaces this one (reset, level change), so a granted request reaches its quota
 * without a second table lookup. Equality is by account, level and version. 72 bytes on the heap
 * (the {@link TokenTerm} reference fills what was padding): the index holds a million. A token that
 * has an end (a rotated-out token in its overlap, or one that expires) carries its {@link TokenTerm};
 * the others carry none, so the valid path reads no clock for them.
 */
public final class Grant implements Verdict {

    private final long managerCustomerId;
    private final AccessLevel accessLevel;
    private final long version;
    /** The token's digest (all zero in a grant made without one), for the index's lookups. */
    private final long w0;
    private final long w1;
    private final long w2;
    private final long w3;
    /** When the token stops being valid, or null when it has no end. */
    private final TokenTerm term;
    /** The account's production-pool window, or null until first needed. Windows are never replaced. */
    private volatile UsageWindow usage;

    /**
     * @param version the version of the token in its account's lineage (1 for the first token; 0
     *     when not known)
     */
    public Grant(long managerCustomerId, AccessLevel accessLevel, long version) {
        this(new TokenDigest(0, 0, 0, 0), managerCustomerId, accessLevel, version, null, null);
    }

    /** The grant of the token with {@code digest}, as the index holds it. */
    Grant(TokenDigest digest, long managerCustomerId, AccessLevel accessLevel, long version, TokenTerm term) {
        this(digest, managerCustomerId, accessLevel, version, term, null);
    }

    private Grant(TokenDigest digest, long managerCustomerId, AccessLevel accessLevel, long version, TokenTerm term,
            UsageWindow usage) {
        if (accessLevel == null) {
            throw new IllegalArgumentException("A grant names its access level");
        }
        this.managerCustomerId = managerCustomerId;
        this.accessLevel = accessLevel;
        this.version = version;
        this.w0 = digest.w0();
        this.w1 = digest.w1();
        this.w2 = digest.w2();
        this.w3 = digest.w3();
        this.term = term;
        this.usage = usage;
    }

    public static Grant of(long managerCustomerId, AccessLevel accessLevel) {
        return new Grant(managerCustomerId, accessLevel, 0);
    }

    public long managerCustomerId() {
        return managerCustomerId;
    }

    public AccessLevel accessLevel() {
        return accessLevel;
    }

    public long version() {
        return version;
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
        return new Grant(digest, managerCustomerId, level, nextVersion, nextTerm, usage);
    }

    /** This grant's token digest. */
    TokenDigest digest() {
        return new TokenDigest(w0, w1, w2, w3);
    }

    /** Whether this is the grant of the token with {@code digest}; compares all bytes, in constant time. */
    boolean isFor(TokenDigest digest) {
        return isFor(digest.w0(), digest.w1(), digest.w2(), digest.w3());
    }

    boolean isFor(long d0, long d1, long d2, long d3) {
        return ((w0 ^ d0) | (w1 ^ d1) | (w2 ^ d2) | (w3 ^ d3)) == 0;
    }

    /** Whether both grants are for the same token digest. */
    boolean sameDigest(Grant other) {
        return isFor(other.w0, other.w1, other.w2, other.w3);
    }

    /** The hash of this grant's digest: {@code digest().hashCode()}, without making the digest. */
    int digestHash() {
        return (int) w0;
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
                && accessLevel == that.accessLevel && version == that.version;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(managerCustomerId) * 31 + Long.hashCode(version);
    }

    @Override
    public String toString() {
        return "Grant[managerCustomerId=" + managerCustomerId + ", accessLevel=" + accessLevel + ", version=" + version
                + "]";
    }
}
