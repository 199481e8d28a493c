package dev.tessera.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code tessera} in this JVM through {@link TesseraCli#run}, with its own environment, standard
 * input, home folder and terminal (none unless given), and captures standard output and error apart.
 * Immutable; {@link #env}, {@link #stdin} and {@link #terminal} return new runners.
 */
final class CliRun {

    private final Map<String, String> env;
    private final String stdin;
    private final Terminal terminal;
    private final Path home;

    private CliRun(Map<String, String> env, String stdin, Terminal terminal, Path home) {
        this.env = env;
        this.stdin = stdin;
        this.terminal = terminal;
        this.home = home;
    }

    /** No environment but a home folder of its own (so no real config file is ever read), no input, no terminal. */
    static CliRun fresh() {
        try {
            return new CliRun(Map.of(), "", null, Files.createTempDirectory("tessera-cli-home-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signed in through the environment: TESSERA_URL and TESSERA_API_KEY. */
    static CliRun signedIn(String url, String apiKey) {
        return fresh().env("TESSERA_URL", url).env("TESSERA_API_KEY", apiKey);
    }

    CliRun env(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(env);
        copy.put(name, value);
        return new CliRun(copy, stdin, terminal, home);
    }

    CliRun stdin(String text) {
        return new CliRun(env, text, terminal, home);
    }

    CliRun terminal(Terminal terminal) {
        return new CliRun(env, stdin, terminal, home);
    }

    Path home() {
        return home;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Io io = new Io(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
                new PrintWriter(err, true), env, home, terminal);
        int exit = TesseraCli.run(io, args);
        return new Result(exit, out.toString(), err.toString());
    }

    /**
     * Starts a run on a thread of its own (for {@code audit --follow}); its output can be read while it
     * runs, and {@link Running#stop} interrupts it, as Ctrl-C would stop the real process.
     */
    Running start(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Io io = new Io(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
                new PrintWriter(err, true), env, home, terminal);
        int[] exit = {-1};
        Thread thread = new Thread(() -> exit[0] = TesseraCli.run(io, args), "tessera-cli");
        thread.start();
        return new Running(thread, out, err, exit);
    }

    /** A run in progress. */
    static final class Running {

        private final Thread thread;
        private final StringWriter out;
        private final StringWriter err;
        private final int[] exit;

        private Running(Thread thread, StringWriter out, StringWriter err, int[] exit) {
            this.thread = thread;
            this.out = out;
            this.err = err;
            this.exit = exit;
        }

        String out() {
            return out.toString();
        }

        /** Waits (at most {@code limit}) until standard output contains {@code text}; false if it never did. */
        boolean awaitOut(String text, java.time.Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (!out().contains(text)) {
                if (System.nanoTime() > deadline || !thread.isAlive()) {
                    return out().contains(text);
                }
                Thread.sleep(50);
            }
            return true;
        }

        /** Interrupts the run and waits for its end (at most 10 s). */
        Result stop() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
            if (thread.isAlive()) {
                throw new AssertionError("tessera did not stop within 10 s of an interrupt");
            }
            return new Result(exit[0], out.toString(), err.toString());
        }
    }

    /** What a run printed and how it ended. */
    record Result(int exit, String out, String err) {

        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** A terminal whose person answers every question with {@code yes}, and counts the questions. */
    static final class Person implements Terminal {

        private final boolean yes;
        int questions;

        Person(boolean yes) {
            this.yes = yes;
        }

        @Override
        public boolean confirm(String question) {
            questions++;
            return yes;
        }

        @Override
        public String readSecret(String prompt) {
            return null;
        }
    }

    /** A loopback port nothing listens on (bound, then released). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
