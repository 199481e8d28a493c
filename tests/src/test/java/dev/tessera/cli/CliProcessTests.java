package dev.tessera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code tessera} as a real process (issue 14): its own JVM, environment, standard streams and exit
 * status. It runs the runnable jar ({@code cli/target/tessera-cli-<version>-exec.jar}) when the build
 * made it before the tests ({@code mvn verify}: the CLI module is packaged first), else the CLI's classes
 * on this class path ({@code mvn test}); {@link #launcher} says which, so a stale jar is never run.
 */
class CliProcessTests {

    private static final long LIMIT_SECONDS = 60;

    static RunningTessera tessera;
    static Scenario scenario;
    static Path work;

    @BeforeAll
    static void start() throws IOException {
        tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2));
        scenario = new Scenario(tessera);
        work = Files.createTempDirectory("tessera-cli-process-");
    }

    @AfterAll
    static void stop() {
        tessera.close();
    }

    /** How to start the CLI: {@code java -jar} on the runnable jar beside the CLI's jar, else {@code java -cp}. */
    static List<String> launcher() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        Path executable = runnableJar();
        if (executable != null) {
            command.addAll(List.of("-jar", executable.toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), TesseraCli.class.getName()));
        }
        return command;
    }

    /** The shaded jar built in this build, or null when the CLI's classes come from a folder (not packaged). */
    static Path runnableJar() {
        try {
            Path source = Path.of(TesseraCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String name = source.getFileName().toString();
            if (!name.endsWith(".jar")) {
                return null;
            }
            Path executable = source.resolveSibling(name.substring(0, name.length() - ".jar".length()) + "-exec.jar");
            return Files.isRegularFile(executable) ? executable : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    record Exit(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs the CLI with only these TESSERA_ variables, this standard input, and waits at most a minute. */
    static Exit run(Map<String, String> env, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = launcher();
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TESSERA_") || name.equals("XDG_CONFIG_HOME"));
        builder.environment().put("TESSERA_CONFIG", work.resolve("no-such-config").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("tessera " + List.of(args) + " still running after " + LIMIT_SECONDS + " s");
            }
            return new Exit(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    // issue 14: "reset prints exactly one line, the token" — through a real pipe, as a script would read it.
    @Test
    void theCommandResetsVerifiesAndExitsWithItsCodesAsAProcess() throws Exception {
        Scenario.Account account = scenario.account("process");
        String old = scenario.issueToken(account);
        String key = CliTests.apiKey(account.admin().api(), "process", null);
        Map<String, String> env = new LinkedHashMap<>(Map.of("TESSERA_URL", tessera.baseUrl(), "TESSERA_API_KEY", key,
                "TESSERA_DATA_PLANE_URL", "http://127.0.0.1:" + tessera.dataPlanePort()));
        String how = runnableJar() == null ? "java -cp (not packaged yet)" : "java -jar " + runnableJar();
        System.out.println("CliProcessTests runs the CLI with " + how);

        Exit reset = run(env, "", "token", "reset", account.customerId(), "--yes");
        assertThat(reset.code()).as("%s: %s", how, reset).isEqualTo(ExitCode.OK);
        assertThat(reset.out()).as("%s", reset).matches("[A-Za-z0-9_-]{22,}\n");
        String fresh = reset.out().strip();
        assertThat(reset.err()).contains("Propagation").doesNotContain(fresh);
        assertThat(scenario.verify(tessera.dataPlane(), old, null).status()).isEqualTo(401);

        Exit verify = run(env, fresh + "\n", "token", "verify");
        assertThat(verify.code()).as("%s", verify).isEqualTo(ExitCode.OK);
        assertThat(verify.out()).startsWith("accepted: ");
        Exit refused = run(env, old + "\n", "token", "verify");
        assertThat(refused.code()).as("%s", refused).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.err().lines().toList()).hasSize(1);

        env.put("TESSERA_API_KEY", "tsk_" + "C".repeat(43));
        assertThat(run(env, "", "accounts").code()).isEqualTo(ExitCode.AUTH);
        env.put("TESSERA_URL", "http://127.0.0.1:" + CliRun.closedPort());
        assertThat(run(env, "", "accounts").code()).isEqualTo(ExitCode.UNAVAILABLE);
        Exit help = run(Map.of(), "", "--help");
        assertThat(help.code()).as("%s", help).isEqualTo(ExitCode.OK);
        assertThat(help.out()).startsWith("Usage: tessera");
        assertThat(run(Map.of(), "", "no-such-command").code()).isEqualTo(ExitCode.USAGE);
    }
}
