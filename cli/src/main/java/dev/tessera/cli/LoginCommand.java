package dev.tessera.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code tessera login}: checks an API key against Tessera and saves it, with the address, in the config file. */
@Command(name = "login", header = "Saves an API key and Tessera's address in the config file.",
        description = {
    "Checks an API key with Tessera and saves it with the address (--url) in",
    "the config file, mode 600. The key is read from standard input (typed",
    "without echo on a terminal), never from the command line:",
    "  tessera login --url https://tessera.example.com < key.txt"})
final class LoginCommand extends Subcommand {

    private static final String KEY_SHAPE = "tsk_[A-Za-z0-9_-]{43}";

    @Override
    public Integer call() {
        TesseraCli root = root();
        Io io = io();
        Path file = ConfigFile.location(io, root.config);
        Map<String, String> entries = new LinkedHashMap<>(ConfigFile.read(file));
        String url = root.url != null ? root.url : io.variable("TESSERA_URL") != null ? io.variable("TESSERA_URL")
                : entries.getOrDefault(ConfigFile.URL, TesseraCli.DEFAULT_URL);
        url = Target.normalise(url, "Tessera's URL (--url, TESSERA_URL or url in " + file + ")");
        String key = Secrets.read(io, "API key for " + url + " (tsk_…): ", "API key", "tessera login < key.txt");
        if (!key.matches(KEY_SHAPE)) {
            throw new CliException(ExitCode.USAGE, "that is not a Tessera API key (tsk_ and 43 letters, digits, - or _)");
        }
        try {
            new Http(url, key).get("/api/v1/api-keys");
        } catch (CliException e) {
            if (e.httpStatus() != 403) {
                throw e;
            }
            // 403: the key is known, its scope just does not cover listing keys (read-only, token-admin).
        }
        entries.put(ConfigFile.URL, url);
        entries.put(ConfigFile.API_KEY, key);
        if (root.dataPlaneUrl != null) {
            entries.put(ConfigFile.DATA_PLANE_URL, Target.normalise(root.dataPlaneUrl, "--data-plane-url"));
        }
        ConfigFile.write(file, entries);
        tell("Signed in to " + url + " with the key " + key.substring(0, 8) + "…" + key.substring(key.length() - 4)
                + "; saved in " + file + " (mode 600).");
        return ExitCode.OK;
    }
}
