package dev.tessera.token;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Loads every active token digest into this node's index before the server accepts requests. */
@Component
class TokenIndexLoader implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(TokenIndexLoader.class);

    private final TokenRepository tokens;
    private final ActiveTokens activeTokens;

    TokenIndexLoader(TokenRepository tokens, ActiveTokens activeTokens) {
        this.tokens = tokens;
        this.activeTokens = activeTokens;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long started = System.nanoTime();
        int[] count = {0};
        tokens.forEachActive((account, version, digest, level) -> {
            activeTokens.activate(account, version, digest, level);
            count[0]++;
        });
        log.info("Loaded {} active developer tokens in {} ms", count[0], (System.nanoTime() - started) / 1_000_000);
    }
}
