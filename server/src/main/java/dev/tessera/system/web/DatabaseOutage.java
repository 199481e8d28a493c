package dev.tessera.system.web;

import org.springframework.http.HttpStatus;
import java.io.IOException;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What the management API says when the database cannot be reached: 503 within the pool's
 * connection timeout (a few seconds), with the reason, instead of a 401 because the user could not
 * be loaded, or a 500.
 */
public final class DatabaseOutage {

    static final String NOTHING_CHANGED = "The database is unreachable; nothing was changed. Retry shortly.";
    static final String OUTCOME_UNKNOWN =
            "The database connection failed during the request; check whether the change was made before retrying.";
    static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseOutage() {}

    /** Answers 503 with the problem detail that says nothing was changed, for filters that run before Spring MVC. */
    public static void write(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        Problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, NOTHING_CHANGED);
    }

    /** Whether {@code e}, or one of its causes, says the database could not be reached. */
    public static boolean causedBy(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }
}
