package dev.tessera.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code tessera api-keys list|create|revoke}: the signed-in user's API keys. */
@Command(name = "api-keys", description = "Your API keys: list (masked), create (shown once), revoke.",
        subcommands = {ApiKeysCommand.ListKeys.class, ApiKeysCommand.Create.class, ApiKeysCommand.Revoke.class})
final class ApiKeysCommand extends CommandGroup {

    @Command(name = "list", description = "Lists your API keys, masked, with their scope and last use.")
    static final class ListKeys extends Subcommand {

        @Option(names = "--json", description = "Print the API's JSON.")
        boolean json;

        @Override
        public Integer call() {
            return show(target().management().get("/api/v1/api-keys"), json, keys -> {
                Table table = new Table("ID", "NAME", "SCOPE", "ACCOUNTS", "KEY", "CREATED", "LAST USED", "REVOKED");
                for (JsonNode key : keys.path("apiKeys")) {
                    List<String> accounts = new ArrayList<>();
                    key.path("accounts").forEach(account -> accounts.add(account.asString()));
                    table.row(key.path("id").asString(), key.path("name").asString(), key.path("scope").asString(),
                            String.join(",", accounts), key.path("maskedKey").asString(), key.path("createdAt").asString(),
                            key.path("lastUsedAt").asString(""), key.path("revokedAt").asString(""));
                }
                return table;
            });
        }
    }

    @Command(name = "create", header = "Creates a key; prints it alone on stdout.",
        description = {
        "Creates an API key and prints it once, alone on standard output; the",
        "details go to standard error:",
        "  tessera api-keys create --name ci --scope token-admin \\",
        "      --account 123-456-7890 > key.txt"})
    static final class Create extends Subcommand {

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "What the key is for.")
        String name;

        @Option(names = "--scope", paramLabel = "SCOPE",
                description = "creator (default: your rights), read-only, token-admin (of the --account accounts), operator.")
        String scope;

        @Option(names = "--account", paramLabel = "CUSTOMER_ID", converter = CustomerId.Converter.class,
                description = "An account a token-admin key may act on; repeat for several.")
        List<CustomerId> accounts = new ArrayList<>();

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            if (scope != null) {
                body.put("scope", scope);
            }
            if (!accounts.isEmpty()) {
                body.put("accounts", accounts.stream().map(CustomerId::display).toList());
            }
            JsonNode created = target().management().post("/api/v1/api-keys", body);
            String key = created.path("apiKey").asString("");
            if (key.isBlank()) {
                throw new CliException(ExitCode.UNEXPECTED, "the answer carries no key");
            }
            print(key);
            tell("Created API key " + created.path("id").asString() + " \"" + created.path("name").asString() + "\" (scope "
                    + created.path("scope").asString() + "): " + created.path("maskedKey").asString()
                    + ". This is the only time it is shown.");
            return ExitCode.OK;
        }
    }

    @Command(name = "revoke", header = "Revokes a key at once.",
        description = {"Revokes one of your API keys: it is refused from the next request on,",
        "on every node."})
    static final class Revoke extends Subcommand {

        @Parameters(paramLabel = "ID", description = "The key's id, from `tessera api-keys list`.")
        long id;

        @Override
        public Integer call() {
            target().management().delete("/api/v1/api-keys/" + id);
            tell("Revoked API key " + id + ".");
            return ExitCode.OK;
        }
    }
}
