package dev.tessera.console.apicenter;

import dev.tessera.account.CustomerId;
import dev.tessera.token.DeveloperTokens;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

/**
 * Holds a newly issued token in the session between the POST that made it and the one GET that
 * shows it (Post/Redirect/Get), so the token is never in a URL and a reload shows only the masked
 * form: {@link #take} removes it. An untaken token is dropped after {@link #TTL}. The held value is
 * deliberately not {@link java.io.Serializable}, so a session store never writes it to disk.
 */
@Component
class ShownOnce {

    static final Duration TTL = Duration.ofMinutes(5);
    private static final String PREFIX = ShownOnce.class.getName() + ":";

    private final Clock clock;

    ShownOnce(Clock clock) {
        this.clock = clock;
    }

    /** The token to show once, with what the page says about it. */
    /** {@code previousValidUntil}: after a rotation, when the previous token stops working, as shown (issue 15); else null. */
    record Token(String value, String masked, String previousMasked, boolean reset, Instant madeAt,
            String previousValidUntil) {

        @Override
        public String toString() {
            return "Token[" + masked + "]";
        }
    }

    void hold(HttpSession session, CustomerId account, DeveloperTokens.IssuedToken issued) {
        hold(session, account, issued, null);
    }

    /** Holds a rotated-in token; the previous one works until {@code previousValidUntil}. */
    void hold(HttpSession session, CustomerId account, DeveloperTokens.IssuedToken issued, Instant previousValidUntil) {
        session.setAttribute(PREFIX + account.digits(), new Token(issued.token().value(), issued.token().masked(),
                issued.previousMaskedToken(), issued.previousMaskedToken() != null && previousValidUntil == null,
                clock.instant(), previousValidUntil == null ? null : dev.tessera.console.Dates.second(previousValidUntil)));
    }

    /** Removes and answers the held token, or null when there is none (or it is too old to show). */
    Token take(HttpSession session, CustomerId account) {
        Object held;
        synchronized (WebUtils.getSessionMutex(session)) {
            held = session.getAttribute(PREFIX + account.digits());
            session.removeAttribute(PREFIX + account.digits());
        }
        if (held instanceof Token token && clock.instant().isBefore(token.madeAt().plus(TTL))) {
            return token;
        }
        return null;
    }
}
