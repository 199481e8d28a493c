package dev.tessera.dataplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.ChildTessera;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx or Caddy (the Debian packages) on a free loopback port, run with the configuration
 * shipped in {@code deploy/}, filled the way the README says: nginx's by {@code envsubst} run as a
 * process, Caddy's by its own environment placeholders. Its output goes to a log file in a directory
 * of its own, read back when it fails. A missing program fails the test with what to install.
 * Every wait is bounded; {@link #close} stops it, and what it forked, by pid.
 */
final class Gateway implements AutoCloseable {

    enum Kind { NGINX, CADDY }

    private static final long START_MILLIS = 20_000;
    private static final String PLACEHOLDERS = "${LISTEN_PORT} ${TESSERA} ${UPSTREAM}";

    private final Kind kind;
    private final Process process;
    private final int port;
    private final Path log;

    private Gateway(Kind kind, Process process, int port, Path log) {
        this.kind = kind;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Fails, saying what to install, unless nginx, caddy and envsubst are all installed. */
    static void requireInstalled() {
        executable("nginx", "nginx");
        executable("caddy", "caddy");
        executable("envsubst", "gettext-base");
    }

    /** Starts {@code kind} in front of {@code upstream}, asking {@code tessera} (both host:port); returns once it listens. */
    static Gateway start(Kind kind, String tessera, String upstream) {
        int port = ChildTessera.freePort();
        try {
            Path dir = Files.createTempDirectory("tessera-" + kind.name().toLowerCase() + "-");
            // nginx started as root runs its workers as nobody: they must reach the prefix
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path log = dir.resolve("output.log");
            ProcessBuilder command = kind == Kind.NGINX ? nginx(dir, port, tessera, upstream) : caddy(dir, port, tessera, upstream);
            Process process = command.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Gateway gateway = new Gateway(kind, process, port, log);
            gateway.awaitListening();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + kind, e);
        }
    }

    private static ProcessBuilder nginx(Path prefix, int port, String tessera, String upstream) throws IOException {
        Path config = prefix.resolve("nginx.conf");
        ProcessBuilder fill = new ProcessBuilder(executable("envsubst", "gettext-base").toString(), PLACEHOLDERS)
                .redirectInput(shipped("deploy/nginx/nginx.conf").toFile())
                .redirectOutput(config.toFile())
                .redirectError(prefix.resolve("envsubst.log").toFile());
        environment(fill, port, tessera, upstream);
        Process envsubst = fill.start();
        try {
            boolean done = envsubst.waitFor(10, TimeUnit.SECONDS);
            if (!done) {
                envsubst.destroyForcibly();
            }
            assertThat(done && envsubst.exitValue() == 0).as("envsubst filled the nginx configuration").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String filled = Files.readString(config, StandardCharsets.UTF_8);
        assertThat(filled).as("the filled configuration").doesNotContain("${").contains("listen " + port + ";")
                .contains("server " + tessera + ";").contains("server " + upstream + ";");
        return new ProcessBuilder(executable("nginx", "nginx").toString(), "-p", prefix.toString(), "-c", "nginx.conf")
                .directory(prefix.toFile());
    }

    private static ProcessBuilder caddy(Path dir, int port, String tessera, String upstream) {
        ProcessBuilder caddy = new ProcessBuilder(executable("caddy", "caddy").toString(), "run",
                "--config", shipped("deploy/caddy/Caddyfile").toString(), "--adapter", "caddyfile")
                .directory(dir.toFile());
        environment(caddy, port, tessera, upstream);
        // Caddy keeps its state under HOME / XDG directories: this run's own, not the user's
        caddy.environment().putAll(Map.of("HOME", dir.toString(), "XDG_DATA_HOME", dir.resolve("data").toString(),
                "XDG_CONFIG_HOME", dir.resolve("config").toString()));
        return caddy;
    }

    private static void environment(ProcessBuilder builder, int port, String tessera, String upstream) {
        builder.environment().putAll(Map.of("LISTEN_PORT", Integer.toString(port), "TESSERA", tessera, "UPSTREAM", upstream));
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_MILLIS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(kind + " exited with " + process.exitValue() + " while starting:\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        close();
        throw new AssertionError(kind + " did not listen on " + port + " within " + START_MILLIS + " ms:\n" + log());
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** What it wrote to its standard output and error. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (both stop at once on it), then SIGKILL after 10 s; then any process it forked that is left. */
    @Override
    public void close() {
        List<ProcessHandle> forked = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : forked) {
                if (child.isAlive()) {
                    child.destroyForcibly();
                    child.onExit().get(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop " + kind + " (pid " + process.pid() + ")", e);
        }
    }

    /** The program on PATH (or in /usr/sbin, /usr/bin), else a failure naming the package to install. */
    static Path executable(String name, String debianPackage) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"));
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name);
            }
        }
        throw new AssertionError(name + " is not installed, and the gateway tests run the real one (issue 13): install it,"
                + " e.g. apt-get install " + debianPackage + " (as .ci/run does)");
    }

    /** A file shipped in the repository, found from the working directory (the project or a module of it). */
    static Path shipped(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new AssertionError("No " + relative + " in or above " + Path.of("").toAbsolutePath());
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
