package dev.tessera.cli;

/**
 * A command's failure: one line for standard error (never a token or a key) and the {@link ExitCode}
 * the process ends with.
 */
final class CliException extends RuntimeException {

    private final int exitCode;
    private final int httpStatus;

    CliException(int exitCode, String message) {
        this(exitCode, 0, message);
    }

    CliException(int exitCode, int httpStatus, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.httpStatus = httpStatus;
    }

    int exitCode() {
        return exitCode;
    }

    /** The HTTP status that caused it, or 0 when no answer did. */
    int httpStatus() {
        return httpStatus;
    }
}
