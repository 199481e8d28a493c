package dev.tessera.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.ChildTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Nothing acknowledged is lost to kill -9 (issue 12). A Tessera in a JVM of its own takes bursts of
 * resets on three accounts, role changes and removals of a member, and new accounts with their first
 * token, each writer waiting for its answer before its next write; at a random moment of each burst
 * the JVM gets SIGKILL and a new one starts on the same data. Then every write a client got a 2xx
 * for is there: the last token each client received is the one valid token of its account (or, when
 * a reset was in flight at the kill, the one after it: committed but never acknowledged), every older
 * token is refused, the member has the last acknowledged role, every issued token works, and the
 * outbox holds one reset notice per committed reset.
 *
 * <p>{@code -Dtessera.crash.kills=N} sets the kills per database (10 in the build; the long run in
 * the README uses 100).
 */
@ParameterizedClass
@EnumSource(Storage.class)
class CrashDurabilityTests {

    private static final int KILLS = Integer.getInteger("tessera.crash.kills", 10);
    private static final int RESETTING_ACCOUNTS = 3;

    @Parameter
    Storage storage;

    private ChildTessera tessera;
    private final List<Writer> writers = new ArrayList<>();

    @AfterEach
    void stop() {
        if (tessera != null) {
            tessera.close();
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillNine() throws InterruptedException {
        TestDatabase database = TestDatabase.fresh(storage);
        tessera = ChildTessera.start(database, "start-0");
        Scenario scenario = new Scenario(tessera);
        for (int i = 0; i < RESETTING_ACCOUNTS; i++) {
            Scenario.Account account = scenario.account("resetter");
            writers.add(new Resetter(account, scenario.issueToken(account)));
        }
        Scenario.Account team = scenario.account("team-admin");
        Scenario.User member = scenario.user("member");
        scenario.addMember(team, member, "STANDARD");
        writers.add(new RoleChanger(team, member));
        writers.add(new Issuer(scenario.user("issuer")));

        for (int kill = 1; kill <= KILLS; kill++) {
            List<Thread> threads = new ArrayList<>();
            for (Writer writer : writers) {
                Thread thread = new Thread(writer::writeUntilKilled, "writer");
                thread.start();
                threads.add(thread);
            }
            long before = acknowledged();
            Thread.sleep(ThreadLocalRandom.current().nextLong(300, 2_500));
            // on a saturated machine a burst may not have finished one write yet: kill after the first
            long waitLimit = System.nanoTime() + 60_000_000_000L;
            while (acknowledged() == before && System.nanoTime() - waitLimit < 0) {
                Thread.sleep(ThreadLocalRandom.current().nextLong(10, 200));
            }
            tessera.killHard();
            for (Thread thread : threads) {
                thread.join(60_000);
                assertThat(thread.isAlive()).as("a writer still running 60 s after the kill").isFalse();
            }
            tessera = ChildTessera.start(database, "start-" + kill);
            for (Writer writer : writers) {
                writer.checkAfterRestart(kill);
            }
        }
        long acknowledged = acknowledged();
        assertThat(acknowledged).as("writes acknowledged over %d kills", KILLS).isGreaterThan(KILLS);
        System.out.printf("CrashDurabilityTests[%s]: %d kills, %d acknowledged writes, 0 lost%n", storage, KILLS, acknowledged);
    }

    private long acknowledged() {
        return writers.stream().mapToLong(writer -> writer.acknowledged).sum();
    }

    /** A client that writes, one request at a time, until Tessera dies under it. */
    private abstract class Writer {

        /** Written by the writer's thread only; read by the test's to time the kill. */
        volatile long acknowledged;
        /** What the client asked for when the connection died, or null when nothing was in flight. */
        final AtomicReference<Object> inFlight = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        void writeUntilKilled() {
            inFlight.set(null);
            try {
                while (true) {
                    writeOnce();
                    acknowledged++;
                }
            } catch (UncheckedIOException killed) {
                // the JVM is gone; inFlight says what it was asked last
            } catch (Throwable unexpected) {
                failure.set(unexpected);
            }
        }

        /** One write: sets {@link #inFlight}, sends it, and on its 2xx records it and clears inFlight. */
        abstract void writeOnce();

        void checkAfterRestart(int kill) {
            assertThat(failure.get()).as("writer failed before kill %d", kill).isNull();
            check(kill);
        }

        abstract void check(int kill);

        Api as(Scenario.User user) {
            return tessera.api().as(user.email(), user.password());
        }

        int dataPlaneStatus(String token) {
            return tessera.dataPlane().header("developer-token", token).get("/v1/forward-auth").status();
        }
    }

    /** Resets one account's token in a loop. */
    private final class Resetter extends Writer {

        private final Scenario.Account account;
        private final List<String> retired = new ArrayList<>();
        /** The valid token as far as this client knows, or null after a kill that committed an unseen reset. */
        private String current;
        private int resetCount;

        Resetter(Scenario.Account account, String issued) {
            this.account = account;
            this.current = issued;
        }

        @Override
        void writeOnce() {
            inFlight.set("reset");
            Api.Reply reply = as(account.admin()).post(account.path() + "/developer-token:reset", Map.of("reason", "crash test"));
            assertThat(reply.status()).as("reset: %s", reply).isEqualTo(200);
            if (current != null) {
                retired.add(current);
            }
            current = reply.text("developerToken");
            resetCount = reply.json().get("resetCount").asInt();
            inFlight.set(null);
        }

        @Override
        void check(int kill) {
            JsonNode view = as(account.admin()).get(account.path() + "/developer-token").json();
            int committed = view.get("resetCount").asInt();
            boolean wasInFlight = inFlight.get() != null;
            assertThat(committed).as("resets of %s committed after kill %d (acknowledged %d, one in flight: %s)",
                    account.customerId(), kill, resetCount, wasInFlight)
                    .isBetween(resetCount, wasInFlight ? resetCount + 1 : resetCount);
            if (committed > resetCount) {
                // the reset in flight committed but its answer never came: the last token received is retired too
                if (current != null) {
                    retired.add(current);
                }
                current = null;
                resetCount = committed;
            }
            if (current != null) {
                assertThat(dataPlaneStatus(current)).as("the last acknowledged token after kill %d", kill).isEqualTo(200);
            }
            for (String old : retired) {
                assertThat(dataPlaneStatus(old)).as("a token reset before kill %d", kill).isEqualTo(401);
            }
            assertThat(resetNotices()).as("reset notices in the outbox after kill %d", kill).isEqualTo(committed);
        }

        private long resetNotices() {
            long count = 0;
            for (int page = 0; ; page++) {
                JsonNode body = as(account.admin()).get(account.path() + "/notifications?size=200&page=" + page).json();
                JsonNode notifications = body.get("notifications");
                for (JsonNode notification : notifications) {
                    if ("TOKEN_RESET".equals(notification.get("kind").asString())) {
                        count++;
                    }
                }
                if (notifications.size() < 200) {
                    return count;
                }
            }
        }
    }

    /** Changes a member's role STANDARD → READ_ONLY → removed → invited and accepted as STANDARD … in a loop. */
    private final class RoleChanger extends Writer {

        private static final List<String> CYCLE = List.of("STANDARD", "READ_ONLY", "REMOVED");

        private final Scenario.Account account;
        private final Scenario.User user;
        private final String member;
        private String acknowledgedState = "STANDARD";

        RoleChanger(Scenario.Account account, Scenario.User user) {
            this.account = account;
            this.user = user;
            this.member = user.email();
        }

        @Override
        void writeOnce() {
            String next = CYCLE.get((CYCLE.indexOf(acknowledgedState) + 1) % CYCLE.size());
            inFlight.set(next);
            Api api = as(account.admin());
            Api.Reply reply = next.equals("REMOVED")
                    ? api.delete(account.path() + "/users/" + member)
                    : api.put(account.path() + "/users/" + member, Map.of("role", next));
            if (reply.status() == 202) {
                // Re-adding after a removal is an invitation; the membership exists once the member accepts.
                reply = Scenario.acceptInvitation(api, account.path(), as(user), member);
            }
            assertThat(reply.status()).as("%s %s: %s", next, member, reply).isIn(200, 204);
            acknowledgedState = next;
            inFlight.set(null);
        }

        @Override
        void check(int kill) {
            String state = "REMOVED";
            for (JsonNode user : as(account.admin()).get(account.path() + "/users").json()) {
                if (user.get("email").asString().equals(member)) {
                    state = user.get("role").asString();
                }
            }
            Object asked = inFlight.get();
            assertThat(state).as("the member's role after kill %d (acknowledged %s, in flight %s)", kill,
                    acknowledgedState, asked)
                    .isIn(asked == null ? List.of(acknowledgedState) : List.of(acknowledgedState, asked));
            acknowledgedState = state;
        }
    }

    /** Creates manager accounts and issues each one's first token, in a loop. */
    private final class Issuer extends Writer {

        private final Scenario.User admin;
        private final List<String> issued = new ArrayList<>();

        Issuer(Scenario.User admin) {
            this.admin = admin;
        }

        @Override
        void writeOnce() {
            inFlight.set("account");
            Api.Reply created = as(admin).post("/api/v1/manager-accounts", Map.of("name", "Crash MCC",
                    "companyName", "Crash Ltd", "companyUrl", "https://crash.example", "apiContactEmail", "api@crash.example"));
            assertThat(created.status()).as("create account: %s", created).isEqualTo(201);
            inFlight.set("token");
            Api.Reply token = as(admin).post("/api/v1/manager-accounts/" + created.text("customerId") + "/developer-token", null);
            assertThat(token.status()).as("issue: %s", token).isEqualTo(201);
            issued.add(token.text("developerToken"));
            inFlight.set(null);
        }

        @Override
        void check(int kill) {
            for (String token : issued) {
                assertThat(dataPlaneStatus(token)).as("an acknowledged issue after kill %d", kill).isEqualTo(200);
            }
        }
    }
}
