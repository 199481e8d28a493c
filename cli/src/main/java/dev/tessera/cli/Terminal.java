package dev.tessera.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * The person at the keyboard, when there is one: asks for confirmations (even while standard output is
 * piped, through {@code /dev/tty}, as ssh and sudo do) and reads secrets without echo when standard input
 * is the terminal.
 */
public interface Terminal {

    /** Asks a yes/no question; true only for an answer starting with y. */
    boolean confirm(String question);

    /**
     * Reads a secret without echo, or answers null when standard input is not the terminal (the caller
     * then reads standard input).
     */
    String readSecret(String prompt);

    /** The controlling terminal of this process, or null when it has none. */
    static Terminal open() {
        Console console = interactiveConsole();
        if (console != null) {
            return new Terminal() {
                @Override
                public boolean confirm(String question) {
                    String answer = console.readLine("%s", question);
                    return answer != null && answer.strip().toLowerCase().startsWith("y");
                }

                @Override
                public String readSecret(String prompt) {
                    char[] secret = console.readPassword("%s", prompt);
                    return secret == null ? null : new String(secret);
                }
            };
        }
        try (FileInputStream probe = new FileInputStream("/dev/tty")) {
            return new Terminal() {
                @Override
                public boolean confirm(String question) {
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream("/dev/tty"), StandardCharsets.UTF_8));
                            PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream("/dev/tty"), StandardCharsets.UTF_8))) {
                        out.print(question);
                        out.flush();
                        String answer = in.readLine();
                        return answer != null && answer.strip().toLowerCase().startsWith("y");
                    } catch (IOException e) {
                        return false;
                    }
                }

                @Override
                public String readSecret(String prompt) {
                    return null;
                }
            };
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** {@link System#console()} when both standard input and output are the terminal (JDK 22+ asks isTerminal). */
    private static Console interactiveConsole() {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console)) ? console : null;
        } catch (NoSuchMethodException e) {
            return console;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
