package dev.tessera.verify;

/**
 * Why the data plane refused a request, with the HTTP status, the gRPC-style status and the Google
 * Ads error code that client libraries already understand (see docs/http-contract.md).
 */
public enum RefusalReason implements Refusal {
    PARAMETER_MISSING(400, "INVALID_ARGUMENT", "requestError", "DEVELOPER_TOKEN_PARAMETER_MISSING",
            "The developer token is missing from the request."),
    FIELD_INVALID(400, "INVALID_ARGUMENT", "fieldError", "INVALID_VALUE",
            "The request is not valid: developerToken and service are strings, customerId is a customer id, and operations (or the tessera-operations header) is a positive integer."),
    CUSTOMER_ID_INVALID(400, "INVALID_ARGUMENT", "requestError", "INVALID_CUSTOMER_ID",
            "The customer id is not valid: it has ten digits, written 1234567890 or 123-456-7890."),
    TOKEN_INVALID(401, "UNAUTHENTICATED", "authenticationError", "DEVELOPER_TOKEN_INVALID",
            "The developer token is not valid."),
    /** The token reached its expiry (a per-account expiry or the platform's maximum age; issue 15). */
    TOKEN_EXPIRED(401, "UNAUTHENTICATED", "authenticationError", "DEVELOPER_TOKEN_EXPIRED",
            "The developer token has expired. An admin of the manager account can reset it in the API Center to get a new one."),
    NOT_APPROVED(403, "PERMISSION_DENIED", "authorizationError", "DEVELOPER_TOKEN_NOT_APPROVED",
            "The developer token is only approved for use with test accounts."),
    PROHIBITED(403, "PERMISSION_DENIED", "authorizationError", "DEVELOPER_TOKEN_PROHIBITED",
            "The developer token is not allowed to call this service."),
    QUOTA_EXHAUSTED(429, "RESOURCE_EXHAUSTED", "quotaError", "RESOURCE_EXHAUSTED",
            "The daily operation quota of the developer token is used up."),
    /** This node cannot confirm it is current with the database (its cluster lease lapsed): fail closed. */
    UNAVAILABLE(503, "UNAVAILABLE", "internalError", "TRANSIENT_ERROR",
            "The developer token cannot be checked right now; retry shortly.");

    private final int httpStatus;
    private final String status;
    private final String errorType;
    private final String errorCode;
    private final String message;

    RefusalReason(int httpStatus, String status, String errorType, String errorCode, String message) {
        this.httpStatus = httpStatus;
        this.status = status;
        this.errorType = errorType;
        this.errorCode = errorCode;
        this.message = message;
    }

    @Override
    public RefusalReason reason() {
        return this;
    }

    @Override
    public byte[] errorBody(String requestId) {
        return DataPlaneProtocol.errorBody(this, requestId);
    }

    @Override
    public byte[] errorBodyPrefix() {
        return DataPlaneProtocol.errorBodyPrefix(this);
    }

    @Override
    public byte[] errorBodySuffix() {
        return DataPlaneProtocol.errorBodySuffix(this);
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }

    public String status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }

    public String errorCode() {
        return errorCode;
    }

    public String message() {
        return message;
    }
}
