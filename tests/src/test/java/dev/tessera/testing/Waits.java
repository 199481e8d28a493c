package dev.tessera.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waits for tests that watch something happen in another process or thread. */
public final class Waits {

    private Waits() {}

    /** Polls {@code condition} every 50 ms until it holds; fails, naming {@code what}, after {@code limit}. */
    public static void awaitTrue(BooleanSupplier condition, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("%s within %s", what, limit).isNegative();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
