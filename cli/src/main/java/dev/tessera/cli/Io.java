package dev.tessera.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may touch outside the JVM: standard input, output and error, the environment, the
 * user's home folder, and the terminal (null when there is none: a pipe, a CI job). Tests pass their
 * own; {@link #system()} is the real one.
 *
 * @param out only what a script may capture: a table, a token, a key; messages go to {@code err}
 */
public record Io(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env, Path home,
        Terminal terminal) {

    public Io {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        env = Map.copyOf(env);
        Objects.requireNonNull(home, "home");
    }

    /** The process's own streams (UTF-8: masked tokens carry an ellipsis), environment and terminal. */
    public static Io system() {
        return new Io(System.in,
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                System.getenv(), Path.of(System.getProperty("user.home")), Terminal.open());
    }

    /** An environment variable, or null when unset or empty. */
    String variable(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
