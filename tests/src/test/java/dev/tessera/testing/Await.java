package dev.tessera.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Bounded polling: asks again every 25 ms until the answer passes, or fails after the limit saying what it saw last. */
public final class Await {

    private Await() {}

    public static <T> T until(String what, Duration limit, Supplier<T> ask, Predicate<T> done) {
        Instant deadline = Instant.now().plus(limit);
        T last = ask.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + limit + ": " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = ask.get();
        }
        return last;
    }
}
