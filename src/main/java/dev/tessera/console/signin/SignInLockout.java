package dev.tessera.console.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counts failed console sign-ins per account (the email typed, whether or not such a user exists,
 * so a lock-out reveals nothing) and per client IP. After {@link #MAX_ACCOUNT_FAILURES} failures
 * for one email, or {@link #MAX_IP_FAILURES} from one IP, within {@link #WINDOW}, further attempts
 * are refused until {@link #LOCK} has passed since the last failure. A successful sign-in clears
 * the account's count (not the IP's).
 *
 * <p>State is in memory, per node, and lost on restart: a deliberate trade (no table, no write on
 * every attempt) that still stops password guessing; a cluster multiplies the allowance by its
 * node count. Time comes from the injected {@link Clock}. Thread-safe; the maps are pruned of
 * expired entries when they grow past {@link #MAX_TRACKED}, so memory stays bounded.
 */
@Component
public class SignInLockout {

    public static final int MAX_ACCOUNT_FAILURES = 5;
    static final int MAX_IP_FAILURES = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCK = Duration.ofMinutes(15);
    static final int MAX_TRACKED = 10_000;

    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();
    private final Clock clock;

    SignInLockout(Clock clock) {
        this.clock = clock;
    }

    /** Failures within the window: how many, and when the last one was. Immutable. */
    private record Failures(int count, Instant first, Instant last) {

        Failures plus(Instant now) {
            return now.isAfter(first.plus(WINDOW)) ? new Failures(1, now, now) : new Failures(count + 1, first, now);
        }

        boolean expired(Instant now) {
            return !now.isBefore(last.plus(LOCK)) && !now.isBefore(first.plus(WINDOW));
        }
    }

    /** Records a failed attempt (wrong password or unknown email) for the email and the IP. */
    public void recordFailure(String email, String clientIp) {
        Instant now = clock.instant();
        prune(now);
        if (email != null && !email.isBlank()) {
            accounts.merge(key(email), new Failures(1, now, now), (old, ignored) -> old.plus(now));
        }
        if (clientIp != null) {
            addresses.merge(clientIp, new Failures(1, now, now), (old, ignored) -> old.plus(now));
        }
    }

    /** Forgets the account's failures after a successful sign-in. */
    public void recordSuccess(String email) {
        if (email != null) {
            accounts.remove(key(email));
        }
    }

    /**
     * How long this email or IP must wait before trying again, or empty when it may try now.
     * Rounded up to whole minutes by {@link #minutesLeft}.
     */
    public Optional<Duration> lockedFor(String email, String clientIp) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        if (email != null && !email.isBlank()) {
            wait = max(wait, remaining(accounts.get(key(email)), MAX_ACCOUNT_FAILURES, now));
        }
        if (clientIp != null) {
            wait = max(wait, remaining(addresses.get(clientIp), MAX_IP_FAILURES, now));
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    public static long minutesLeft(Duration wait) {
        return Math.max(1, (wait.toSeconds() + 59) / 60);
    }

    private static Duration remaining(Failures failures, int limit, Instant now) {
        if (failures == null || failures.count() < limit) {
            return Duration.ZERO;
        }
        Instant until = failures.last().plus(LOCK);
        return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
    }

    private void prune(Instant now) {
        if (accounts.size() > MAX_TRACKED) {
            accounts.values().removeIf(failures -> failures.expired(now));
        }
        if (addresses.size() > MAX_TRACKED) {
            addresses.values().removeIf(failures -> failures.expired(now));
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String key(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
