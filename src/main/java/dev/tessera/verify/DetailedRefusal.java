package dev.tessera.verify;

import dev.tessera.access.AccessLevel;

/**
 * A refusal whose message is its own: a restricted service (named) or a used-up quota (with the
 * delay after which a retry can succeed). Allocated only on those paths.
 */
public record DetailedRefusal(RefusalReason reason, String message, long retryAfterSeconds, String rateName) implements Refusal {

    static DetailedRefusal prohibited(String service, AccessLevel level) {
        return new DetailedRefusal(RefusalReason.PROHIBITED, "The developer token is not allowed to call " + service + " with "
                + level + " access; apply for BASIC access.", 0, null);
    }

    static DetailedRefusal quotaExhausted(long retryAfterSeconds, AccessLevel level, long limit) {
        return new DetailedRefusal(RefusalReason.QUOTA_EXHAUSTED, "The daily operation quota of the developer token (" + limit
                + " operations in 24 hours at " + level + " access) is used up; retry in " + retryAfterSeconds + " s.",
                retryAfterSeconds, "Number of operations for " + level.name().toLowerCase(java.util.Locale.ROOT) + " access");
    }

    @Override
    public byte[] errorBody(String requestId) {
        return DataPlaneProtocol.errorBody(reason, message, retryAfterSeconds, rateName, requestId);
    }
}
