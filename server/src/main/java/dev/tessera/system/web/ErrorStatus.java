package dev.tessera.system.web;

import dev.tessera.system.TesseraException;
import org.springframework.http.HttpStatus;

/**
 * The one place where a domain refusal becomes an HTTP status: not found 404, conflict 409,
 * invalid field 400, forbidden 403. The API's advice and the console's pages both ask it.
 */
public final class ErrorStatus {

    private ErrorStatus() {}

    public static HttpStatus of(TesseraException e) {
        if (e instanceof TesseraException.NotFound) {
            return HttpStatus.NOT_FOUND;
        }
        if (e instanceof TesseraException.Conflict) {
            return HttpStatus.CONFLICT;
        }
        if (e instanceof TesseraException.Forbidden) {
            return HttpStatus.FORBIDDEN;
        }
        return HttpStatus.BAD_REQUEST;
    }
}
