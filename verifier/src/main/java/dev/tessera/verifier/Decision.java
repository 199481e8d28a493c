package dev.tessera.verifier;

/**
 * The verifier's answer for one request: granted, with the manager account and access level the
 * token grants, or refused, with the {@link Refusal}. Grants are the index's own entries and
 * refusals shared constants, so deciding allocates no answer. Immutable.
 */
public final class Decision {

    private static final java.lang.invoke.VarHandle WORDS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    private final Refusal refusal;
    private final long managerCustomerId;
    private final String accessLevel;
    final long version;
    /** When the token stops being valid, epoch ms; {@link Long#MAX_VALUE} when it does not. */
    final long expiresAtMillis;
    /** Whether this is a rotation's previous token, whose end is its overlap's (refused as invalid after it). */
    final boolean previous;
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
        this.previous = false;
        this.w0 = this.w1 = this.w2 = this.w3 = 0;
    }

    /** A grant as the index holds it, keyed by the token's digest. */
    Decision(long managerCustomerId, String accessLevel, long version, long expiresAtMillis, boolean previous, long w0,
            long w1, long w2, long w3) {
        this.refusal = null;
        this.managerCustomerId = managerCustomerId;
        this.accessLevel = accessLevel.intern();
        this.version = version;
        this.expiresAtMillis = expiresAtMillis;
        this.previous = previous;
        this.w0 = w0;
        this.w1 = w1;
        this.w2 = w2;
        this.w3 = w3;
    }

    /** A grant of the token whose digest's 32 bytes are {@code digest}. */
    Decision(long managerCustomerId, String accessLevel, long version, long expiresAtMillis, boolean previous,
            byte[] digest) {
        this(managerCustomerId, accessLevel, version, expiresAtMillis, previous, word(digest, 0), word(digest, 8),
                word(digest, 16), word(digest, 24));
    }

    private static long word(byte[] digest, int at) {
        return (long) WORDS.get(digest, at);
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
