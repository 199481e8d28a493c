package dev.tessera.token;

import dev.tessera.system.Timestamps;
import dev.tessera.access.AccessLevel;
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
import dev.tessera.system.TextFields;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues, shows (masked) and resets developer tokens. ADMIN only.
 *
 * <p>The reset promise: one transaction locks the account's token lineage, retires the active row
 * and inserts the new one at the next version (the schema makes two active rows impossible), and
 * appends a {@code TOKEN} change to the cluster's feed in the same transaction; after the commit it
 * waits until every node with a live lease has applied the change (or been fenced by its lease
 * running out); only then does {@link #reset} return, with that receipt. So the old token fails on
 * every node before the caller sees the new one, the access level carries over (it belongs to the
 * lineage), and a crash at any point leaves exactly one valid token.
 */
@Component
public class DeveloperTokens {

    static final int MAX_REASON = 500;

    private final TokenRepository tokens;
    private final TokenHasher hasher;
    private final ChangeFeed feed;
    private final AccountAccess access;
    private final AuditLog audit;
    private final Notifications notifications;
    private final OverlapEnds overlaps;
    private final TokenExpiryPolicy expiry;
    private final SecureRandom random;
    private final TokenFormat format;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final Timer resets;

    DeveloperTokens(TokenRepository tokens, TokenHasher hasher, ChangeFeed feed, AccountAccess access,
            AuditLog audit, Notifications notifications, OverlapEnds overlaps, TokenExpiryPolicy expiry,
            SecureRandom tokenRandom, TokenFormat format, Clock clock, PlatformTransactionManager transactions,
            MeterRegistry meters) {
        this.resets = Timer.builder("tessera.token.resets")
                .description("Developer-token resets that committed, and their server time (transaction and index swap)")
                .publishPercentileHistogram()
                .register(meters);
        this.tokens = tokens;
        this.hasher = hasher;
        this.feed = feed;
        this.access = access;
        this.audit = audit;
        this.notifications = notifications;
        this.overlaps = overlaps;
        this.expiry = expiry;
        this.random = tokenRandom;
        this.format = format;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** A token as issued: the only object that carries it in full. */
    public record IssuedToken(DeveloperToken token, String previousMaskedToken, TokenView view,
            Propagation propagation) {}

    /**
     * What may be shown about a token after it was issued; {@code expiresAt} is null when it does
     * not expire (issue 15).
     */
    public record TokenView(String maskedToken, AccessLevel accessLevel, Instant createdAt, Instant issuedAt,
            Instant lastResetAt, int resetCount, Instant expiresAt) {}

    /**
     * Issues the account's first token, at TEST_ACCOUNT; or, when its token was revoked, the lineage's
     * next token, at the lineage's level (no review, no reset counted).
     *
     * @throws TesseraException 409 when it has an active token
     */
    public IssuedToken issue(CustomerId account, Actor actor) {
        access.requireAdmin(account, actor.email());
        DeveloperToken token = format.generate(random);
        TokenDigest digest = hasher.digest(token);
        Instant now = Timestamps.now(clock);
        TokenView view;
        try {
            view = tx.execute(status -> {
                TokenRepository.Lineage lineage = tokens.lockLineage(account.value()).orElse(null);
                if (lineage != null && tokens.findActive(account.value()).isPresent()) {
                    throw TesseraException.conflict(ALREADY_ISSUED);
                }
                AccessLevel level = lineage == null ? AccessLevel.TEST_ACCOUNT : lineage.accessLevel();
                long version = lineage == null ? 1 : lineage.version() + 1;
                if (lineage == null) {
                    tokens.insertLineage(account.value(), level, now);
                } else {
                    tokens.recordReissue(account.value(), version);
                }
                tokens.insertActive(account.value(), version, digest, token.masked(), actor.email(), now);
                audit.record(account.value(), AuditEventType.TOKEN_ISSUED, actor,
                        Map.of("maskedToken", token.masked(), "accessLevel", level.name()));
                notifications.tokenIssued(account.value(), actor, token.masked(), level);
                feed.append(ChangeKind.TOKEN, account.value());
                Instant expiresAt = expiry.expiry(now, null);
                return lineage == null ? new TokenView(token.masked(), level, now, now, null, 0, expiresAt)
                        : new TokenView(token.masked(), level, now, lineage.issuedAt(), lineage.lastResetAt(),
                                lineage.resetCount(), expiresAt);
            });
        } catch (DuplicateKeyException e) {
            throw TesseraException.conflict(ALREADY_ISSUED);
        }
        return new IssuedToken(token, null, view, feed.awaitAppended());
    }

    private static final String ALREADY_ISSUED = "This account already has a developer token; reset it to get a new one.";

    /**
     * Replaces the account's token. The old token is invalid on this node when this returns.
     *
     * @throws TesseraException 404 when the account has no token yet, 400 for a bad reason
     */
    public IssuedToken reset(CustomerId account, Actor actor, String reason) {
        long start = System.nanoTime();
        access.requireAdmin(account, actor.email());
        String checkedReason = TextFields.optionalMultiLine("reason", reason, MAX_REASON);
        DeveloperToken token = format.generate(random);
        TokenDigest digest = hasher.digest(token);
        Instant now = Timestamps.now(clock);
        String[] previous = new String[1];
        TokenView committed = tx.execute(status -> {
            TokenRepository.Lineage lineage = tokens.lockLineage(account.value())
                    .orElseThrow(() -> TesseraException.notFound("This account has no developer token yet; apply for one first."));
            TokenRepository.ActiveRow old = tokens.findActive(account.value()).orElseThrow(() -> TesseraException.conflict(
                    "This account's token was revoked; issue a new one (it keeps the access level)."));
            previous[0] = old.masked();
            long version = lineage.version() + 1;
            // A reset during a rotation's overlap ends it: the rotated-out token is refused too (issue 15).
            overlaps.closeOpen(account.value(), actor, now, "reset");
            tokens.deactivate(old.id(), now);
            tokens.insertActive(account.value(), version, digest, token.masked(), actor.email(), now);
            tokens.recordReset(account.value(), version, now);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("previousMaskedToken", old.masked());
            details.put("maskedToken", token.masked());
            details.put("accessLevel", lineage.accessLevel().name());
            if (checkedReason != null) {
                details.put("reason", checkedReason);
            }
            audit.record(account.value(), AuditEventType.TOKEN_RESET, actor, details);
            notifications.tokenReset(account.value(), actor, checkedReason, token.masked(), old.masked());
            feed.append(ChangeKind.TOKEN, account.value());
            return new TokenView(token.masked(), lineage.accessLevel(), now, lineage.issuedAt(), now,
                    lineage.resetCount() + 1, expiry.expiry(now, null));
        });
        IssuedToken issued = new IssuedToken(token, previous[0], committed, feed.awaitAppended());
        resets.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return issued;
    }

    /** The masked token and its lineage; records that it was viewed. @throws TesseraException 404 when none */
    public TokenView view(CustomerId account, Actor actor) {
        access.requireAdmin(account, actor.email());
        TokenView view = tx.execute(status -> {
            TokenView found = find(account.value());
            audit.record(account.value(), AuditEventType.TOKEN_VIEWED, actor, Map.of("maskedToken", found.maskedToken()));
            return found;
        });
        return view;
    }

    private TokenView find(long account) {
        TokenRepository.Lineage lineage = tokens.findLineage(account)
                .orElseThrow(() -> TesseraException.notFound("This account has no developer token yet."));
        TokenRepository.ActiveRow active = tokens.findActive(account).orElseThrow(() -> TesseraException.notFound(
                "This account's developer token was revoked; issue a new one."));
        return new TokenView(active.masked(), lineage.accessLevel(), active.createdAt(), lineage.issuedAt(),
                lineage.lastResetAt(), lineage.resetCount(), expiry.expiry(active.createdAt(), active.expiresAt()));
    }
}
