package dev.tessera.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.OnEachStorageWithClock;
import dev.tessera.testing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Rotation with overlap (issue 15), on H2 and PostgreSQL, with a clock the tests move: both tokens
 * work during the overlap, the old one is refused the moment it ends (on the main port and the
 * data-plane listener), a reset or an ADMIN ends it at once, and the old token's use is counted.
 */
class RotationTests extends OnEachStorageWithClock {

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Api.Reply rotate(Scenario.Account account, Object overlap) {
        return account.admin().api().post(account.path() + "/developer-token:rotate",
                overlap == null ? Map.of() : Map.of("overlap", overlap));
    }

    private static int status(String token) {
        return scenario.forwardAuth(token, null).status();
    }

    private static int dataPlaneStatus(String token) {
        return scenario.forwardAuth(tessera.dataPlane(), token, null).status();
    }

    @Test
    void bothTokensWorkDuringTheOverlapAndTheOldOneIsRefusedTheMomentItEnds() {
        Scenario.Account account = scenario.account("rotator");
        String old = scenario.issueToken(account);

        Instant before = clock.instant();
        Api.Reply rotated = rotate(account, "PT1H");
        assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
        String fresh = rotated.text("developerToken");
        assertThat(fresh).isNotEqualTo(old).hasSize(22);
        assertThat(rotated.text("previousMaskedToken")).isEqualTo(old.substring(0, 4) + "…" + old.substring(18));
        Instant validUntil = Instant.parse(rotated.text("previousTokenValidUntil"));
        assertThat(Duration.between(before, validUntil)).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
        assertThat(rotated.json().at("/propagation/sequence").asLong()).isPositive();

        assertThat(status(old)).isEqualTo(200);
        assertThat(status(fresh)).isEqualTo(200);
        assertThat(dataPlaneStatus(old)).isEqualTo(200);
        assertThat(dataPlaneStatus(fresh)).isEqualTo(200);

        clock.advance(Duration.between(clock.instant(), validUntil).minusSeconds(2));
        assertThat(status(old)).as("a moment before the end").isEqualTo(200);
        clock.advance(Duration.ofSeconds(3));
        Api.Reply refused = scenario.forwardAuth(old, null);
        assertThat(refused.status()).as("the moment it ends, before any sweep").isEqualTo(401);
        assertThat(refused.json().at("/error/details/0/errors/0/errorCode/authenticationError").asString())
                .isEqualTo("DEVELOPER_TOKEN_INVALID");
        assertThat(dataPlaneStatus(old)).isEqualTo(401);
        assertThat(status(fresh)).isEqualTo(200);

        tessera.bean(OverlapUsage.class).sweep();
        assertThat(status(old)).as("swept from the index").isEqualTo(401);
        assertThat(account.admin().api().get(account.path() + "/developer-token/overlap").json().get("running").asBoolean())
                .isFalse();
        JsonNode ended = account.admin().api().get(account.path() + "/audit-events?type=TOKEN_OVERLAP_ENDED").json();
        assertThat(ended.at("/events/0/details/cause").asString()).isEqualTo("time");
        assertThat(account.admin().api().get(account.path() + "/audit-events?type=TOKEN_ROTATED").json()
                .at("/events/0/details/overlap").asString()).isEqualTo("PT1H");
    }

    @Test
    void aResetDuringTheOverlapRefusesBothOldTokensAtOnce() {
        Scenario.Account account = scenario.account("resetter");
        String first = scenario.issueToken(account);
        String second = rotate(account, "P1D").text("developerToken");
        assertThat(status(first)).isEqualTo(200);

        Api.Reply reset = scenario.reset(account, "leaked during rotation");
        assertThat(reset.status()).isEqualTo(200);
        String third = reset.text("developerToken");

        assertThat(status(first)).isEqualTo(401);
        assertThat(status(second)).isEqualTo(401);
        assertThat(dataPlaneStatus(first)).isEqualTo(401);
        assertThat(status(third)).isEqualTo(200);
        assertThat(account.admin().api().get(account.path() + "/audit-events?type=TOKEN_OVERLAP_ENDED").json()
                .at("/events/0/details/cause").asString()).isEqualTo("reset");
    }

    @Test
    void endingTheOverlapNowRefusesTheOldTokenWhenTheCallReturns() {
        Scenario.Account account = scenario.account("ender");
        String old = scenario.issueToken(account);
        String fresh = rotate(account, "PT2H").text("developerToken");

        Api.Reply ended = account.admin().api().post(account.path() + "/developer-token:endOverlap", null);
        assertThat(ended.status()).as("%s", ended).isEqualTo(200);
        assertThat(ended.json().at("/propagation/sequence").asLong()).isPositive();
        assertThat(status(old)).isEqualTo(401);
        assertThat(status(fresh)).isEqualTo(200);

        Api.Reply again = account.admin().api().post(account.path() + "/developer-token:endOverlap", null);
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void aRotationDuringAnOverlapEndsThePreviousOne() {
        Scenario.Account account = scenario.account("twice");
        String first = scenario.issueToken(account);
        String second = rotate(account, "PT1H").text("developerToken");
        String third = rotate(account, "PT1H").text("developerToken");

        assertThat(status(first)).isEqualTo(401);
        assertThat(status(second)).isEqualTo(200);
        assertThat(status(third)).isEqualTo(200);
    }

    @Test
    void anOverlapOutsideOneMinuteToSevenDaysIsRefusedAndChangesNothing() {
        Scenario.Account account = scenario.account("bad-overlap");
        String token = scenario.issueToken(account);
        String masked = account.admin().api().get(account.path() + "/developer-token").text("maskedToken");

        for (Object overlap : new Object[] {"PT59S", "P7DT1S", "-PT1H", "an hour", 3600, ""}) {
            Api.Reply refused = rotate(account, overlap);
            assertThat(refused.status()).as("overlap %s: %s", overlap, refused).isEqualTo(400);
            assertThat(refused.text("field")).as("overlap %s", overlap).isEqualTo("overlap");
        }
        assertThat(rotate(account, null).status()).isEqualTo(400);

        assertThat(status(token)).isEqualTo(200);
        assertThat(account.admin().api().get(account.path() + "/developer-token").text("maskedToken")).isEqualTo(masked);
        assertThat(account.admin().api().get(account.path() + "/audit-events?type=TOKEN_ROTATED").json()
                .at("/events").size()).isZero();
        assertThat(rotate(account, "PT1M").status()).as("the bounds are allowed").isEqualTo(200);
        assertThat(rotate(account, "P7D").status()).isEqualTo(200);
    }

    @Test
    void theOldTokensRequestsAndLastSightingAreCounted() {
        Scenario.Account account = scenario.account("counter");
        String old = scenario.issueToken(account);
        String fresh = rotate(account, "PT1H").text("developerToken");
        for (int i = 0; i < 3; i++) {
            assertThat(status(old)).isEqualTo(200);
        }
        assertThat(dataPlaneStatus(old)).isEqualTo(200);
        assertThat(status(fresh)).isEqualTo(200);

        JsonNode overlap = account.admin().api().get(account.path() + "/developer-token/overlap").json();
        assertThat(overlap.get("running").asBoolean()).isTrue();
        assertThat(overlap.get("requests").asLong()).isEqualTo(4);
        assertThat(Instant.parse(overlap.get("lastSeenAt").asString()))
                .isBetween(clock.instant().minusSeconds(60), clock.instant().plusSeconds(1));
        assertThat(overlap.get("previousMaskedToken").asString()).startsWith(old.substring(0, 4));
    }
}
