package dev.tessera.verifier;

import java.nio.charset.StandardCharsets;

/**
 * Why the verifier refused a request: the same statuses, codes and messages as the Tessera data
 * plane (docs/http-contract.md), so a client library reads an embedded refusal as a server's.
 */
public enum Refusal {
    PARAMETER_MISSING(400, "INVALID_ARGUMENT", "requestError", "DEVELOPER_TOKEN_PARAMETER_MISSING",
            "The developer token is missing from the request."),
    CUSTOMER_ID_INVALID(400, "INVALID_ARGUMENT", "requestError", "INVALID_CUSTOMER_ID",
            "The customer id is not valid: it has ten digits, written 1234567890 or 123-456-7890."),
    TOKEN_INVALID(401, "UNAUTHENTICATED", "authenticationError", "DEVELOPER_TOKEN_INVALID",
            "The developer token is not valid."),
    /** The token's expiry (an ADMIN's, or the platform's maximum age) has passed. */
    TOKEN_EXPIRED(401, "UNAUTHENTICATED", "authenticationError", "DEVELOPER_TOKEN_EXPIRED",
            "The developer token has expired. An admin of the manager account can reset it in the API Center to get a new one."),
    NOT_APPROVED(403, "PERMISSION_DENIED", "authorizationError", "DEVELOPER_TOKEN_NOT_APPROVED",
            "The developer token is only approved for use with test accounts."),
    PROHIBITED(403, "PERMISSION_DENIED", "authorizationError", "DEVELOPER_TOKEN_PROHIBITED",
            "The developer token is not allowed to call this service."),
    /** The verifier cannot confirm it is current with Tessera (its lease lapsed): fail closed. */
    UNAVAILABLE(503, "UNAVAILABLE", "internalError", "TRANSIENT_ERROR",
            "The developer token cannot be checked right now; retry shortly.");

    private static final String FAILURE_TYPE = "type.googleapis.com/google.ads.googleads.v23.errors.GoogleAdsFailure";

    private final int httpStatus;
    private final String status;
    private final String errorType;
    private final String errorCode;
    private final String message;
    private final Decision decision;

    Refusal(int httpStatus, String status, String errorType, String errorCode, String message) {
        this.httpStatus = httpStatus;
        this.status = status;
        this.errorType = errorType;
        this.errorCode = errorCode;
        this.message = message;
        this.decision = new Decision(this);
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The gRPC-style status name, e.g. {@code UNAUTHENTICATED}. */
    public String status() {
        return status;
    }

    /** The Google Ads error code, e.g. {@code DEVELOPER_TOKEN_INVALID}. */
    public String errorCode() {
        return errorCode;
    }

    public String message() {
        return message;
    }

    /** The shared decision of this refusal. */
    Decision decision() {
        return decision;
    }

    /** The Google-Ads-shaped JSON error body, as the data plane writes it. */
    public String errorBody(String requestId) {
        return "{\"error\":{\"code\":" + httpStatus + ",\"message\":\"" + message + "\",\"status\":\"" + status
                + "\",\"details\":[{\"@type\":\"" + FAILURE_TYPE + "\",\"errors\":[{\"errorCode\":{\"" + errorType
                + "\":\"" + errorCode + "\"},\"message\":\"" + message + "\"}],\"requestId\":\"" + requestId + "\"}]}}";
    }

    public byte[] errorBodyBytes(String requestId) {
        return errorBody(requestId).getBytes(StandardCharsets.UTF_8);
    }
}
