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
    private final ActiveTokenCopyRepository copies;
    private final RotationRepository rotations;
    private final ActiveTokens activeTokens;
    private final OverlapTerms overlaps;
    private final TokenExpiryPolicy expiry;
    private final TornWrites tornWrites;
    private final IndexSnapshots snapshots;
    /** Whether the index was loaded once: a saved copy is for an empty index, at start. */
    private boolean loaded;

    TokenChanges(TokenRepository tokens, ActiveTokenCopyRepository copies, RotationRepository rotations,
            ActiveTokens activeTokens, OverlapTerms overlaps, TokenExpiryPolicy expiry, TornWrites tornWrites,
            IndexSnapshots snapshots) {
        this.tornWrites = tornWrites;
        this.snapshots = snapshots;
        this.tokens = tokens;
        this.copies = copies;
        this.rotations = rotations;
        this.activeTokens = activeTokens;
        this.overlaps = overlaps;
        this.expiry = expiry;
    }

    @Override
    public ChangeKind kind() {
        return ChangeKind.TOKEN;
    }

    /**
     * At start, from the saved index when {@link IndexSnapshots} finds it usable (the node then replays
     * the log after its change), else every active token from the database. Open overlaps always come
     * from the database. A repaired torn write changed tokens without a change of the feed, so the
     * saved index is not used after one.
     */
    @Override
    public long loadAll(long head) {
        boolean repaired = tornWrites.repair() > 0;
        long started = System.nanoTime();
        long current = head;
        boolean restored = false;
        if (!loaded && !repaired) {
            try {
                java.util.OptionalLong saved = snapshots.restore(activeTokens, head);
                restored = saved.isPresent();
                current = saved.orElse(head);
            } catch (IndexSnapshots.PartlyRestored e) {
                current = e.sequence();
            }
        }
        loaded = true;
        if (!restored) {
            long count = copies.copyInto(activeTokens, expiry).orElseGet(() -> { // H2: no COPY
                long[] scanned = {0};
                tokens.forEachActive((account, state) -> {
                    activeTokens.apply(account, state.level(), held(state), null);
                    scanned[0]++;
                });
                return scanned[0];
            });
            log.info("Loaded {} active developer tokens in {} ms", count, (System.nanoTime() - started) / 1_000_000);
        }
        for (RotationRepository.Overlap overlap : rotations.openOverlaps()) {
            apply(overlap.account());
        }
        if (restored) {
            log.info("Loaded the saved token index in {} ms", (System.nanoTime() - started) / 1_000_000);
        }
        return current;
    }

    @Override
    public void apply(long account) {
        TokenRepository.HeldState state = tokens.heldState(account);
        if (state.active() == null) {
            tokens.findLineage(account).ifPresent(lineage -> {
                overlaps.forget(account);
                activeTokens.revoke(account, lineage.version());
            });
            return;
        }
        TokenRepository.RotatedOut out = state.rotatedOut();
        ActiveTokens.Held rotatedOut = out == null ? null : new ActiveTokens.Held(out.version(), out.digest(),
                overlaps.term(account, out.version(), out.until().toEpochMilli(), expiry.expiryMillis(out.createdAt(), out.expiresAt())));
        if (rotatedOut == null) {
            overlaps.forget(account);
        }
        activeTokens.apply(account, state.active().level(), held(state.active()), rotatedOut);
    }

    private ActiveTokens.Held held(TokenRepository.ActiveState state) {
        long expiresAt = expiry.expiryMillis(state.createdAt(), state.expiresAt());
        return new ActiveTokens.Held(state.version(), state.digest(),
                expiresAt == Long.MAX_VALUE ? null : TokenTerm.expiring(expiresAt));
    }
}
