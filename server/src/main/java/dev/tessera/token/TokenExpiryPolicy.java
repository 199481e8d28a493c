package dev.tessera.token;

import dev.tessera.system.StartupRefusal;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When a token expires: at the expiry an ADMIN set for it, or at its creation plus the platform's
 * maximum token age ({@code TESSERA_TOKEN_MAX_AGE}, an ISO-8601 duration such as {@code P90D}; off
 * by default), whichever comes first; never when neither applies (issue 15).
 */
@Component
public class TokenExpiryPolicy {

    private final Duration maxAge;

    TokenExpiryPolicy(@Value("${tessera.token-max-age:}") String maxAge) {
        this.maxAge = parse(maxAge);
    }

    private static Duration parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Duration parsed = Duration.parse(value.trim());
            if (!parsed.isNegative() && !parsed.isZero()) {
                return parsed;
            }
        } catch (RuntimeException e) {
            // refused below
        }
        throw new StartupRefusal("TESSERA_TOKEN_MAX_AGE is not a positive ISO-8601 duration: \"" + value + "\".",
                "Set it to a duration such as P90D (90 days), or leave it unset for tokens that do not expire by age.");
    }

    /** The platform's maximum token age, or null when tokens do not expire by age. */
    public Duration maxAge() {
        return maxAge;
    }

    /** The token's expiry, or null when it does not expire. */
    public Instant expiry(Instant createdAt, Instant setExpiry) {
        Instant byAge = maxAge == null ? null : createdAt.plus(maxAge);
        if (byAge == null) {
            return setExpiry;
        }
        return setExpiry == null || byAge.isBefore(setExpiry) ? byAge : setExpiry;
    }

    /** {@link #expiry} in epoch milliseconds, {@link Long#MAX_VALUE} when none. */
    long expiryMillis(Instant createdAt, Instant setExpiry) {
        Instant expiry = expiry(createdAt, setExpiry);
        return expiry == null ? Long.MAX_VALUE : expiry.toEpochMilli();
    }

    /**
     * {@link #expiryMillis(Instant, Instant)} of instants in microseconds since the epoch, a database's
     * precision ({@code setExpiryMicros} {@link Long#MAX_VALUE} when none): with no maximum age, no object
     * is made, for loading ten million tokens at start (issue 18).
     */
    long expiryMillisOfMicros(long createdAtMicros, long setExpiryMicros) {
        if (maxAge == null) {
            return setExpiryMicros == Long.MAX_VALUE ? Long.MAX_VALUE : Math.floorDiv(setExpiryMicros, 1000);
        }
        return expiryMillis(instant(createdAtMicros), setExpiryMicros == Long.MAX_VALUE ? null : instant(setExpiryMicros));
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
    }
}
