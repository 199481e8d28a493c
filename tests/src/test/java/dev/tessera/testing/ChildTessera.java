package dev.tessera.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Tessera in a JVM of its own ({@code java -cp <test class path> dev.tessera.TesseraApplication}),
 * on free loopback ports and a {@link TestDatabase}, so that a test can kill it with SIGKILL and
 * start another on the same data. Its output goes to a log file in the data directory, read back
 * when it fails to start. Every wait is bounded.
 */
public final class ChildTessera implements TesseraClients, AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(120);

    private final Process process;
    private final int port;
    private final int dataPlanePort;
    private final Path log;

    private ChildTessera(Process process, int port, int dataPlanePort, Path log) {
        this.process = process;
        this.port = port;
        this.dataPlanePort = dataPlanePort;
        this.log = log;
    }

    /** A test's child JVM: a small heap, quick to start (C1 only). */
    private static final List<String> TEST_JVM = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** Starts a Tessera JVM on {@code database} and returns once both of its ports answer. */
    public static ChildTessera start(TestDatabase database, String name, String... extraProperties) {
        return start(database, name, TEST_JVM, extraProperties);
    }

    /** The same with JVM options of the caller's (a benchmark's: the full JIT, a fixed heap). */
    public static ChildTessera start(TestDatabase database, String name, List<String> jvmOptions, String... extraProperties) {
        int port = freePort();
        int dataPlanePort = freePort();
        Map<String, String> properties = new LinkedHashMap<>(database.properties());
        properties.put("server.port", Integer.toString(port));
        properties.put("server.address", "127.0.0.1");
        properties.put("tessera.data-plane-port", Integer.toString(dataPlanePort));
        properties.put("tessera.data-plane-address", "127.0.0.1");
        properties.put("tessera.admin-email", RunningTessera.OPERATOR_EMAIL);
        properties.put("tessera.admin-password", RunningTessera.OPERATOR_PASSWORD);
        properties.put("spring.main.banner-mode", "off");
        for (String extra : extraProperties) {
            int equals = extra.indexOf('=');
            properties.put(extra.substring(0, equals), extra.substring(equals + 1));
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.tessera.TesseraApplication"));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Path log = database.dataDir().resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            ChildTessera child = new ChildTessera(process, port, dataPlanePort, log);
            child.awaitReady();
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a Tessera JVM", e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Tessera exited with " + process.exitValue() + " while starting:\n" + logTail());
            }
            if (accepts(dataPlanePort) && accepts(port) && api().get("/actuator/health").status() == 200) {
                return;
            }
            sleep(100);
        }
        killHard();
        throw new IllegalStateException("Tessera did not answer within " + START_LIMIT + ":\n" + logTail());
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no orderly close of the database. Waits until it is gone. */
    public void killHard() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Tessera (pid " + process.pid() + ") survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public int dataPlanePort() {
        return dataPlanePort;
    }

    /** Everything this JVM has written to its standard output and error so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public Api api() {
        return new Api(baseUrl());
    }

    @Override
    public Api operator() {
        return api().as(RunningTessera.OPERATOR_EMAIL, RunningTessera.OPERATOR_PASSWORD);
    }

    /** An HTTP client of the data-plane listener (Netty). */
    public Api dataPlane() {
        return new Api("http://127.0.0.1:" + dataPlanePort);
    }

    /** The last lines this JVM wrote, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops it the way a crash would; a test that wants an orderly stop has no use for a child JVM. */
    @Override
    public void close() {
        if (process.isAlive()) {
            killHard();
        }
    }

    /** A loopback port free when asked (another process may take it before it is bound). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
