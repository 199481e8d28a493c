package dev.tessera.console.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.account.CustomerId;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import dev.tessera.testing.Api;
import dev.tessera.testing.MovableClock;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lock-out policy (issue 12: one anonymous client could lock every user out), on a real Tessera
 * on H2 and PostgreSQL, with a clock the test moves. Addresses other than the test's own loopback are
 * fed to {@link SignInLockout} directly, as Spring Security's listener does.
 */
@ParameterizedClass
@EnumSource(Storage.class)
class SignInLockoutTests {

    static final MovableClock clock = new MovableClock();
    static RunningTessera tessera;
    static Scenario scenario;

    @Parameter
    Storage storage;

    @BeforeParameterizedClassInvocation
    static void start(Storage storage) {
        tessera = RunningTessera.start(TestDatabase.fresh(storage), clock);
        scenario = new Scenario(tessera);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        tessera.close();
    }

    @AfterEach
    void letEveryWindowPass() {
        clock.advance(Duration.ofHours(1));
    }

    SignInLockout lockout() {
        return tessera.bean(SignInLockout.class);
    }

    @Test
    void twentyFailuresWithMadeUpEmailsDoNotLockTheOperatorOut() {
        // issue 12: after 20 failures with made-up emails from one address, the operator got 429.
        Scenario.User stranger = scenario.user("stranger");
        for (int i = 0; i < SignInLockout.MAX_ADDRESS_FAILURES; i++) {
            assertThat(tessera.api().as("made-up-" + i + "@example.com", "wrong-password-123")
                    .get("/api/v1/manager-accounts").status()).isEqualTo(401);
        }
        Api.Reply operator = tessera.operator().get("/api/v1/manager-accounts");
        assertThat(operator.status()).as("the operator, right password: %s", operator).isEqualTo(200);
        assertThat(stranger.api().get("/api/v1/manager-accounts").status())
                .as("a user who never signed in from this address").isEqualTo(429);
    }

    @Test
    void fiveFailuresForOneEmailFromOneAddressLockOnlyThatPair() {
        Scenario.User user = scenario.user("pair");
        for (int i = 0; i < SignInLockout.MAX_PAIR_FAILURES; i++) {
            lockout().recordFailure(user.email(), "198.51.100.7");
        }
        assertThat(lockout().lockedFor(user.email().toUpperCase(), "198.51.100.7").map(SignInLockout::minutesLeft))
                .contains(15L);
        assertThat(lockout().lockedFor(user.email(), "198.51.100.8")).as("another address").isEmpty();
        assertThat(user.api().get("/api/v1/manager-accounts").status()).as("from the test's own address").isEqualTo(200);
        clock.advance(SignInLockout.LOCK);
        assertThat(lockout().lockedFor(user.email(), "198.51.100.7")).isEmpty();
    }

    @Test
    void failuresForTheOperatorFromOtherAddressesNeverLockTheOperatorOut() {
        for (int i = 0; i < 2 * SignInLockout.MAX_ACCOUNT_FAILURES; i++) {
            lockout().recordFailure(RunningTessera.OPERATOR_EMAIL, "203.0.113." + i);
        }
        assertThat(lockout().lockedFor(RunningTessera.OPERATOR_EMAIL, "192.0.2.200")).as("a new address").isEmpty();
        assertThat(tessera.operator().get("/api/v1/manager-accounts").status()).isEqualTo(200);
    }

    @Test
    void manyFailuresForOneUserLockOnlyAddressesTheUserHasNotSignedInFrom() {
        Scenario.User user = scenario.user("spread");
        assertThat(user.api().get("/api/v1/manager-accounts").status()).isEqualTo(200);
        for (int i = 0; i < SignInLockout.MAX_ACCOUNT_FAILURES; i++) {
            lockout().recordFailure(user.email(), "203.0.113." + i);
        }
        assertThat(lockout().lockedFor(user.email(), "192.0.2.201")).as("a new address").isPresent();
        assertThat(user.api().get("/api/v1/manager-accounts").status()).as("where the user signed in before").isEqualTo(200);
    }

    @Test
    void anAccountAdminIsNotLockedOutByFailuresFromOtherAddresses() {
        Scenario.Account account = scenario.account("admin");
        for (int i = 0; i < SignInLockout.MAX_ACCOUNT_FAILURES; i++) {
            lockout().recordFailure(account.admin().email(), "203.0.113." + i);
        }
        for (int i = 0; i < SignInLockout.MAX_ADDRESS_FAILURES; i++) {
            lockout().recordFailure("made-up-" + i + "@example.com", "192.0.2.202");
        }
        assertThat(lockout().lockedFor(account.admin().email(), "192.0.2.202")).isEmpty();
        assertThat(lockout().lockedFor(account.admin().email(), "192.0.2.203")).isEmpty();
    }

    @Test
    void aLockOutIsRecordedInTheAuditLogOfTheUsersAccounts() {
        Scenario.Account account = scenario.account("audited");
        for (int i = 0; i < SignInLockout.MAX_PAIR_FAILURES + 2; i++) {
            lockout().recordFailure(account.admin().email(), "198.51.100.9");
        }
        long locked = tessera.bean(AuditLog.class)
                .count(CustomerId.parse(account.customerId()).value(), AuditEventType.SIGN_IN_LOCKED);
        assertThat(locked).isEqualTo(1);
    }

    @Test
    void aSuccessClearsThePairsFailures() {
        Scenario.User user = scenario.user("clear");
        for (int i = 0; i < SignInLockout.MAX_PAIR_FAILURES - 1; i++) {
            lockout().recordFailure(user.email(), "127.0.0.1");
        }
        assertThat(user.api().get("/api/v1/manager-accounts").status()).isEqualTo(200);
        lockout().recordFailure(user.email(), "127.0.0.1");
        assertThat(lockout().lockedFor(user.email(), "127.0.0.1")).isEmpty();
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowDoNotLock() {
        for (int i = 0; i < 10; i++) {
            lockout().recordFailure("bea@example.com", "198.51.100.10");
            clock.advance(Duration.ofMinutes(4));
        }
        assertThat(lockout().lockedFor("bea@example.com", "198.51.100.10")).isEmpty();
    }

    @Test
    void aLockOutOnOneNodeHoldsOnEveryNodeOfTheDatabase() {
        Scenario.User user = scenario.user("cluster");
        try (RunningTessera other = RunningTessera.start(tessera.database(), clock)) {
            for (int i = 0; i < SignInLockout.MAX_PAIR_FAILURES; i++) {
                assertThat(other.api().as(user.email(), "wrong-password-123").get("/api/v1/manager-accounts").status())
                        .isEqualTo(401);
            }
            assertThat(other.api().as(user.email(), user.password()).get("/api/v1/manager-accounts").status())
                    .as("on the node that counted").isEqualTo(429);
        }
        assertThat(user.api().get("/api/v1/manager-accounts").status()).as("on the other node").isEqualTo(429);
    }

    @Test
    void minutesLeftRoundsUp() {
        assertThat(SignInLockout.minutesLeft(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(SignInLockout.minutesLeft(Duration.ofSeconds(61))).isEqualTo(2);
        assertThat(SignInLockout.minutesLeft(Duration.ofMinutes(15))).isEqualTo(15);
    }
}
