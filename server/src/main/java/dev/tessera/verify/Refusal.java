package dev.tessera.verify;

/**
 * A refused data-plane request: what every listener needs to answer it the Google Ads way.
 * Either a {@link RefusalReason} (fixed message) or a {@link DetailedRefusal} (message and retry delay of its own).
 */
public sealed interface Refusal extends Verdict permits RefusalReason, DetailedRefusal {

    RefusalReason reason();

    default int httpStatus() {
        return reason().httpStatus();
    }

    /** Seconds after which a retry can succeed ({@code Retry-After}), or 0 when waiting will not help. */
    default long retryAfterSeconds() {
        return 0;
    }

    /** The Google Ads error body, with this request's id. */
    byte[] errorBody(String requestId);

    /**
     * The error body's bytes before the request id, encoded once per refusal: a listener writes
     * prefix, id and {@link #errorBodySuffix} without building the body. Never modify the array.
     */
    byte[] errorBodyPrefix();

    /** The error body's bytes after the request id; never modify the array. */
    byte[] errorBodySuffix();
}
