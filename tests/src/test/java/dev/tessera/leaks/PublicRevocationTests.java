package dev.tessera.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.MovableClock;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The public revocation endpoint (issue 15): anyone revokes a found token; at most 1,000 a call;
 * limited per client address; the same answer whatever was active.
 */
class PublicRevocationTests {

    static final String PATH = "/v1/credentials/revoke";

    static MovableClock clock;
    static RunningTessera tessera;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        clock = new MovableClock();
        tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2), clock,
                "tessera.secret-scanning.revocations-per-minute=3");
        scenario = new Scenario(tessera);
    }

    @AfterAll
    static void stop() {
        tessera.close();
    }

    @BeforeEach
    void refillRateLimits() {
        clock.advance(Duration.ofMinutes(1));
    }

    static Api.Reply revoke(List<String> credentials) {
        return tessera.api().post(PATH, Map.of("credentials", credentials));
    }

    static int onListener(String token) {
        return scenario.forwardAuth(tessera.dataPlane(), token, null).status();
    }

    /** Issue 15: during a rotation's overlap the previous token is valid too, so a report of it ends the overlap. */
    @Test
    void aReportedPreviousTokenEndsItsOverlapAndAReportedNewTokenEndsBoth() {
        Scenario.Account account = scenario.account("rotating-finder");
        String previous = scenario.issueToken(account);
        String current = rotate(account);
        assertThat(onListener(previous)).as("previous token during the overlap").isEqualTo(200);

        assertThat(revoke(List.of(previous)).status()).isEqualTo(202);
        assertThat(onListener(previous)).as("reported previous token").isEqualTo(401);
        assertThat(onListener(current)).as("the current token stays").isEqualTo(200);
        assertThat(account.admin().api().get(account.path() + "/developer-token/overlap").json().get("running").asBoolean())
                .isFalse();

        clock.advance(Duration.ofMinutes(1));
        String newest = rotate(account);
        assertThat(revoke(List.of(newest)).status()).isEqualTo(202);
        assertThat(onListener(newest)).as("reported active token").isEqualTo(401);
        assertThat(onListener(current)).as("the overlap's previous token ends with the revoked lineage").isEqualTo(401);
    }

    private static String rotate(Scenario.Account account) {
        Api.Reply rotated = account.admin().api().post(account.path() + "/developer-token:rotate", Map.of("overlap", "PT1H"));
        assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
        return rotated.text("developerToken");
    }

    @Test
    void anActiveAndAnUnknownTokenGetTheSameAnswerAndTheActiveOneIsRefusedEverywhereAtOnce() {
        Scenario.Account account = scenario.account("finder");
        String token = scenario.issueToken(account);

        Api.Reply active = revoke(List.of(token));
        Api.Reply unknown = revoke(List.of("AAAAAAAAAAAAAAAAAAAAAA", "not a token"));

        assertThat(active.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(active.body()).isEqualTo(unknown.body()).isEmpty();
        assertThat(active.contentType()).isEqualTo(unknown.contentType());
        assertThat(onListener(token)).isEqualTo(401);
        JsonNode events = account.admin().api().get(account.path() + "/audit-events?type=TOKEN_REVOKED").json().get("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).at("/details/revoked").asString()).isEqualTo("reported public");
        assertThat(events.get(0).at("/details/reportedBy").asString()).isEqualTo("public revocation request");
        assertThat(events.get(0).get("clientIp").asString()).isEqualTo("127.0.0.1");
        assertThat(revoke(List.of(token)).status()).as("again").isEqualTo(202);
    }

    @Test
    void moreThanAThousandCredentialsAreRefusedWith400AndRevokeNothing() {
        Scenario.Account account = scenario.account("flood");
        String token = scenario.issueToken(account);
        List<String> credentials = new ArrayList<>();
        credentials.add(token);
        for (int i = 1; i <= 1_000; i++) {
            credentials.add(String.format("unknown-%017d", i));
        }

        Api.Reply refused = revoke(credentials);

        assertThat(refused.status()).as("%s", refused).isEqualTo(400);
        assertThat(refused.body()).doesNotContain(token);
        assertThat(onListener(token)).isEqualTo(200);
        assertThat(revoke(credentials.subList(1, 1_001)).status()).as("exactly 1,000").isEqualTo(202);
        assertThat(onListener(token)).isEqualTo(200);
    }

    @Test
    void aBodyThatIsNotAListOfCredentialsIsRefusedWith400() {
        for (String body : List.of("{}", "{\"credentials\":[]}", "{\"credentials\":[1]}")) {
            assertThat(tessera.api().send("POST", PATH, body, "application/json").status()).as(body).isEqualTo(400);
        }
    }

    @Test
    void eachAddressGetsAFewCallsAMinuteAndAThrottledCallRevokesNothing() {
        Scenario.Account account = scenario.account("throttled");
        String token = scenario.issueToken(account);
        for (int i = 0; i < 3; i++) {
            assertThat(revoke(List.of("AAAAAAAAAAAAAAAAAAAAAA")).status()).isEqualTo(202);
        }

        Api.Reply throttled = revoke(List.of(token));

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(onListener(token)).isEqualTo(200);
        clock.advance(Duration.ofSeconds(20));
        assertThat(revoke(List.of(token)).status()).as("a call is back after 20 s").isEqualTo(202);
        assertThat(onListener(token)).isEqualTo(401);
    }
}
