package dev.tessera.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CoarseClockTests {

    private final CoarseClock clock = CoarseClock.systemUTC();

    @Test
    void followsTheSystemClockWithoutGettingAhead() throws InterruptedException {
        long before = clock.millis();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (clock.millis() == before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long coarse = clock.millis();
        long system = System.currentTimeMillis();
        assertThat(coarse).as("it moves").isGreaterThan(before);
        assertThat(coarse).as("never ahead of the system clock").isLessThanOrEqualTo(system);
        // Behind by about one resolution; the bound is loose so a busy machine cannot fail it.
        assertThat(system - coarse).isLessThan(1_000);
        assertThat(clock.instant().toEpochMilli()).isGreaterThanOrEqualTo(coarse);
    }

    @Test
    void isTheOneUtcClockOfTheJvm() {
        assertThat(CoarseClock.systemUTC()).isSameAs(clock);
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
        assertThat(clock).isNotEqualTo(Clock.systemUTC());
    }
}
