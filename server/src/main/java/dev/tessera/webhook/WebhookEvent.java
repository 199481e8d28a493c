package dev.tessera.webhook;

import dev.tessera.audit.AuditEventType;
import dev.tessera.system.TesseraException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of webhook events: the name a subscriber asks for and receives in {@code type}, and
 * the audit event it is made from. Every event is made from an audit event (same transaction, same
 * masked details), so adding one is one line here: its name and its audit type. An event without an
 * audit type is published by its feature through {@link WebhookEvents#publish}.
 */
public enum WebhookEvent {
    TOKEN_ISSUED("token.issued", AuditEventType.TOKEN_ISSUED),
    TOKEN_RESET("token.reset", AuditEventType.TOKEN_RESET),
    TOKEN_ROTATED("token.rotated", AuditEventType.TOKEN_ROTATED),
    /** A token reported public was revoked (secret scanning, the public revocation endpoint). */
    TOKEN_REVOKED("token.revoked", AuditEventType.TOKEN_REVOKED),
    /** An expiry reminder (30, 7 and 1 days ahead): published by the token feature itself, no audit entry. */
    TOKEN_EXPIRING("token.expiring", null),
    ACCESS_LEVEL_CHANGED("access_level.changed", AuditEventType.ACCESS_LEVEL_CHANGED),
    APPLICATION_DECIDED("application.decided", AuditEventType.APPLICATION_DECIDED),
    CONTACT_EMAIL_CHANGED("contact_email.changed", AuditEventType.CONTACT_EMAIL_CHANGED);

    private final String wire;
    private final AuditEventType source;

    WebhookEvent(String wire, AuditEventType source) {
        this.wire = wire;
        this.source = source;
    }

    /** The name on the wire, e.g. {@code token.reset}. */
    public String wire() {
        return wire;
    }

    /** The event an audit event of this type becomes, if any. */
    static Optional<WebhookEvent> of(AuditEventType type) {
        return Arrays.stream(values()).filter(event -> event.source == type && type != null).findFirst();
    }

    /** Every name, in catalogue order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(WebhookEvent::wire).toList();
    }

    /**
     * The events a request names; null (the field omitted) means every event.
     *
     * @throws TesseraException 400 naming {@code events} for an unknown name or an empty list
     */
    static Set<WebhookEvent> parse(List<String> names) {
        if (names == null) {
            return EnumSet.allOf(WebhookEvent.class);
        }
        if (names.isEmpty()) {
            throw TesseraException.invalid("events", "'events' names at least one event; omit it for every event.");
        }
        Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
        for (String name : names) {
            String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
            events.add(Arrays.stream(values()).filter(event -> event.wire.equals(wanted)).findFirst()
                    .orElseThrow(() -> TesseraException.invalid("events", "Unknown event '" + shorten(wanted)
                            + "'. Known events: " + String.join(", ", names()) + ".")));
        }
        return events;
    }

    private static String shorten(String text) {
        String clean = text.replaceAll("[^a-z0-9._-]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
