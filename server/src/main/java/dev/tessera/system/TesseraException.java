package dev.tessera.system;

/**
 * A client mistake or a refusal, said in the domain's words: the thing is not found, the request
 * conflicts with the current state, a named field is invalid, or the caller's role forbids it. It
 * carries no HTTP type; the web layer's advice maps each kind to a status and a problem detail. The
 * message is shown to the client, so it never contains a token, password or pepper.
 */
public abstract sealed class TesseraException extends RuntimeException {

    private TesseraException(String message) {
        super(message, null, false, false);
    }

    /** The thing does not exist, or the caller may not know that it exists. */
    public static final class NotFound extends TesseraException {
        NotFound(String message) {
            super(message);
        }
    }

    /** The request conflicts with the current state. */
    public static final class Conflict extends TesseraException {
        Conflict(String message) {
            super(message);
        }
    }

    /** The caller is known, but their role does not allow this. */
    public static final class Forbidden extends TesseraException {
        Forbidden(String message) {
            super(message);
        }
    }

    /** A named field of the request is wrong. */
    public static final class InvalidField extends TesseraException {
        private final String field;

        InvalidField(String field, String message) {
            super(message);
            this.field = field;
        }

        /** The request field at fault. */
        public String field() {
            return field;
        }
    }

    /** The named field is wrong. The message names the field if it does not already. */
    public static InvalidField invalid(String field, String message) {
        return new InvalidField(field, message.contains("'" + field + "'") ? message : "'" + field + "': " + message);
    }

    public static NotFound notFound(String message) {
        return new NotFound(message);
    }

    public static Forbidden forbidden(String message) {
        return new Forbidden(message);
    }

    public static Conflict conflict(String message) {
        return new Conflict(message);
    }

    /** The request field at fault, or null when the fault is not one field's. */
    public String field() {
        return this instanceof InvalidField invalid ? invalid.field : null;
    }
}
