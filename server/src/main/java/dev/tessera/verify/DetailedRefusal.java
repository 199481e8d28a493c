package dev.tessera.verify;

import dev.tessera.access.AccessLevel;
import java.util.Locale;

/**
 * A refusal whose message is its own: a restricted service (named), a used-up quota (with the delay
 * after which a retry can succeed), or a listener's own refusal of a request it cannot read. Its
 * error body is encoded once, when it is made; the {@link Verifier} keeps the ones it makes in a
 * small cache ({@link RefusalCache}), so a client refused again and again costs no new one.
 * Immutable.
 */
public final class DetailedRefusal implements Refusal {

    private final RefusalReason reason;
    private final String message;
    private final long retryAfterSeconds;
    private final String rateName;
    private final byte[] prefix;
    private final byte[] suffix;
    /** What the cache compares: the level and the daily limit (quota), or the service entry (prohibited). */
    final AccessLevel level;
    final long limit;
    final String service;

    public DetailedRefusal(RefusalReason reason, String message, long retryAfterSeconds, String rateName) {
        this(reason, message, retryAfterSeconds, rateName, null, 0, null);
    }

    private DetailedRefusal(RefusalReason reason, String message, long retryAfterSeconds, String rateName,
            AccessLevel level, long limit, String service) {
        this.reason = reason;
        this.message = message;
        this.retryAfterSeconds = retryAfterSeconds;
        this.rateName = rateName;
        this.level = level;
        this.limit = limit;
        this.service = service;
        byte[][] parts = DataPlaneProtocol.errorBodyParts(reason, message, retryAfterSeconds, rateName);
        this.prefix = parts[0];
        this.suffix = parts[1];
    }

    static DetailedRefusal prohibited(String service, AccessLevel level) {
        return new DetailedRefusal(RefusalReason.PROHIBITED, "The developer token is not allowed to call " + service + " with "
                + level + " access; apply for BASIC access.", 0, null, level, 0, service);
    }

    static DetailedRefusal quotaExhausted(long retryAfterSeconds, AccessLevel level, long limit) {
        return new DetailedRefusal(RefusalReason.QUOTA_EXHAUSTED, "The daily operation quota of the developer token (" + limit
                + " operations in 24 hours at " + level + " access) is used up; retry in " + retryAfterSeconds + " s.",
                retryAfterSeconds, "Number of operations for " + level.name().toLowerCase(Locale.ROOT) + " access",
                level, limit, null);
    }

    @Override
    public RefusalReason reason() {
        return reason;
    }

    public String message() {
        return message;
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public String rateName() {
        return rateName;
    }

    @Override
    public byte[] errorBody(String requestId) {
        return DataPlaneProtocol.join(prefix, requestId, suffix);
    }

    @Override
    public byte[] errorBodyPrefix() {
        return prefix;
    }

    @Override
    public byte[] errorBodySuffix() {
        return suffix;
    }

    @Override
    public String toString() {
        return "DetailedRefusal[" + reason + ", " + message + "]";
    }
}
