package dev.tessera.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The outbox sender's back-off: 30 s · 2^(n−1), capped at one hour, by default (issue 5). */
class NotificationRetryTests {

    @Test
    void retryDelayDoublesFromThirtySecondsUpToAnHour() {
        OutboxProperties defaults = new OutboxProperties(null, null, null, null, null, null, null);
        assertThat(defaults.retryDelay(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.retryDelay(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.retryDelay(5)).isEqualTo(Duration.ofMinutes(8));
        assertThat(defaults.retryDelay(8)).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.retryDelay(1000)).isEqualTo(Duration.ofHours(1));
    }
}
