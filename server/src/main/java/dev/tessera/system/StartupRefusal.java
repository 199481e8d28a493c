package dev.tessera.system;

/**
 * Tessera refuses to start for a reason its operator can fix. The description says what is wrong
 * and the action names the setting to change; {@code StartupFailureAnalyzer} prints both as the
 * last words of the log, without a stack trace. Never carries a secret.
 */
public class StartupRefusal extends RuntimeException {

    private final String action;

    public StartupRefusal(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    public StartupRefusal(String description, String action) {
        this(description, action, null);
    }

    /** What to do, naming the setting (environment variable) to change. */
    public String action() {
        return action;
    }

    /** The refusal when a port Tessera listens on is taken. */
    public static StartupRefusal portInUse(int port, String listener, String variable, Throwable cause) {
        return new StartupRefusal("Tessera cannot listen on port " + port + " (" + listener + "): another process,"
                + " perhaps another Tessera, already uses it.",
                "Stop the other process, or give this Tessera another port: set " + variable + " (for example "
                        + variable + "=" + (port + 10) + ").", cause);
    }
}
