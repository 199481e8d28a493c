package dev.tessera.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code tessera token show|reset|verify}: an account's developer token. */
@Command(name = "token", description = "An account's developer token: show it masked, reset it, verify one.",
        subcommands = {TokenCommand.Show.class, TokenCommand.Reset.class, TokenCommand.Verify.class})
final class TokenCommand extends CommandGroup {

    @Command(name = "show", header = "Shows the masked token, access level and resets.",
        description = {"Shows the account's token, masked (ABcd…STUv), with its access level",
        "and resets. ADMIN only."})
    static final class Show extends Subcommand {

        @Parameters(paramLabel = "CUSTOMER_ID", converter = CustomerId.Converter.class, description = "123-456-7890 or 1234567890")
        CustomerId account;

        @Option(names = "--json", description = "Print the API's JSON.")
        boolean json;

        @Override
        public Integer call() {
            return show(target().management().get(account.path() + "/developer-token"), json, token -> new Table("FIELD", "VALUE")
                    .row("customer id", account.display())
                    .row("masked token", token.path("maskedToken").asString())
                    .row("access level", token.path("accessLevel").asString())
                    .row("issued", token.path("issuedAt").asString())
                    .row("last reset", token.path("lastResetAt").asString())
                    .row("resets", token.path("resetCount").asString()));
        }
    }

    @Command(name = "reset", header = "Resets the token; prints the new one alone on stdout.",
        description = {
        "Resets the account's token: the current one is refused everywhere from",
        "the moment this returns; the access level carries over. Prints the new",
        "token once, alone on standard output, so it can be piped:",
        "  tessera token reset 123-456-7890 --yes --reason 'leaked' > token.txt",
        "The propagation receipt (nodes that applied it, nodes fenced) goes to",
        "standard error. Asks for confirmation on a terminal. ADMIN only."})
    static final class Reset extends Subcommand {

        @Parameters(paramLabel = "CUSTOMER_ID", converter = CustomerId.Converter.class, description = "123-456-7890 or 1234567890")
        CustomerId account;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why; kept in the audit log and the notice mail.")
        String reason;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed when there is no terminal).")
        boolean yes;

        @Override
        public Integer call() {
            Target target = target();
            Http api = target.management();
            if (!yes) {
                Terminal terminal = io().terminal();
                if (terminal == null) {
                    throw new CliException(ExitCode.USAGE, "a reset stops the current token at once: pass --yes to confirm "
                            + "(there is no terminal to ask on)");
                }
                if (!terminal.confirm("Reset the developer token of " + account.display() + " at " + target.url()
                        + "? The current token stops working at once. [y/N] ")) {
                    throw new CliException(ExitCode.REFUSED, "not reset: not confirmed");
                }
            }
            Map<String, String> body = reason == null ? null : Map.of("reason", reason);
            JsonNode reset = api.post(account.path() + "/developer-token:reset", body);
            String token = reset.path("developerToken").asString("");
            if (token.isBlank()) {
                throw new CliException(ExitCode.UNEXPECTED, "the reset's answer carries no token: is Tessera at " + target.url() + "?");
            }
            print(token);
            tell("Reset the developer token of " + account.display() + ": " + reset.path("previousMaskedToken").asString()
                    + " is refused from now on; " + reset.path("maskedToken").asString() + " replaces it (access level "
                    + reset.path("accessLevel").asString() + ", reset " + reset.path("resetCount").asString() + ").");
            JsonNode propagation = reset.path("propagation");
            if (propagation.isObject()) {
                tell("Propagation: change " + propagation.path("sequence").asString() + " applied by "
                        + names(propagation.path("acknowledged")) + "; fenced (refusing every request until they catch up): "
                        + names(propagation.path("fenced")) + "; waited " + propagation.path("waitedMillis").asString() + " ms.");
            }
            return ExitCode.OK;
        }

        private static String names(JsonNode nodes) {
            StringBuilder names = new StringBuilder();
            for (JsonNode node : nodes) {
                names.append(names.isEmpty() ? "" : ", ").append(node.asString());
            }
            return names.isEmpty() ? "none" : names.toString();
        }
    }

    @Command(name = "verify", header = "Asks the data plane whether a token (on stdin) is accepted.",
        description = {
        "Asks the data plane whether a developer token is accepted, as a gateway",
        "would. Reads the token from standard input (typed without echo on a",
        "terminal), never from the command line:",
        "  tessera token verify --customer-id 123-456-7890 < token.txt",
        "Exit 0 with the manager account and access level when accepted; exit 1",
        "with the refusal when not. Counts as one operation of the daily quota.",
        "Needs no API key."})
    static final class Verify extends Subcommand {

        @Option(names = "--customer-id", paramLabel = "CUSTOMER_ID", converter = CustomerId.Converter.class,
                description = "The client account the request would be for.")
        CustomerId customer;

        @Option(names = "--service", paramLabel = "SERVICE", description = "The service it would call (Service or Service.Method).")
        String service;

        @Override
        public Integer call() {
            Target target = target();
            String token = Secrets.read(io(), "Developer token: ", "developer token", "tessera token verify < token.txt");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("developerToken", token);
            if (customer != null) {
                body.put("customerId", customer.digits());
            }
            if (service != null) {
                body.put("service", service);
            }
            JsonNode granted;
            try {
                granted = target.dataPlane().post("/v1/developer-token:verify", body);
            } catch (CliException e) {
                if (e.httpStatus() >= 400 && e.httpStatus() < 500) {
                    throw new CliException(ExitCode.REFUSED, e.httpStatus(), "refused: " + e.getMessage());
                }
                throw e;
            }
            String manager = granted.path("managerCustomerId").asString("");
            print("accepted: manager account " + (manager.matches("\\d{10}") ? new CustomerId(manager).display() : manager)
                    + ", access level " + granted.path("accessLevel").asString());
            return ExitCode.OK;
        }
    }
}
