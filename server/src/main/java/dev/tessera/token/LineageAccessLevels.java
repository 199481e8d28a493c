package dev.tessera.token;

import dev.tessera.cluster.ChangeKind;
import dev.tessera.cluster.ChangeFeed;
import dev.tessera.access.AccessLevel;
import dev.tessera.access.AccessLevels;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The access level as the token lineage stores it ({@code token_lineages.access_level}). */
@Component
class LineageAccessLevels implements AccessLevels {

    private final TokenRepository tokens;
    private final ChangeFeed feed;

    LineageAccessLevels(TokenRepository tokens, ChangeFeed feed) {
        this.tokens = tokens;
        this.feed = feed;
    }

    @Override
    public Optional<AccessLevel> lock(long account) {
        return tokens.accessLevel(account, true);
    }

    @Override
    public Optional<AccessLevel> current(long account) {
        return tokens.accessLevel(account, false);
    }

    @Override
    public void set(long account, AccessLevel level) {
        tokens.setAccessLevel(account, level);
        feed.append(ChangeKind.TOKEN, account);
    }
}
