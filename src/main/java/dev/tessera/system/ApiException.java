package dev.tessera.system;

import org.springframework.http.HttpStatus;

/**
 * A client mistake or a refusal that the management API answers with a problem detail. The message
 * is shown to the client, so it never contains a token, password or pepper.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    protected ApiException(HttpStatus status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    /** 400: the named field of the request is wrong. The message names the field if it does not already. */
    public static ApiException invalid(String field, String message) {
        String named = message.contains("'" + field + "'") ? message : "'" + field + "': " + message;
        return new ApiException(HttpStatus.BAD_REQUEST, field, named);
    }

    /** 404: the thing does not exist, or the caller may not know that it exists. */
    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, null, message);
    }

    /** 403: the caller is known but their role does not allow this. */
    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, null, message);
    }

    /** 409: the request conflicts with the current state. */
    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, null, message);
    }

    public HttpStatus status() {
        return status;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
