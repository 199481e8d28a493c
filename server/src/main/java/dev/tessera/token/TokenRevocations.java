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
import dev.tessera.system.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Revokes tokens reported public. A reported token that is active is revoked at once: in one
 * transaction per token, the lineage is locked (as a reset locks it), the row stops being active with
 * no successor, the audit entry ({@code revoked: reported public at <url>}), the notice to the API
 * contact email and the {@link TokenRevoked} event are written and a {@code TOKEN} change is appended
 * to the cluster's feed; {@link #revoke} returns only once every leased node has applied the changes
 * (or been fenced), so a revoked token is refused everywhere before the reporter hears back. The
 * lineage, its access level and its quota stay; an ADMIN issues the next token with
 * {@link DeveloperTokens#issue}.
 *
 * <p>Idempotent: a token reported again is found revoked and nothing more happens. Thread-safe.
 */
@Component
public class TokenRevocations {

    /** A token replaced this recently still counts as a real leak when reported. */
    public static final Duration RECENT = Duration.ofDays(30);

    /** What Tessera knew of a reported token. */
    public enum Finding {
        /** It was active and is revoked now. */
        REVOKED,
        /** It was revoked before (a replayed or repeated report). */
        ALREADY_REVOKED,
        /** It was replaced by a reset within {@link #RECENT}. */
        RECENTLY_REPLACED,
        /** Not a token of this Tessera, or one replaced long ago. */
        UNKNOWN;

        /** Whether the report was a real leak of a token of ours, for GitHub's feedback. */
        public boolean truePositive() {
            return this != UNKNOWN;
        }
    }

    /** Who reported: {@code GitHub secret scanning}, {@code public revocation request}; from which address. */
    public record Reporter(String name, Actor actor) {}

    /** One reported text and where it was found (null: no place given). */
    public record Reported(String token, String url) {}

    /** The findings, in the order of the reported tokens, and the cluster's receipt. */
    public record Outcome(List<Finding> findings, Propagation propagation) {}

    /** What the API Center shows about a revoked token. */
    public record Revocation(String maskedToken, Instant revokedAt, String reason) {}

    private final TokenRepository tokens;
    private final TokenHasher hasher;
    private final ChangeFeed feed;
    private final AccountAccess access;
    private final AuditLog audit;
    private final Notifications notifications;
    private final ApplicationEventPublisher events;
    private final RotationRepository rotations;
    private final OverlapEnds overlaps;
    private final Clock clock;
    private final TransactionTemplate tx;

    TokenRevocations(TokenRepository tokens, TokenHasher hasher, ChangeFeed feed, AccountAccess access, AuditLog audit,
            Notifications notifications, ApplicationEventPublisher events, RotationRepository rotations,
            OverlapEnds overlaps, Clock clock, PlatformTransactionManager transactions) {
        this.tokens = tokens;
        this.rotations = rotations;
        this.overlaps = overlaps;
        this.hasher = hasher;
        this.feed = feed;
        this.access = access;
        this.audit = audit;
        this.notifications = notifications;
        this.events = events;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Revokes the active ones among {@code reported}. Text that is not token-shaped is simply unknown.
     * Returns after every node refuses the revoked ones.
     */
    public Outcome revoke(List<Reported> reported, Reporter reporter) {
        List<Finding> findings = new ArrayList<>(reported.size());
        for (Reported report : reported) {
            String url = report.url();
            findings.add(revokeOne(report.token(), url == null ? "reported public" : "reported public at " + url, url,
                    reporter));
        }
        return new Outcome(findings, feed.awaitAppended());
    }

    private Finding revokeOne(String text, String reason, String url, Reporter reporter) {
        if (text == null || !DeveloperToken.isWellFormed(text)) {
            return Finding.UNKNOWN;
        }
        Optional<TokenRepository.DigestRow> found = tokens.findByDigest(hasher.digest(text));
        if (found.isEmpty()) {
            return Finding.UNKNOWN;
        }
        TokenRepository.DigestRow row = found.get();
        // active, or replaced but perhaps still valid: the rotated-out token of a running overlap
        if (row.active() || row.revokedAt() == null && row.replacedAt() != null) {
            Instant now = Timestamps.now(clock);
            Boolean revoked = tx.execute(status -> {
                tokens.lockLineage(row.account());
                if (!retire(row, now, reason, reporter)) {
                    return false; // no longer valid: a reset or another report retired it first, or its overlap ended
                }
                Map<String, String> details = new LinkedHashMap<>();
                details.put("revoked", reason);
                details.put("maskedToken", row.masked());
                details.put("reportedBy", reporter.name());
                audit.record(row.account(), AuditEventType.TOKEN_REVOKED, reporter.actor(), details);
                notifications.tokenRevoked(row.account(), reporter.actor(), row.masked(), reason, reporter.name());
                events.publishEvent(new TokenRevoked(row.account(), row.version(), row.masked(), reason, url,
                        reporter.name(), reporter.actor(), now));
                feed.append(ChangeKind.TOKEN, row.account());
                return true;
            });
            if (Boolean.TRUE.equals(revoked)) {
                return Finding.REVOKED;
            }
            return tokens.findByDigest(hasher.digest(text)).map(this::past).orElse(Finding.UNKNOWN);
        }
        return past(row);
    }

    /**
     * Ends the reported token's validity, under its lineage's lock: an active token is revoked (and
     * a rotation's overlap still running ends with it); the rotated-out token of a running overlap
     * has its overlap ended now. Answers whether the token was valid until then.
     */
    private boolean retire(TokenRepository.DigestRow row, Instant now, String reason, Reporter reporter) {
        if (row.active()) {
            if (!tokens.revoke(row.id(), now, reason)) {
                return false;
            }
            overlaps.closeOpen(row.account(), reporter.actor(), now, "revoked");
            return true;
        }
        return rotations.openOverlap(row.account())
                .filter(overlap -> overlap.version() == row.version() && overlap.until().isAfter(now))
                .map(overlap -> overlaps.close(overlap, reporter.actor(), now, "revoked"))
                .orElse(false);
    }

    private Finding past(TokenRepository.DigestRow row) {
        if (row.revokedAt() != null) {
            return Finding.ALREADY_REVOKED;
        }
        if (row.active() || (row.replacedAt() != null
                && row.replacedAt().isAfter(Timestamps.now(clock).minus(RECENT)))) {
            return Finding.RECENTLY_REPLACED;
        }
        return Finding.UNKNOWN;
    }

    /**
     * Why the account has no active token, when its newest was revoked: for the API Center. ADMIN only.
     */
    public Optional<Revocation> revocation(CustomerId account, Actor actor) {
        access.requireAdmin(account, actor.email());
        return tokens.revocation(account.value())
                .map(found -> new Revocation(found.masked(), found.revokedAt(), found.reason()));
    }
}
