package dev.tessera.token;

import dev.tessera.account.AccountAccess;
import dev.tessera.account.CustomerId;
import dev.tessera.audit.Actor;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import dev.tessera.cluster.ChangeFeed;
import dev.tessera.cluster.ChangeKind;
import dev.tessera.contact.Notifications;
import dev.tessera.system.TesseraException;
import dev.tessera.system.Timestamps;
import dev.tessera.webhook.WebhookEvent;
import dev.tessera.webhook.WebhookEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Token expiry (issue 15): an ADMIN sets or clears the active token's expiry (through the change
 * feed, so every node refuses it from the same instant, as {@code DEVELOPER_TOKEN_EXPIRED}), and
 * {@link #sendReminders} mails the API contact 30, 7 and 1 days before a token expires — each
 * reminder once: a row per reminder, written under the lineage's lock with the mail in the outbox,
 * so restarts and other nodes do not repeat it.
 */
@Component
public class TokenExpiries {

    /** Days before the expiry at which the API contact is reminded. */
    static final List<Integer> REMINDER_DAYS = List.of(30, 7, 1);

    private final TokenRepository tokens;
    private final RotationRepository rotations;
    private final ExpiryRepository expiries;
    private final TokenExpiryPolicy policy;
    private final ChangeFeed feed;
    private final AccountAccess access;
    private final AuditLog audit;
    private final Notifications notifications;
    private final ApplicationEventPublisher events;
    private final WebhookEvents webhooks;
    private final Clock clock;
    private final TransactionTemplate tx;

    TokenExpiries(TokenRepository tokens, RotationRepository rotations, ExpiryRepository expiries,
            TokenExpiryPolicy policy, ChangeFeed feed, AccountAccess access, AuditLog audit,
            Notifications notifications, ApplicationEventPublisher events, WebhookEvents webhooks, Clock clock,
            PlatformTransactionManager transactions) {
        this.webhooks = webhooks;
        this.tokens = tokens;
        this.rotations = rotations;
        this.expiries = expiries;
        this.policy = policy;
        this.feed = feed;
        this.access = access;
        this.audit = audit;
        this.notifications = notifications;
        this.events = events;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Sets the active token's expiry ({@code expiresAt} an ISO-8601 instant in the future) or clears
     * it (null); the platform's maximum age still applies. Answers the token's expiry now in force.
     *
     * @throws TesseraException 400 on field {@code expiresAt}, 404 when the account has no token
     */
    public Instant setExpiry(CustomerId account, Actor actor, String expiresAt) {
        access.requireAdmin(account, actor.email());
        Instant now = Timestamps.now(clock);
        Instant requested = parse(expiresAt, now);
        Instant[] effective = new Instant[1];
        tx.executeWithoutResult(status -> {
            tokens.lockLineage(account.value())
                    .orElseThrow(() -> TesseraException.notFound("This account has no developer token yet."));
            TokenRepository.ActiveRow active = tokens.findActive(account.value()).orElseThrow();
            rotations.setExpiry(account.value(), requested);
            expiries.clearReminders(active.id());
            effective[0] = policy.expiry(active.createdAt(), requested);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("maskedToken", active.masked());
            details.put("expiresAt", requested == null ? "(cleared)" : requested.toString());
            audit.record(account.value(), AuditEventType.TOKEN_EXPIRY_SET, actor, details);
            events.publishEvent(new TokenEvents.ExpirySet(account.value(), active.masked(), requested, actor));
            feed.append(ChangeKind.TOKEN, account.value());
        });
        feed.awaitAppended();
        return effective[0];
    }

    private static Instant parse(String text, Instant now) {
        if (text == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(text.trim());
            if (instant.isAfter(now)) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw TesseraException.invalid("expiresAt",
                "expiresAt must be an ISO-8601 instant in the future, such as 2030-01-31T00:00:00Z, or null to clear it.");
    }

    /** Sends the reminders that are due and not sent yet; answers how many it sent. */
    public int sendReminders() {
        Instant now = Timestamps.now(clock);
        Duration lead = Duration.ofDays(REMINDER_DAYS.get(0));
        Duration maxAge = policy.maxAge();
        int sent = 0;
        for (ExpiryRepository.Candidate token : expiries.candidates(now.plus(lead),
                maxAge == null ? null : now.plus(lead).minus(maxAge))) {
            Instant expiry = policy.expiry(token.createdAt(), token.expiresAt());
            if (expiry == null || !expiry.isAfter(now)) {
                continue;
            }
            int nearest = 0;
            for (int days : REMINDER_DAYS) {
                if (!now.isBefore(expiry.minus(Duration.ofDays(days)))) {
                    nearest = days;
                }
            }
            if (nearest > 0 && remind(token, expiry, nearest, now)) {
                sent++;
            }
        }
        return sent;
    }

    /** Records every due reminder and mails the nearest one, unless it went out before. */
    private boolean remind(ExpiryRepository.Candidate token, Instant expiry, int nearest, Instant now) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            tokens.lockLineage(token.account());
            if (!expiries.isActive(token.id())) {
                return false;
            }
            boolean mail = false;
            for (int days : REMINDER_DAYS) {
                if (days >= nearest && expiries.recordReminder(token.id(), days, now) && days == nearest) {
                    mail = true;
                }
            }
            if (mail) {
                notifications.tokenExpiring(token.account(), token.masked(), expiry, nearest);
                events.publishEvent(new TokenEvents.TokenExpiring(token.account(), token.masked(), expiry, nearest));
                webhooks.publish(token.account(), WebhookEvent.TOKEN_EXPIRING, Map.of("maskedToken", token.masked(),
                        "expiresAt", expiry.toString(), "daysBefore", Integer.toString(nearest)), now);
            }
            return mail;
        }));
    }
}
