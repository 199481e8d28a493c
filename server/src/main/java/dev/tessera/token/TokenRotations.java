package dev.tessera.token;

import dev.tessera.account.AccountAccess;
import dev.tessera.account.CustomerId;
import dev.tessera.audit.Actor;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import dev.tessera.cluster.ChangeFeed;
import dev.tessera.cluster.ChangeKind;
import dev.tessera.cluster.Propagation;
import dev.tessera.contact.Notifications;
import dev.tessera.system.TesseraException;
import dev.tessera.system.Timestamps;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotation with overlap (issue 15), ADMIN only: a new token now, the previous one valid until the
 * overlap ends. Like a reset, one transaction locks the lineage, retires the active row (keeping
 * its end in {@code overlap_until}), inserts the next version and appends a {@code TOKEN} change to
 * the feed; the call returns once every leased node holds both tokens with the same end instant.
 * A rotation during an overlap ends the previous overlap at once. {@link #endOverlap} ends it early
 * the same way, through the feed; a reset ends it too ({@link DeveloperTokens#reset}).
 */
@Component
public class TokenRotations {

    public static final Duration MIN_OVERLAP = Duration.ofMinutes(1);
    public static final Duration MAX_OVERLAP = Duration.ofDays(7);

    private final TokenRepository tokens;
    private final RotationRepository rotations;
    private final OverlapEnds ends;
    private final OverlapUsage usage;
    private final TokenHasher hasher;
    private final ChangeFeed feed;
    private final AccountAccess access;
    private final AuditLog audit;
    private final Notifications notifications;
    private final ApplicationEventPublisher events;
    private final TokenExpiryPolicy expiry;
    private final SecureRandom random;
    private final Clock clock;
    private final TransactionTemplate tx;

    TokenRotations(TokenRepository tokens, RotationRepository rotations, OverlapEnds ends, OverlapUsage usage,
            TokenHasher hasher, ChangeFeed feed, AccountAccess access, AuditLog audit, Notifications notifications,
            ApplicationEventPublisher events, TokenExpiryPolicy expiry, SecureRandom tokenRandom, Clock clock,
            PlatformTransactionManager transactions) {
        this.tokens = tokens;
        this.rotations = rotations;
        this.ends = ends;
        this.usage = usage;
        this.hasher = hasher;
        this.feed = feed;
        this.access = access;
        this.audit = audit;
        this.notifications = notifications;
        this.events = events;
        this.expiry = expiry;
        this.random = tokenRandom;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** A rotation's result: the new token (shown once) and when the previous one stops working. */
    public record Rotated(DeveloperTokens.IssuedToken issued, Instant overlapEndsAt) {}

    /** The running overlap as the API Center shows it: the requests are summed over nodes. */
    public record OverlapView(String maskedToken, Instant endsAt, long requests, Instant lastSeenAt) {}

    /**
     * The overlap as written ({@code PT1H}): an ISO-8601 duration from {@link #MIN_OVERLAP} to
     * {@link #MAX_OVERLAP}. @throws TesseraException 400 on field {@code overlap} otherwise
     */
    public static Duration parseOverlap(String text) {
        String problem = "overlap must be an ISO-8601 duration from PT1M (1 minute) to P7D (7 days), such as PT1H.";
        if (text == null || text.isBlank()) {
            throw TesseraException.invalid("overlap", problem);
        }
        try {
            Duration overlap = Duration.parse(text.trim());
            if (overlap.compareTo(MIN_OVERLAP) >= 0 && overlap.compareTo(MAX_OVERLAP) <= 0) {
                return overlap;
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw TesseraException.invalid("overlap", problem);
    }

    /** Rotates the account's token. @throws TesseraException 404 without a token, 400 for a bad overlap */
    public Rotated rotate(CustomerId account, Actor actor, String overlapText) {
        access.requireAdmin(account, actor.email());
        Duration overlap = parseOverlap(overlapText);
        DeveloperToken token = DeveloperToken.generate(random);
        TokenDigest digest = hasher.digest(token);
        Instant now = Timestamps.now(clock);
        Instant endsAt = now.plus(overlap);
        String[] previous = new String[1];
        DeveloperTokens.TokenView committed = tx.execute(status -> {
            TokenRepository.Lineage lineage = tokens.lockLineage(account.value())
                    .orElseThrow(() -> TesseraException.notFound("This account has no developer token yet; apply for one first."));
            TokenRepository.ActiveRow old = tokens.findActive(account.value()).orElseThrow();
            previous[0] = old.masked();
            ends.closeOpen(account.value(), actor, now, "rotation");
            long version = lineage.version() + 1;
            tokens.deactivate(old.id(), now);
            rotations.startOverlap(old.id(), endsAt);
            tokens.insertActive(account.value(), version, digest, token.masked(), actor.email(), now);
            rotations.recordRotation(account.value(), version);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("previousMaskedToken", old.masked());
            details.put("maskedToken", token.masked());
            details.put("overlap", overlap.toString());
            details.put("overlapEndsAt", endsAt.toString());
            details.put("accessLevel", lineage.accessLevel().name());
            audit.record(account.value(), AuditEventType.TOKEN_ROTATED, actor, details);
            notifications.tokenRotated(account.value(), actor, token.masked(), old.masked(), endsAt);
            events.publishEvent(new TokenEvents.TokenRotated(account.value(), token.masked(), old.masked(), endsAt, actor));
            feed.append(ChangeKind.TOKEN, account.value());
            return new DeveloperTokens.TokenView(token.masked(), lineage.accessLevel(), now, lineage.issuedAt(),
                    lineage.lastResetAt(), lineage.resetCount(), expiry.expiry(now, null));
        });
        return new Rotated(new DeveloperTokens.IssuedToken(token, previous[0], committed, feed.awaitAppended()), endsAt);
    }

    /**
     * Ends the running overlap now: the rotated-out token is refused on every node when this returns.
     * @throws TesseraException 409 when no overlap is running
     */
    public Propagation endOverlap(CustomerId account, Actor actor) {
        access.requireAdmin(account, actor.email());
        Instant now = Timestamps.now(clock);
        boolean ended = Boolean.TRUE.equals(tx.execute(status -> {
            tokens.lockLineage(account.value());
            RotationRepository.Overlap open = rotations.openOverlap(account.value())
                    .filter(overlap -> overlap.until().isAfter(now)).orElse(null);
            if (open == null || !ends.close(open, actor, now, "admin")) {
                return false;
            }
            feed.append(ChangeKind.TOKEN, account.value());
            return true;
        }));
        if (!ended) {
            throw TesseraException.conflict("No rotation overlap is running: the previous token is already refused.");
        }
        return feed.awaitAppended();
    }

    /** The running overlap, with this node's counts written first; empty when none runs. */
    public Optional<OverlapView> overlap(CustomerId account, String email) {
        access.requireAdmin(account, email);
        usage.flush();
        Instant now = Timestamps.now(clock);
        return rotations.openOverlap(account.value()).filter(overlap -> overlap.until().isAfter(now))
                .map(overlap -> new OverlapView(overlap.masked(), overlap.until(), overlap.requests(), overlap.lastSeen()));
    }
}
