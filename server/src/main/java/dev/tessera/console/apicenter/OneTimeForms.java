package dev.tessera.console.apicenter;

import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

/**
 * One-time form tokens, so that a form that changes something irreversibly (reset, apply) acts at
 * most once: two clicks, or going back and sending the same form again, find the token spent.
 * Each token is bound to a purpose (e.g. {@code reset:1234567890}) and lives in the session; at
 * most {@link #MAX_OPEN} are open per session (the oldest is dropped). Thread-safe: spending is
 * atomic, so of two concurrent submissions exactly one wins.
 */
@Component
class OneTimeForms {

    static final int MAX_OPEN = 20;
    private static final String ATTRIBUTE = OneTimeForms.class.getName();

    private final SecureRandom random = new SecureRandom();

    /** A new token for a form of this purpose. */
    String issue(HttpSession session, String purpose) {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        Map<String, String> open = open(session);
        synchronized (open) {
            open.put(token, purpose);
        }
        return token;
    }

    /** Spends the token: true exactly once for a token issued for this purpose in this session. */
    boolean spend(HttpSession session, String purpose, String token) {
        if (token == null) {
            return false;
        }
        Map<String, String> open = open(session);
        synchronized (open) {
            return open.remove(token, purpose);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> open(HttpSession session) {
        synchronized (WebUtils.getSessionMutex(session)) {
            Object existing = session.getAttribute(ATTRIBUTE);
            if (existing instanceof Map<?, ?> map) {
                return (Map<String, String>) map;
            }
            Map<String, String> created = new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > MAX_OPEN;
                }
            };
            session.setAttribute(ATTRIBUTE, created);
            return created;
        }
    }
}
