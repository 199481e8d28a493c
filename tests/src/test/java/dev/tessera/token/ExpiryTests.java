package dev.tessera.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.Fast;
import dev.tessera.testing.MovableClock;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.SmtpServer;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Token expiry (issue 15) with a clock the tests move and a real SMTP server: with
 * {@code TESSERA_TOKEN_MAX_AGE=P90D}, reminders go to the API contact 30, 7 and 1 days ahead, each
 * once however often the check runs; an expired token is refused as {@code DEVELOPER_TOKEN_EXPIRED},
 * not as invalid; an ADMIN sets or clears an account's expiry.
 */
class ExpiryTests {

    static SmtpServer smtp;
    static final MovableClock clock = new MovableClock();
    static RunningTessera tessera;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        smtp = new SmtpServer();
        start(TestDatabase.fresh(Storage.H2));
    }

    private static void start(TestDatabase database) {
        tessera = RunningTessera.start(database, clock, Fast.with(smtp.properties("tessera.token-max-age=P90D")));
        scenario = new Scenario(tessera);
    }

    @AfterAll
    static void stop() {
        tessera.close();
        smtp.close();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String masked(Scenario.Account account) {
        return account.admin().api().get(account.path() + "/developer-token").text("maskedToken");
    }

    /** The expiry reminders in the account's outbox about this token. */
    private static long reminders(Scenario.Account account, String masked) {
        Api admin = tessera.api().as(account.admin().email(), account.admin().password());
        JsonNode outbox = admin.get(account.path() + "/notifications?size=200").json().get("notifications");
        return StreamSupport.stream(outbox.spliterator(), false)
                .filter(mail -> mail.get("kind").asString().equals("TOKEN_EXPIRING")
                        && mail.get("textBody").asString().contains(masked))
                .count();
    }

    private static void sendRemindersTwice() {
        tessera.bean(TokenExpiries.class).sendReminders();
        tessera.bean(TokenExpiries.class).sendReminders();
    }

    @Test
    void remindersGoOutThirtySevenAndOneDayAheadEachOnce() {
        Scenario.Account account = scenario.account("expiring");
        scenario.issueToken(account);
        String masked = masked(account);
        Instant expiresAt = Instant.parse(account.admin().api().get(account.path() + "/developer-token").text("expiresAt"));
        assertThat(Duration.between(clock.instant(), expiresAt)).isBetween(Duration.ofDays(90).minusMinutes(1),
                Duration.ofDays(90));

        clock.advance(Duration.ofDays(59));
        sendRemindersTwice();
        assertThat(reminders(account, masked)).as("31 days ahead: none yet").isZero();

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        sendRemindersTwice();
        assertThat(reminders(account, masked)).as("30 days ahead").isEqualTo(1);

        clock.advance(Duration.ofDays(23));
        sendRemindersTwice();
        assertThat(reminders(account, masked)).as("7 days ahead").isEqualTo(2);

        clock.advance(Duration.ofDays(6));
        sendRemindersTwice();
        sendRemindersTwice();
        assertThat(reminders(account, masked)).as("1 day ahead").isEqualTo(3);

        // Once across restarts: a row per reminder in the database, not a flag in memory.
        tessera.close();
        start(tessera.database());
        sendRemindersTwice();
        assertThat(reminders(account, masked)).as("after a restart").isEqualTo(3);

        assertThat(smtp.await("api-team@acme.example", 3, text -> text.contains(masked) && text.contains("expires")))
                .hasSize(3)
                .anySatisfy(mail -> assertThat(SmtpServer.text(mail)).contains("within 30 days"))
                .anySatisfy(mail -> assertThat(SmtpServer.text(mail)).contains("within 7 days"))
                .anySatisfy(mail -> assertThat(SmtpServer.text(mail)).contains("within 1 day"));
    }

    @Test
    void anExpiredTokenIsRefusedWithItsOwnMessageOnBothListeners() {
        Scenario.Account account = scenario.account("expired");
        String token = scenario.issueToken(account);
        assertThat(scenario.forwardAuth(token, null).status()).isEqualTo(200);

        clock.advance(Duration.ofDays(90).plusSeconds(1));
        for (Api listener : new Api[] {tessera.api(), tessera.dataPlane()}) {
            Api.Reply refused = scenario.forwardAuth(listener, token, null);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().at("/error/status").asString()).isEqualTo("UNAUTHENTICATED");
            assertThat(refused.json().at("/error/details/0/errors/0/errorCode/authenticationError").asString())
                    .isEqualTo("DEVELOPER_TOKEN_EXPIRED");
            assertThat(refused.json().at("/error/message").asString()).contains("has expired");
        }
        assertThat(scenario.verify(token, null).json().at("/error/details/0/errors/0/errorCode/authenticationError")
                .asString()).isEqualTo("DEVELOPER_TOKEN_EXPIRED");

        String fresh = scenario.reset(account, "expired").text("developerToken");
        assertThat(scenario.forwardAuth(fresh, null).status()).isEqualTo(200);
    }

    @Test
    void anAdminSetsAndClearsTheTokensExpiry() {
        Scenario.Account account = scenario.account("set-expiry");
        String token = scenario.issueToken(account);
        String path = account.path() + "/developer-token/expiry";

        for (String bad : new String[] {clock.instant().minusSeconds(60).toString(), "tomorrow", "2030-01-01"}) {
            Api.Reply refused = account.admin().api().put(path, Map.of("expiresAt", bad));
            assertThat(refused.status()).as("%s: %s", bad, refused).isEqualTo(400);
            assertThat(refused.text("field")).isEqualTo("expiresAt");
        }
        Instant in2Days = clock.instant().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Api.Reply set = account.admin().api().put(path, Map.of("expiresAt", in2Days.toString()));
        assertThat(set.status()).as("%s", set).isEqualTo(200);
        assertThat(Instant.parse(set.text("expiresAt"))).isEqualTo(in2Days);
        assertThat(Instant.parse(account.admin().api().get(account.path() + "/developer-token").text("expiresAt")))
                .isEqualTo(in2Days);
        assertThat(scenario.forwardAuth(token, null).status()).isEqualTo(200);

        clock.advance(Duration.ofDays(2).plusSeconds(1));
        assertThat(scenario.forwardAuth(token, null).json().at("/error/details/0/errors/0/errorCode/authenticationError")
                .asString()).isEqualTo("DEVELOPER_TOKEN_EXPIRED");

        Map<String, Object> clear = new HashMap<>();
        clear.put("expiresAt", null);
        Api.Reply cleared = account.admin().api().put(path, clear);
        assertThat(cleared.status()).as("%s", cleared).isEqualTo(200);
        assertThat(scenario.forwardAuth(token, null).status()).as("back to the 90-day maximum age").isEqualTo(200);
        assertThat(account.admin().api().get(account.path() + "/audit-events?type=TOKEN_EXPIRY_SET").json()
                .at("/events").size()).isEqualTo(2);
    }
}
