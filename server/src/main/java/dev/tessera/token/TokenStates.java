package dev.tessera.token;

import dev.tessera.access.AccessLevel;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The active tokens as a follower outside this process (an embedded verifier) needs them: every one,
 * or one account's, read from the database as {@code TokenChanges} reads them for this node; and the
 * pepper, which such a follower needs to compute the digests it looks up.
 */
@Component
public class TokenStates {

    private final TokenRepository tokens;
    private final TokenPepper pepper;

    TokenStates(TokenRepository tokens, TokenPepper pepper) {
        this.tokens = tokens;
        this.pepper = pepper;
    }

    /** An account's active token: its version in the lineage, digest and level. */
    public record ActiveToken(long managerCustomerId, long version, TokenDigest digest, AccessLevel level) {}

    /** Streams every active token. */
    public void forEachActive(Consumer<ActiveToken> action) {
        tokens.forEachActive((account, version, digest, level) -> action.accept(new ActiveToken(account, version, digest, level)));
    }

    /** The account's active token now, or empty when it has none. */
    public Optional<ActiveToken> active(long managerCustomerId) {
        return tokens.activeState(managerCustomerId)
                .map(state -> new ActiveToken(managerCustomerId, state.version(), state.digest(), state.level()));
    }

    /** The pepper in base64, for an authenticated verifier's snapshot only; never log it. */
    public String pepperBase64() {
        return Base64.getEncoder().encodeToString(pepper.bytes());
    }
}
