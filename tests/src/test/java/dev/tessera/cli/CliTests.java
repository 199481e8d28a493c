package dev.tessera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code tessera} CLI (issue 14) against a real Tessera over real HTTP, run in process with its
 * output captured: what each command prints where, and the exit codes scripts rely on.
 */
class CliTests {

    static RunningTessera tessera;
    static Scenario scenario;

    Scenario.Account account;
    String token;
    String key;
    CliRun cli;

    @BeforeAll
    static void start() {
        tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2));
        scenario = new Scenario(tessera);
    }

    @AfterAll
    static void stop() {
        tessera.close();
    }

    @BeforeEach
    void accountWithTokenAndKey() {
        account = scenario.account("oncall");
        token = scenario.issueToken(account);
        key = apiKey(account.admin().api(), "cli", null);
        cli = CliRun.signedIn(tessera.baseUrl(), key).env("TESSERA_DATA_PLANE_URL", "http://127.0.0.1:" + tessera.dataPlanePort());
    }

    static String apiKey(Api user, String name, String scope) {
        Api.Reply created = user.post("/api/v1/api-keys", scope == null ? Map.of("name", name) : Map.of("name", name, "scope", scope));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.text("apiKey");
    }

    // issue 14: "reset prints exactly one line, the token"
    @Test
    void resetPrintsOnlyTheNewTokenAndTheOldOneIsRefusedAtOnce() {
        CliRun.Result reset = cli.run("token", "reset", account.customerId(), "--yes", "--reason", "leaked in a log");

        assertThat(reset.exit()).as("%s", reset).isEqualTo(ExitCode.OK);
        assertThat(reset.outLines()).as("%s", reset).hasSize(1);
        String fresh = reset.outLines().get(0);
        assertThat(reset.out()).isEqualTo(fresh + System.lineSeparator());
        assertThat(fresh).isNotEqualTo(token).matches("[A-Za-z0-9_-]{22,}");
        assertThat(scenario.verify(tessera.dataPlane(), token, null).status()).as("the old token").isEqualTo(401);
        assertThat(scenario.verify(tessera.dataPlane(), fresh, null).status()).as("the new token").isEqualTo(200);
        assertThat(reset.err()).contains("Propagation: change").contains("fenced").contains(fresh.substring(0, 4) + "…")
                .doesNotContain(fresh).doesNotContain(token);
    }

    @Test
    void resetWithoutYesAndWithoutATerminalChangesNothing() {
        CliRun.Result refused = cli.run("token", "reset", account.customerId());

        assertThat(refused.exit()).as("%s", refused).isEqualTo(ExitCode.USAGE);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.errLines()).hasSize(1);
        assertThat(refused.err()).contains("--yes");
        assertThat(scenario.verify(tessera.dataPlane(), token, null).status()).isEqualTo(200);
    }

    @Test
    void resetAsksThePersonAtTheTerminalAndANoKeepsTheToken() {
        CliRun.Person no = new CliRun.Person(false);
        CliRun.Result declined = cli.terminal(no).run("token", "reset", account.customerId());
        assertThat(declined.exit()).as("%s", declined).isEqualTo(ExitCode.REFUSED);
        assertThat(no.questions).isEqualTo(1);
        assertThat(declined.out()).isEmpty();
        assertThat(scenario.verify(tessera.dataPlane(), token, null).status()).isEqualTo(200);

        CliRun.Person yes = new CliRun.Person(true);
        CliRun.Result confirmed = cli.terminal(yes).run("token", "reset", account.customerId());
        assertThat(confirmed.exit()).as("%s", confirmed).isEqualTo(ExitCode.OK);
        assertThat(yes.questions).isEqualTo(1);
        assertThat(scenario.verify(tessera.dataPlane(), token, null).status()).isEqualTo(401);
    }

    @Test
    void accountsListsTheAccountsWithTheRole() {
        CliRun.Result listed = cli.run("accounts");
        assertThat(listed.exit()).as("%s", listed).isEqualTo(ExitCode.OK);
        String display = account.customerId().replaceFirst("(\\d{3})-?(\\d{3})-?(\\d{4})", "$1-$2-$3");
        assertThat(listed.outLines().get(0)).startsWith("CUSTOMER ID");
        assertThat(listed.outLines()).anySatisfy(line -> assertThat(line).startsWith(display).contains("ADMIN").contains("Acme MCC"));

        CliRun.Result json = cli.run("accounts", "--json");
        assertThat(JsonMapper.builder().build().readTree(json.out()).get(0).get("role").asString()).isEqualTo("ADMIN");
    }

    @Test
    void tokenShowPrintsTheMaskedTokenAndNeverTheToken() {
        CliRun.Result shown = cli.run("token", "show", account.customerId());
        assertThat(shown.exit()).as("%s", shown).isEqualTo(ExitCode.OK);
        assertThat(shown.out()).contains(token.substring(0, 4) + "…" + token.substring(token.length() - 4))
                .contains("TEST_ACCOUNT").doesNotContain(token);
    }

    @Test
    void auditShowsTheResetAndFollowPrintsEventsAsTheyHappen() throws Exception {
        assertThat(cli.run("token", "reset", account.customerId(), "--yes", "--reason", "first").exit()).isZero();
        CliRun.Result past = cli.run("audit", account.customerId(), "--type", "TOKEN_RESET");
        assertThat(past.exit()).as("%s", past).isEqualTo(ExitCode.OK);
        assertThat(past.outLines()).hasSize(1);
        assertThat(past.out()).contains("TOKEN_RESET").contains(account.admin().email()).contains("reason=first");

        assertThat(cli.run("token", "reset", account.customerId(), "--yes", "--reason", "second").exit()).isZero();
        CliRun.Running follower = cli.start("audit", account.customerId(), "--follow", "--interval", "1", "-n", "1");
        String masked;
        CliRun.Result followed;
        try {
            assertThat(follower.awaitOut("reason=second", Duration.ofSeconds(20))).as("the last past event first").isTrue();
            Api.Reply second = scenario.reset(account, "a contractor left");
            assertThat(second.status()).isEqualTo(200);
            masked = second.text("maskedToken");
            assertThat(follower.awaitOut(masked, Duration.ofSeconds(20))).as("the new reset, polled").isTrue();
        } finally {
            followed = follower.stop();
        }
        assertThat(followed.exit()).as("%s", followed).isEqualTo(ExitCode.OK);
        assertThat(followed.outLines()).as("only -n 1 past event, then the new one: %s", followed).hasSize(2);
        assertThat(followed.outLines().get(0)).contains("TOKEN_RESET").contains("reason=second");
        assertThat(followed.outLines().get(1)).contains("TOKEN_RESET").contains("reason=\"a contractor left\"").contains(masked);
    }

    @Test
    void apiKeysAreCreatedShownOnceListedAndRevoked() {
        CliRun.Result created = cli.run("api-keys", "create", "--name", "ci rotation", "--scope", "token-admin",
                "--account", account.customerId());
        assertThat(created.exit()).as("%s", created).isEqualTo(ExitCode.OK);
        assertThat(created.outLines()).hasSize(1);
        String newKey = created.outLines().get(0);
        assertThat(newKey).matches("tsk_[A-Za-z0-9_-]{43}");
        assertThat(created.err()).contains("token-admin").contains("only time").doesNotContain(newKey);

        CliRun.Result listed = cli.run("api-keys", "list");
        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains("ci rotation").contains(newKey.substring(0, 8) + "…").doesNotContain(newKey);
        String id = listed.outLines().stream().filter(line -> line.contains("ci rotation")).findFirst().orElseThrow().split("\\s+")[0];

        CliRun withNewKey = CliRun.signedIn(tessera.baseUrl(), newKey);
        assertThat(withNewKey.run("token", "show", account.customerId()).exit()).isEqualTo(ExitCode.OK);

        CliRun.Result revoked = cli.run("api-keys", "revoke", id);
        assertThat(revoked.exit()).as("%s", revoked).isEqualTo(ExitCode.OK);
        assertThat(revoked.out()).isEmpty();
        CliRun.Result refused = withNewKey.run("token", "show", account.customerId());
        assertThat(refused.exit()).as("%s", refused).isEqualTo(ExitCode.AUTH);
        assertThat(refused.errLines()).containsExactly("tessera: 401 Unauthorized: The API key is unknown or has been revoked.");
    }

    @Test
    void anUnknownKeyOrNoKeyExitsWithTheAuthenticationCode() {
        CliRun.Result unknown = CliRun.signedIn(tessera.baseUrl(), "tsk_" + "A".repeat(43)).run("accounts");
        assertThat(unknown.exit()).as("%s", unknown).isEqualTo(ExitCode.AUTH);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.errLines()).hasSize(1);

        CliRun.Result none = CliRun.fresh().env("TESSERA_URL", tessera.baseUrl()).run("accounts");
        assertThat(none.exit()).as("%s", none).isEqualTo(ExitCode.AUTH);
        assertThat(none.err()).contains("TESSERA_API_KEY").contains("tessera login");
    }

    @Test
    void anUnreachableServerExitsWithTheUnavailableCode() {
        String down = "http://127.0.0.1:" + CliRun.closedPort();
        CliRun.Result result = cli.run("--url", down, "token", "reset", account.customerId(), "--yes");
        assertThat(result.exit()).as("%s", result).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).containsExactly("tessera: cannot reach Tessera at " + down + ": connection refused");
    }

    @Test
    void refusalsFromTheApiAreOneLineWithTheServersReason() {
        Scenario.Account stranger = scenario.account("stranger");
        CliRun.Result notMine = cli.run("token", "show", stranger.customerId());
        assertThat(notMine.exit()).as("%s", notMine).isEqualTo(ExitCode.REFUSED);
        assertThat(notMine.errLines()).hasSize(1);
        assertThat(notMine.err()).startsWith("tessera: 404 ");

        String readOnly = apiKey(account.admin().api(), "dashboard", "read-only");
        CliRun.Result forbidden = CliRun.signedIn(tessera.baseUrl(), readOnly).run("token", "reset", account.customerId(), "--yes");
        assertThat(forbidden.exit()).as("%s", forbidden).isEqualTo(ExitCode.REFUSED);
        assertThat(forbidden.errLines()).containsExactly("tessera: 403 Forbidden: The API key's scope does not allow this request.");
        assertThat(scenario.verify(tessera.dataPlane(), token, null).status()).isEqualTo(200);

        CliRun.Result badInput = cli.run("api-keys", "create", "--name", "x", "--scope", "superuser");
        assertThat(badInput.exit()).isEqualTo(ExitCode.REFUSED);
        assertThat(badInput.errLines()).hasSize(1);
        assertThat(badInput.err()).startsWith("tessera: 400 ").contains("(field: scope)");
    }

    @Test
    void answersFromSomethingOtherThanTesseraAreNamedAndExitWithTheirCodes() throws Exception {
        com.sun.net.httpserver.HttpServer other = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", exchange -> {
            byte[] page = "<html><body>Welcome to nginx!</body></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().contains("api-keys") ? 502 : 200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        try {
            CliRun elsewhere = CliRun.signedIn("http://127.0.0.1:" + other.getAddress().getPort(), key);
            CliRun.Result html = elsewhere.run("accounts");
            assertThat(html.exit()).as("%s", html).isEqualTo(ExitCode.UNEXPECTED);
            assertThat(html.errLines()).hasSize(1);
            assertThat(html.err()).contains("is not JSON");
            CliRun.Result gateway = elsewhere.run("api-keys", "list");
            assertThat(gateway.exit()).as("%s", gateway).isEqualTo(ExitCode.UNAVAILABLE);
            assertThat(gateway.errLines()).containsExactly("tessera: 502 Bad Gateway");
        } finally {
            other.stop(0);
        }
    }

    @Test
    void verifyReadsTheTokenFromStandardInputAndAsksTheDataPlane() {
        CliRun.Result accepted = cli.stdin(token + "\n").run("token", "verify");
        assertThat(accepted.exit()).as("%s", accepted).isEqualTo(ExitCode.OK);
        assertThat(accepted.out()).startsWith("accepted: manager account ").contains("TEST_ACCOUNT").doesNotContain(token);

        CliRun.Result unknown = cli.stdin("x".repeat(22) + "\n").run("token", "verify");
        assertThat(unknown.exit()).as("%s", unknown).isEqualTo(ExitCode.REFUSED);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.errLines()).containsExactly(
                "tessera: refused: 401 UNAUTHENTICATED DEVELOPER_TOKEN_INVALID: The developer token is not valid.");

        assertThat(cli.run("token", "verify").exit()).as("no token on stdin").isEqualTo(ExitCode.USAGE);
        CliRun.Result down = cli.stdin(token).run("token", "verify", "--data-plane-url", "http://127.0.0.1:" + CliRun.closedPort());
        assertThat(down.exit()).isEqualTo(ExitCode.UNAVAILABLE);
    }

    @Test
    void loginReadsTheKeyFromStandardInputAndWritesAConfigOnlyItsOwnerCanRead() throws Exception {
        CliRun person = CliRun.fresh();
        CliRun.Result wrongKey = person.stdin("tsk_" + "B".repeat(43) + "\n").run("login", "--url", tessera.baseUrl());
        assertThat(wrongKey.exit()).as("%s", wrongKey).isEqualTo(ExitCode.AUTH);
        java.nio.file.Path config = person.home().resolve(".config/tessera/config");
        assertThat(config).as("nothing written for a refused key").doesNotExist();

        CliRun.Result login = person.stdin(key + "\n").run("login", "--url", tessera.baseUrl(),
                "--data-plane-url", "http://127.0.0.1:" + tessera.dataPlanePort());
        assertThat(login.exit()).as("%s", login).isEqualTo(ExitCode.OK);
        assertThat(login.out()).isEmpty();
        assertThat(login.err()).doesNotContain(key);
        assertThat(java.nio.file.Files.getPosixFilePermissions(config))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(java.nio.file.Files.getPosixFilePermissions(config.getParent()))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

        assertThat(person.stdin("").run("accounts").exit()).as("signed in from the config file").isEqualTo(ExitCode.OK);
        assertThat(person.stdin(token).run("token", "verify").exit()).as("the data plane from the config file").isEqualTo(ExitCode.OK);

        java.nio.file.Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        CliRun.Result exposed = person.run("accounts");
        assertThat(exposed.exit()).as("%s", exposed).isEqualTo(ExitCode.USAGE);
        assertThat(exposed.err()).contains("chmod 600");
    }

    @Test
    void helpOnEveryCommandExitsZero() {
        for (List<String> command : List.of(List.<String>of(), List.of("login"), List.of("accounts"), List.of("token"),
                List.of("token", "show"), List.of("token", "reset"), List.of("token", "verify"), List.of("audit"),
                List.of("api-keys"), List.of("api-keys", "list"), List.of("api-keys", "create"), List.of("api-keys", "revoke"),
                List.of("completion"))) {
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help")).toArray(String[]::new);
            CliRun.Result help = CliRun.fresh().run(args);
            assertThat(help.exit()).as("%s: %s", command, help).isEqualTo(ExitCode.OK);
            assertThat(help.out()).as("%s", command).contains("Usage: tessera " + String.join(" ", command)).contains("Exit codes:");
        }
    }

    @Test
    void wrongCommandLinesExitWithTheUsageCode() {
        for (String[] args : List.of(new String[] {}, new String[] {"token"}, new String[] {"frobnicate"},
                new String[] {"token", "show", "12-34"}, new String[] {"token", "show", "../users"},
                new String[] {"audit", "123-456-7890", "--interval", "0"}, new String[] {"accounts", "--url", "ftp://x"},
                new String[] {"accounts", "--api-key", "tsk_x"})) {
            CliRun.Result result = cli.run(args);
            assertThat(result.exit()).as("%s: %s", List.of(args), result).isEqualTo(ExitCode.USAGE);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).startsWith("tessera: ");
        }
    }

    @Test
    void completionPrintsABashScriptForEveryCommand() {
        CliRun.Result completion = CliRun.fresh().run("completion");
        assertThat(completion.exit()).isEqualTo(ExitCode.OK);
        assertThat(completion.out()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_tessera")
                .contains("api-keys").contains("verify").contains("--follow");
    }
}
