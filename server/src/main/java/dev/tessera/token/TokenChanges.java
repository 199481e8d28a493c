package dev.tessera.token;

import dev.tessera.cluster.ChangeApplier;
import dev.tessera.cluster.ChangeKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps this node's {@link ActiveTokens} equal to the database: every active token at start, then
 * the account's active token and level after each {@link ChangeKind#TOKEN} change of the feed; an
 * account whose lineage has no active token (its token was revoked) has its held token removed.
 */
@Component
class TokenChanges implements ChangeApplier {

    private static final Logger log = LoggerFactory.getLogger(TokenChanges.class);

    private final TokenRepository tokens;
    private final ActiveTokens activeTokens;

    TokenChanges(TokenRepository tokens, ActiveTokens activeTokens) {
        this.tokens = tokens;
        this.activeTokens = activeTokens;
    }

    @Override
    public ChangeKind kind() {
        return ChangeKind.TOKEN;
    }

    @Override
    public void loadAll() {
        long started = System.nanoTime();
        int[] count = {0};
        tokens.forEachActive((account, version, digest, level) -> {
            activeTokens.apply(account, version, digest, level);
            count[0]++;
        });
        log.info("Loaded {} active developer tokens in {} ms", count[0], (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void apply(long account) {
        tokens.activeState(account).ifPresentOrElse(
                state -> activeTokens.apply(account, state.version(), state.digest(), state.level()),
                () -> tokens.findLineage(account).ifPresent(lineage -> activeTokens.revoke(account, lineage.version())));
    }
}
