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
    private final RotationRepository rotations;
    private final TokenPepper pepper;
    private final TokenExpiryPolicy expiry;

    TokenStates(TokenRepository tokens, RotationRepository rotations, TokenPepper pepper, TokenExpiryPolicy expiry) {
        this.tokens = tokens;
        this.rotations = rotations;
        this.pepper = pepper;
        this.expiry = expiry;
    }

    /**
     * During a rotation's overlap, the account's previous token: valid until {@code endsAtMillis}
     * (the overlap's end, or its own expiry when that comes first), at the lineage's level.
     */
    public record PreviousToken(long managerCustomerId, long version, TokenDigest digest, AccessLevel level,
            long endsAtMillis) {}

    /** The previous token of {@code active}'s account while a rotation's overlap runs, else empty. */
    public Optional<PreviousToken> previous(ActiveToken active) {
        return rotations.openOverlap(active.managerCustomerId()).map(overlap -> previous(overlap, active.level()));
    }

    /** Streams the previous token of every account whose rotation's overlap runs. */
    public void forEachPrevious(Consumer<PreviousToken> action) {
        for (RotationRepository.Overlap overlap : rotations.openOverlaps()) {
            tokens.activeState(overlap.account()).ifPresent(state -> action.accept(previous(overlap, state.level())));
        }
    }

    private PreviousToken previous(RotationRepository.Overlap overlap, AccessLevel level) {
        return new PreviousToken(overlap.account(), overlap.version(), overlap.digest(), level,
                Math.min(overlap.until().toEpochMilli(), expiry.expiryMillis(overlap.createdAt(), overlap.expiresAt())));
    }

    /**
     * An account's active token: its version in the lineage, digest, level, and the instant it
     * expires (epoch ms; {@link Long#MAX_VALUE} when it does not).
     */
    public record ActiveToken(long managerCustomerId, long version, TokenDigest digest, AccessLevel level,
            long expiresAtMillis) {}

    /** Streams every active token. */
    public void forEachActive(Consumer<ActiveToken> action) {
        tokens.forEachActive((account, state) -> action.accept(token(account, state)));
    }

    /** The account's active token now, or empty when it has none. */
    public Optional<ActiveToken> active(long managerCustomerId) {
        return tokens.activeState(managerCustomerId).map(state -> token(managerCustomerId, state));
    }

    private ActiveToken token(long account, TokenRepository.ActiveState state) {
        return new ActiveToken(account, state.version(), state.digest(), state.level(),
                expiry.expiryMillis(state.createdAt(), state.expiresAt()));
    }

    /** The pepper in base64, for an authenticated verifier's snapshot only; never log it. */
    public String pepperBase64() {
        return Base64.getEncoder().encodeToString(pepper.bytes());
    }
}
