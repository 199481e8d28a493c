package dev.tessera.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 18: a node starts from its saved token index and the change log after it, and the promise
 * holds across that start: a token reset, issued or promoted while the copy was not being saved is
 * in force as it was in the database, a replaced token is refused. A copy that fails a check (altered
 * bytes, a change the log no longer holds) is ignored and the tokens come from the database. A copy
 * saved while resets were being applied (it reads the index without the lock) converges the same way.
 */
class IndexSnapshotTests {

    private static final String NO_SNAPSHOTS = "tessera.index-snapshot-every=0";

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aRestartStartsFromTheSavedIndexAndReplaysWhatChangedSinceIt(Storage storage) throws IOException {
        TestDatabase database = TestDatabase.fresh(storage);
        Path file = database.dataDir().resolve(IndexSnapshotFile.NAME);
        Map<String, Scenario.Account> accounts = new LinkedHashMap<>();
        Map<String, String> valid = new LinkedHashMap<>();
        List<String> replaced = new ArrayList<>();
        try (RunningTessera first = RunningTessera.start(database)) {
            Scenario scenario = new Scenario(first);
            for (String name : List.of("kept", "promoted", "reset", "resetLater", "promotedLater")) {
                Scenario.Account account = scenario.account(name);
                accounts.put(name, account);
                valid.put(name, scenario.issueToken(account));
            }
            scenario.promote(accounts.get("promoted"), "BASIC");
            replaced.add(valid.get("reset"));
            valid.put("reset", scenario.reset(accounts.get("reset"), "saved copy").text("developerToken"));
        }
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        byte[] saved = Files.readAllBytes(file);

        // A node that neither saves nor reads a copy makes changes the copy does not hold.
        try (RunningTessera second = RunningTessera.start(database, NO_SNAPSHOTS)) {
            Scenario scenario = new Scenario(second);
            replaced.add(valid.get("resetLater"));
            valid.put("resetLater", reset(second, accounts.get("resetLater")));
            promote(second, accounts.get("promotedLater"));
            Scenario.Account issuedLater = scenario.account("issuedLater");
            accounts.put("issuedLater", issuedLater);
            valid.put("issuedLater", scenario.issueToken(issuedLater));
        }
        assertThat(Files.readAllBytes(file)).as("a node with snapshots off leaves the copy alone").isEqualTo(saved);

        try (RunningTessera third = RunningTessera.start(database)) {
            assertThat(third.bean(IndexSnapshots.class).restoredFrom()).as("started from the saved copy").isPresent();
            Scenario scenario = new Scenario(third);
            valid.forEach((name, token) -> {
                Api.Reply reply = scenario.forwardAuth(third.dataPlane(), token, null);
                assertThat(reply.status()).as("%s's newest token", name).isEqualTo(200);
                assertThat(reply.header("Tessera-Manager-Customer-Id")).isEqualTo(accounts.get(name).customerId());
                assertThat(reply.header("Tessera-Access-Level")).as(name)
                        .isEqualTo(name.startsWith("promoted") ? "BASIC" : "TEST_ACCOUNT");
            });
            for (String token : replaced) {
                assertThat(scenario.forwardAuth(third.dataPlane(), token, null).status()).as("a replaced token").isEqualTo(401);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aCopyThatFailsACheckIsIgnored(Storage storage) throws IOException {
        TestDatabase database = TestDatabase.fresh(storage);
        Path file = database.dataDir().resolve(IndexSnapshotFile.NAME);
        String token;
        try (RunningTessera first = RunningTessera.start(database)) {
            Scenario scenario = new Scenario(first);
            token = scenario.issueToken(scenario.account("owner"));
        }
        byte[] saved = Files.readAllBytes(file);

        byte[] altered = saved.clone();
        altered[40] ^= 1; // a byte of the first record's digest
        Files.write(file, altered);
        try (RunningTessera second = RunningTessera.start(database, "tessera.index-snapshot-every=1h")) {
            assertThat(second.bean(IndexSnapshots.class).restoredFrom()).as("altered copy").isEmpty();
            assertThat(new Scenario(second).forwardAuth(second.dataPlane(), token, null).status()).isEqualTo(200);
        }

        // The log no longer holds the change the copy was saved at (as after pruning).
        Files.write(file, saved);
        long sequence = ByteBuffer.wrap(saved).getLong(16);
        try (RunningTessera third = RunningTessera.start(database, NO_SNAPSHOTS)) {
            third.bean(JdbcClient.class).sql("DELETE FROM change_log WHERE seq = ?").param(sequence).update();
        }
        try (RunningTessera fourth = RunningTessera.start(database)) {
            assertThat(fourth.bean(IndexSnapshots.class).restoredFrom()).as("copy of a pruned change").isEmpty();
            assertThat(new Scenario(fourth).forwardAuth(fourth.dataPlane(), token, null).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aCopySavedWhileResetsWereAppliedConverges(Storage storage) throws Exception {
        TestDatabase database = TestDatabase.fresh(storage);
        Path file = database.dataDir().resolve(IndexSnapshotFile.NAME);
        List<Scenario.Account> accounts = new ArrayList<>();
        Map<String, String> newest = new LinkedHashMap<>();
        List<String> replaced = new ArrayList<>();
        List<byte[]> copies = new ArrayList<>();
        try (RunningTessera first = RunningTessera.start(database, "tessera.index-snapshot-every=20ms")) {
            Scenario scenario = new Scenario(first);
            for (int i = 0; i < 6; i++) {
                Scenario.Account account = scenario.account("racer" + i);
                accounts.add(account);
                newest.put(account.customerId(), scenario.issueToken(account));
            }
            Thread watcher = new Thread(() -> {
                byte[] last = new byte[0];
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        byte[] now = Files.readAllBytes(file);
                        if (!Arrays.equals(now, last)) {
                            synchronized (copies) {
                                copies.add(now);
                            }
                            last = now;
                        }
                        TimeUnit.MILLISECONDS.sleep(2);
                    } catch (IOException e) {
                        // not written yet
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "snapshot-watcher");
            watcher.setDaemon(true);
            watcher.start();
            for (int round = 0; round < 8; round++) {
                for (Scenario.Account account : accounts) {
                    replaced.add(newest.get(account.customerId()));
                    newest.put(account.customerId(), scenario.reset(account, "race").text("developerToken"));
                }
            }
            watcher.interrupt();
            watcher.join(5_000);
        }
        byte[] middle;
        synchronized (copies) {
            assertThat(copies).as("copies saved during the resets").hasSizeGreaterThan(2);
            middle = copies.get(copies.size() / 2);
        }
        Files.write(file, middle);
        long sequence = ByteBuffer.wrap(middle).getLong(16);

        try (RunningTessera second = RunningTessera.start(database)) {
            assertThat(second.bean(IndexSnapshots.class).restoredFrom()).hasValue(sequence);
            Scenario scenario = new Scenario(second);
            newest.forEach((customer, token) -> assertThat(scenario.forwardAuth(second.dataPlane(), token, null).status())
                    .as("newest token of %s", customer).isEqualTo(200));
            for (String token : replaced) {
                assertThat(scenario.forwardAuth(second.dataPlane(), token, null).status()).as("a replaced token").isEqualTo(401);
            }
        }
    }

    /** A reset through {@code node}, as the account's admin. */
    private static String reset(RunningTessera node, Scenario.Account account) {
        Api.Reply reply = admin(node, account).post(account.path() + "/developer-token:reset", null);
        assertThat(reply.status()).as("reset: %s", reply).isEqualTo(200);
        return reply.text("developerToken");
    }

    private static void promote(RunningTessera node, Scenario.Account account) {
        new Scenario(node).promote(new Scenario.Account(account.customerId(), new Scenario.User(account.admin().email(),
                account.admin().password(), admin(node, account))), "BASIC");
    }

    private static Api admin(RunningTessera node, Scenario.Account account) {
        return Api.at(node.baseUrl()).as(account.admin().email(), account.admin().password());
    }

}
