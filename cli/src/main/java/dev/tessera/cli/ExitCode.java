package dev.tessera.cli;

/** The exit statuses of {@code tessera}, for scripts; {@code tessera --help} lists them. */
public final class ExitCode {

    /** Done. For {@code token verify}: the data plane accepted the token. */
    public static final int OK = 0;
    /** The server said no: not found or not yours (404), role or key scope (403), conflict (409), bad input
     * (400); the data plane refused the token; a reset was not confirmed. */
    public static final int REFUSED = 1;
    /** The command line or the config file is wrong: unknown option, missing argument, bad customer id,
     * a config file others can read, a reset without {@code --yes} and no terminal to confirm on. */
    public static final int USAGE = 2;
    /** No API key configured, or the server does not know it (401: unknown or revoked). */
    public static final int AUTH = 3;
    /** Tessera cannot be reached (connection refused, timeout) or answered 5xx (database unreachable,
     * node fenced). Worth a retry. */
    public static final int UNAVAILABLE = 4;
    /** An answer the CLI cannot read (not Tessera at that address?), or a bug. */
    public static final int UNEXPECTED = 5;

    private ExitCode() {}
}
