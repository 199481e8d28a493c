package dev.tessera.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code tessera}: the command tree, the options every command shares (where Tessera is, which config
 * file), and the mapping of failures to one line on standard error and an {@link ExitCode}.
 * {@link #run} is the whole program for a given {@link Io}; {@link #main} runs it on the process's own.
 */
@Command(name = "tessera", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Manages Tessera developer tokens from a terminal or a script: accounts,",
            "masked tokens, resets, verification, the audit log and API keys."},
        subcommands = {LoginCommand.class, AccountsCommand.class, TokenCommand.class, AuditCommand.class,
            ApiKeysCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nSigning in:%n",
        footer = {"  The API key (tsk_...) comes from $TESSERA_API_KEY, else from the config",
            "  file that `tessera login` writes (~/.config/tessera/config, mode 600).",
            "  Secrets (keys, tokens) are never taken as arguments: ps would show them."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done (token verify: the token is accepted)",
            "1:refused: not found, role or key scope, conflict, bad input; token verify: the token is refused",
            "2:usage: wrong command line or config file; a reset without --yes and no terminal",
            "3:authentication: no API key, or an unknown or revoked one",
            "4:unavailable: Tessera cannot be reached or answered 5xx; worth a retry",
            "5:unexpected answer (not Tessera at that address?)"})
public final class TesseraCli implements Callable<Integer> {

    static final String DEFAULT_URL = "http://localhost:8080";

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Tessera's address. Default: $TESSERA_URL, the config file, else " + DEFAULT_URL + ".")
    String url;

    @Option(names = "--data-plane-url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The data plane's address (token verify). Default: $TESSERA_DATA_PLANE_URL, the config file, "
                    + "else port 8081 on the host of --url.")
    String dataPlaneUrl;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The config file. Default: $TESSERA_CONFIG, else ~/.config/tessera/config.")
    Path config;

    private final Io io;

    public TesseraCli(Io io) {
        this.io = io;
    }

    public static void main(String[] args) {
        System.exit(run(Io.system(), args));
    }

    /** Runs one command line to its end and answers the exit code; never calls {@link System#exit}. */
    public static int run(Io io, String... args) {
        CommandLine line = new CommandLine(new TesseraCli(io));
        line.setOut(io.out());
        line.setErr(io.err());
        line.setExecutionExceptionHandler((exception, commandLine, parsed) -> failed(io, exception));
        line.setParameterExceptionHandler((exception, arguments) -> {
            io.err().println("tessera: " + exception.getMessage());
            io.err().println("Run '" + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            io.err().flush();
            return ExitCode.USAGE;
        });
        int code = line.execute(args);
        io.out().flush();
        io.err().flush();
        return code;
    }

    private static int failed(Io io, Exception exception) {
        if (exception instanceof CliException failure) {
            io.err().println("tessera: " + failure.getMessage());
            return failure.exitCode();
        }
        if (exception instanceof Http.Interrupted) {
            return ExitCode.OK;
        }
        io.err().println("tessera: unexpected error: " + exception);
        return ExitCode.UNEXPECTED;
    }

    /** {@code tessera} alone: the usage, and a usage error. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    Io io() {
        return io;
    }

    /** Where to connect and with which key, from the options, the environment and the config file. */
    Target target() {
        Path file = ConfigFile.location(io, config);
        Map<String, String> stored = ConfigFile.read(file);
        String base = Target.normalise(first(url, io.variable("TESSERA_URL"), stored.get(ConfigFile.URL), DEFAULT_URL),
                "Tessera's URL (--url, TESSERA_URL or url in " + file + ")");
        String dataPlane = first(dataPlaneUrl, io.variable("TESSERA_DATA_PLANE_URL"), stored.get(ConfigFile.DATA_PLANE_URL), null);
        String key = first(io.variable("TESSERA_API_KEY"), stored.get(ConfigFile.API_KEY));
        return new Target(base, dataPlane == null ? Target.dataPlaneOf(base) : Target.normalise(dataPlane,
                "the data plane's URL (--data-plane-url, TESSERA_DATA_PLANE_URL or data-plane-url in " + file + ")"),
                key, file);
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.strip();
            }
        }
        return null;
    }
}
