package dev.tessera.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.access.AccessLevel;
import dev.tessera.token.ActiveTokens.Held;
import dev.tessera.token.TokenDigest;
import dev.tessera.token.TokenTerm;
import org.junit.jupiter.api.Test;

/** The index during a rotation's overlap (issue 15): two grants for one lineage, then one again. */
class TokenIndexRotationTests {

    static final long ACCOUNT = 1234567890L;
    static final TokenDigest OLD = new TokenDigest(1, 1, 1, 1);
    static final TokenDigest NEW = new TokenDigest(2, 2, 2, 2);
    static final TokenDigest NEWER = new TokenDigest(3, 3, 3, 3);
    static final TokenTerm END = TokenTerm.overlap(5_000, Long.MAX_VALUE);

    private static TokenIndex rotated() {
        TokenIndex index = new TokenIndex();
        index.activate(ACCOUNT, 1, OLD, AccessLevel.BASIC);
        index.apply(ACCOUNT, AccessLevel.BASIC, new Held(2, NEW, null), new Held(1, OLD, END));
        return index;
    }

    @Test
    void aRotationKeepsTheOldTokenFindableWithItsEndBesideTheNewOne() {
        TokenIndex index = rotated();

        assertThat(index.find(OLD).term()).isSameAs(END);
        assertThat(index.find(OLD).version()).isEqualTo(1);
        assertThat(index.find(NEW).term()).isNull();
        assertThat(index.find(NEW).version()).isEqualTo(2);
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.version(ACCOUNT)).isEqualTo(2);
    }

    @Test
    void reapplyingTheSameStateKeepsTheSameGrants() {
        TokenIndex index = rotated();
        Grant old = index.find(OLD);
        Grant current = index.find(NEW);

        index.apply(ACCOUNT, AccessLevel.BASIC, new Held(2, NEW, null), new Held(1, OLD, END));

        assertThat(index.find(OLD)).isSameAs(old);
        assertThat(index.find(NEW)).isSameAs(current);
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void aStateWithoutTheRotatedOutTokenEndsTheOverlap() {
        TokenIndex index = rotated();
        index.apply(ACCOUNT, AccessLevel.BASIC, new Held(2, NEW, null), null);

        assertThat(index.find(OLD)).isNull();
        assertThat(index.find(NEW)).isNotNull();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void aResetDuringTheOverlapRemovesBothEarlierTokens() {
        TokenIndex index = rotated();
        index.activate(ACCOUNT, 3, NEWER, AccessLevel.BASIC);

        assertThat(index.find(OLD)).isNull();
        assertThat(index.find(NEW)).isNull();
        assertThat(index.find(NEWER)).isNotNull();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void aLevelChangeDuringTheOverlapReachesBothTokens() {
        TokenIndex index = rotated();
        index.apply(ACCOUNT, AccessLevel.STANDARD, new Held(2, NEW, null), new Held(1, OLD, END));

        assertThat(index.find(OLD).accessLevel()).isEqualTo(AccessLevel.STANDARD);
        assertThat(index.find(NEW).accessLevel()).isEqualTo(AccessLevel.STANDARD);
        assertThat(index.find(OLD).term()).isSameAs(END);
    }

    @Test
    void theSweepForgetsOnlyTheNamedRotatedOutVersion() {
        TokenIndex index = rotated();
        index.sweep(ACCOUNT, 2);
        assertThat(index.find(NEW)).as("the active token is never swept").isNotNull();
        assertThat(index.find(OLD)).isNotNull();

        index.sweep(ACCOUNT, 1);
        assertThat(index.find(OLD)).isNull();
        assertThat(index.find(NEW)).isNotNull();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void anOlderStateIsIgnored() {
        TokenIndex index = rotated();
        index.apply(ACCOUNT, AccessLevel.BASIC, new Held(1, OLD, null), null);

        assertThat(index.find(NEW)).isNotNull();
        assertThat(index.find(OLD).term()).isSameAs(END);
    }

    @Test
    void aTermAdmitsUntilItsEndAndCountsOnlyARotatedOutTokensUse() {
        TokenTerm overlap = TokenTerm.overlap(5_000, Long.MAX_VALUE);
        assertThat(overlap.admits(4_999)).isTrue();
        assertThat(overlap.admits(5_000)).isFalse();
        assertThat(overlap.expiry()).isFalse();
        overlap.recordUse(4_000);
        overlap.recordUse(4_500);
        assertThat(overlap.served()).isEqualTo(2);
        assertThat(overlap.lastSeenMillis()).isEqualTo(4_500);

        TokenTerm expiring = TokenTerm.expiring(9_000);
        expiring.recordUse(1_000);
        assertThat(expiring.served()).isZero();
        assertThat(expiring.expiry()).isTrue();
        assertThat(TokenTerm.overlap(5_000, 3_000).expiry()).as("expiring before its overlap ends").isTrue();
        assertThat(TokenTerm.overlap(5_000, 3_000).endsAtMillis()).isEqualTo(3_000);
    }
}
