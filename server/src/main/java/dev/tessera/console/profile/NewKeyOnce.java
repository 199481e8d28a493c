package dev.tessera.console.profile;

import dev.tessera.apikey.ApiKeys;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

/**
 * Holds a new API key in the session between the POST that created it and the one GET that shows it
 * (Post/Redirect/Get), so the key is never in a URL or a flash attribute that a reload shows again:
 * {@link #take} removes it. An untaken key is dropped after {@link #TTL}. The held value is not
 * {@link java.io.Serializable}, so a session store never writes it to disk.
 */
@Component
class NewKeyOnce {

    static final Duration TTL = Duration.ofMinutes(5);
    private static final String ATTRIBUTE = NewKeyOnce.class.getName();

    private final Clock clock;

    NewKeyOnce(Clock clock) {
        this.clock = clock;
    }

    private record Held(ApiKeys.IssuedKey key, Instant madeAt) {

        @Override
        public String toString() {
            return "Held[" + key + "]";
        }
    }

    void hold(HttpSession session, ApiKeys.IssuedKey key) {
        session.setAttribute(ATTRIBUTE, new Held(key, clock.instant()));
    }

    /** Removes and answers the held key, or null when there is none (or it is too old to show). */
    ApiKeys.IssuedKey take(HttpSession session) {
        Object held;
        synchronized (WebUtils.getSessionMutex(session)) {
            held = session.getAttribute(ATTRIBUTE);
            session.removeAttribute(ATTRIBUTE);
        }
        return held instanceof Held key && clock.instant().isBefore(key.madeAt().plus(TTL)) ? key.key() : null;
    }
}
