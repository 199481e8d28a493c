package dev.tessera.system.web;

import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What the management API says when the database cannot be reached: 503 within the pool's
 * connection timeout (a few seconds), with the reason, instead of a 401 because the user could not
 * be loaded, or a 500.
 */
final class DatabaseOutage {

    static final String NOTHING_CHANGED = "The database is unreachable; nothing was changed. Retry shortly.";
    static final String OUTCOME_UNKNOWN =
            "The database connection failed during the request; check whether the change was made before retrying.";
    static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseOutage() {}

    /** Whether {@code e}, or one of its causes, says the database could not be reached. */
    static boolean causedBy(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }
}
