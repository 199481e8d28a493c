package dev.tessera.verifier;

/**
 * The verifier's answer for one request: granted, with the manager account and access level the
 * token grants, or refused, with the {@link Refusal}. Grants are the index's own entries and
 * refusals shared constants, so deciding allocates no answer. Immutable.
 */
public final class Decision {

    private final Refusal refusal;
    private final long managerCustomerId;
    private final String accessLevel;
    final long version;
    /** When the token expires, epoch ms; {@link Long#MAX_VALUE} when it does not. */
    final long expiresAtMillis;
    final long w0;
    final long w1;
    final long w2;
    final long w3;

    Decision(Refusal refusal) {
        this.refusal = refusal;
        this.managerCustomerId = 0;
        this.accessLevel = null;
        this.version = 0;
        this.expiresAtMillis = Long.MAX_VALUE;
        this.w0 = this.w1 = this.w2 = this.w3 = 0;
    }

    /** A grant as the index holds it, keyed by the token's digest. */
    Decision(long managerCustomerId, String accessLevel, long version, long expiresAtMillis, long w0, long w1, long w2,
            long w3) {
        this.refusal = null;
        this.managerCustomerId = managerCustomerId;
        this.accessLevel = accessLevel.intern();
        this.version = version;
        this.expiresAtMillis = expiresAtMillis;
        this.w0 = w0;
        this.w1 = w1;
        this.w2 = w2;
        this.w3 = w3;
    }

    public boolean granted() {
        return refusal == null;
    }

    /** Why the request was refused, or null for a grant. */
    public Refusal refusal() {
        return refusal;
    }

    /** The manager account the token belongs to (a grant only; 0 for a refusal). */
    public long managerCustomerId() {
        return managerCustomerId;
    }

    /** The ten digits the {@code Tessera-Manager-Customer-Id} header carries (a grant only). */
    public String managerCustomerIdDigits() {
        return refusal == null ? Long.toString(managerCustomerId) : null;
    }

    /** {@code TEST_ACCOUNT}, {@code EXPLORER}, {@code BASIC} or {@code STANDARD} (a grant only). */
    public String accessLevel() {
        return accessLevel;
    }

    boolean isFor(long d0, long d1, long d2, long d3) {
        return ((w0 ^ d0) | (w1 ^ d1) | (w2 ^ d2) | (w3 ^ d3)) == 0;
    }

    @Override
    public String toString() {
        return refusal == null ? "Decision[granted, managerCustomerId=" + managerCustomerId + ", accessLevel=" + accessLevel + "]"
                : "Decision[" + refusal + "]";
    }
}
