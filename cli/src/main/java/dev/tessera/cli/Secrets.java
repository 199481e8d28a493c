package dev.tessera.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reads a secret (an API key, a developer token) the safe way: from the terminal without echo, else standard input. */
final class Secrets {

    private Secrets() {}

    /**
     * The first line of standard input, or what the person types at {@code prompt} without echo when
     * standard input is the terminal. A usage error when there is none: secrets never come from arguments.
     */
    static String read(Io io, String prompt, String what, String example) {
        String secret = io.terminal() == null ? null : io.terminal().readSecret(prompt);
        if (secret == null) {
            try {
                secret = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new CliException(ExitCode.USAGE, "cannot read standard input: " + e.getMessage());
            }
        }
        if (secret == null || secret.isBlank()) {
            throw new CliException(ExitCode.USAGE, "no " + what + " on standard input (it is never taken as an argument: "
                    + example + ")");
        }
        return secret.strip();
    }
}
