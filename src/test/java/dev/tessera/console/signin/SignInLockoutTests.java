package dev.tessera.console.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The lock-out's arithmetic, with a clock the test moves (no sleeping). */
class SignInLockoutTests {

    /** A clock outside the product that the test moves by hand. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2025-06-01T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final SignInLockout lockout = new SignInLockout(clock);

    @Test
    void accountLocksAfterFiveFailuresAndUnlocksFifteenMinutesAfterTheLast() {
        for (int i = 0; i < 4; i++) {
            lockout.recordFailure("Ada@Example.com", "10.0.0." + i);
        }
        assertThat(lockout.lockedFor("ada@example.com", "10.0.0.9")).isEmpty();
        lockout.recordFailure("ada@example.com ", "10.0.0.5");
        assertThat(lockout.lockedFor("ADA@example.com", "10.0.0.9")).contains(Duration.ofMinutes(15));

        clock.advance(Duration.ofMinutes(14).plusSeconds(1));
        assertThat(lockout.lockedFor("ada@example.com", null).map(SignInLockout::minutesLeft)).contains(1L);
        clock.advance(Duration.ofMinutes(1));
        assertThat(lockout.lockedFor("ada@example.com", null)).isEmpty();
        lockout.recordFailure("ada@example.com", null);
        assertThat(lockout.lockedFor("ada@example.com", null)).as("the count started again").isEmpty();
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowDoNotLock() {
        for (int i = 0; i < 10; i++) {
            lockout.recordFailure("bea@example.com", null);
            clock.advance(Duration.ofMinutes(4));
        }
        assertThat(lockout.lockedFor("bea@example.com", null)).isEmpty();
    }

    @Test
    void oneAddressLocksAfterTwentyFailuresAcrossAccounts() {
        for (int i = 0; i < SignInLockout.MAX_IP_FAILURES; i++) {
            lockout.recordFailure("user" + i + "@example.com", "192.0.2.7");
        }
        assertThat(lockout.lockedFor("someone-new@example.com", "192.0.2.7")).isPresent();
        assertThat(lockout.lockedFor("someone-new@example.com", "192.0.2.8")).isEmpty();
    }

    @Test
    void successClearsTheAccountsFailures() {
        for (int i = 0; i < 4; i++) {
            lockout.recordFailure("cy@example.com", null);
        }
        lockout.recordSuccess("CY@example.com");
        lockout.recordFailure("cy@example.com", null);
        assertThat(lockout.lockedFor("cy@example.com", null)).isEmpty();
    }

    @Test
    void minutesLeftRoundsUp() {
        assertThat(SignInLockout.minutesLeft(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(SignInLockout.minutesLeft(Duration.ofSeconds(61))).isEqualTo(2);
        assertThat(SignInLockout.minutesLeft(Duration.ofMinutes(15))).isEqualTo(15);
    }
}
