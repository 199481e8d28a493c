package dev.tessera.token;

import dev.tessera.cluster.ChangeApplier;
import dev.tessera.cluster.ChangeKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps this node's {@link ActiveTokens} equal to the database: every active token at start, then
 * the account's lineage after each {@link ChangeKind#TOKEN} change of the feed: its active token and
 * level, the token's expiry, and the rotated-out token with its overlap's end while one runs (issue
 * 15). The end instants come from the database, so every node refuses a token from the same instant.
 * An account whose lineage has no active token (its token was revoked) has its held tokens removed.
 */
@Component
class TokenChanges implements ChangeApplier {

    private static final Logger log = LoggerFactory.getLogger(TokenChanges.class);

    private final TokenRepository tokens;
    private final ActiveTokenScanRepository scans;
    private final RotationRepository rotations;
    private final ActiveTokens activeTokens;
    private final OverlapTerms overlaps;
    private final TokenExpiryPolicy expiry;
    private final TornWrites tornWrites;

    TokenChanges(TokenRepository tokens, ActiveTokenScanRepository scans, RotationRepository rotations,
            ActiveTokens activeTokens, OverlapTerms overlaps, TokenExpiryPolicy expiry, TornWrites tornWrites) {
        this.tornWrites = tornWrites;
        this.tokens = tokens;
        this.scans = scans;
        this.rotations = rotations;
        this.activeTokens = activeTokens;
        this.overlaps = overlaps;
        this.expiry = expiry;
    }

    @Override
    public ChangeKind kind() {
        return ChangeKind.TOKEN;
    }

    @Override
    public void loadAll() {
        tornWrites.repair();
        long started = System.nanoTime();
        java.util.concurrent.atomic.LongAdder count = new java.util.concurrent.atomic.LongAdder();
        scans.forEachActive((account, state) -> { // on several threads at once (issue 18)
            activeTokens.apply(account, state.level(), held(state), null);
            count.increment();
        });
        for (RotationRepository.Overlap overlap : rotations.openOverlaps()) {
            apply(overlap.account());
        }
        log.info("Loaded {} active developer tokens in {} ms", count.sum(), (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void apply(long account) {
        tokens.activeState(account).ifPresentOrElse(state -> {
            ActiveTokens.Held rotatedOut = rotations.openOverlap(account).map(overlap -> new ActiveTokens.Held(
                    overlap.version(), overlap.digest(), overlaps.term(account, overlap.version(),
                            overlap.until().toEpochMilli(), expiry.expiryMillis(overlap.createdAt(), overlap.expiresAt()))))
                    .orElse(null);
            if (rotatedOut == null) {
                overlaps.forget(account);
            }
            activeTokens.apply(account, state.level(), held(state), rotatedOut);
        }, () -> tokens.findLineage(account).ifPresent(lineage -> {
            overlaps.forget(account);
            activeTokens.revoke(account, lineage.version());
        }));
    }

    private ActiveTokens.Held held(TokenRepository.ActiveState state) {
        long expiresAt = expiry.expiryMillis(state.createdAt(), state.expiresAt());
        return new ActiveTokens.Held(state.version(), state.digest(),
                expiresAt == Long.MAX_VALUE ? null : TokenTerm.expiring(expiresAt));
    }
}
