package dev.tessera.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code tessera accounts}: the manager accounts the key's user belongs to. */
@Command(name = "accounts", description = "Lists the manager accounts you are a member of, with your role.")
final class AccountsCommand extends Subcommand {

    @Option(names = "--json", description = "Print the API's JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        return show(target().management().get("/api/v1/manager-accounts"), json, accounts -> {
            Table table = new Table("CUSTOMER ID", "ROLE", "NAME", "COMPANY");
            for (JsonNode account : accounts) {
                table.row(account.path("displayCustomerId").asString(), account.path("role").asString(),
                        account.path("name").asString(), account.path("companyName").asString());
            }
            return table;
        });
    }
}
