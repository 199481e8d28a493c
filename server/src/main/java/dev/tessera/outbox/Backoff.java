package dev.tessera.outbox;

import java.time.Duration;

/** Exponential back-off of the outboxes (mail here, webhooks in their feature). */
public final class Backoff {

    private Backoff() {}

    /** Delay before attempt {@code failures + 1}: base · 2^(failures − 1), at most max. */
    public static Duration delay(Duration base, Duration max, int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 30));
        Duration delay = base.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
