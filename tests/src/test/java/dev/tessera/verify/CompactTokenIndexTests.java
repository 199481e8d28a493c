package dev.tessera.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.access.AccessLevel;
import dev.tessera.token.TokenDigest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;

/**
 * Issue 18: the index's compact layout. Grants hold the first 128 bits of their digest, the tables
 * fill to three quarters, accounts live in a primitive open-addressing table of grants.
 */
class CompactTokenIndexTests {

    @Test
    void digestsThatShareTheirFirstWordAreTellApartByTheSecond() {
        TokenIndex index = new TokenIndex();
        int count = 200;
        TokenDigest[] digests = new TokenDigest[count];
        for (int i = 0; i < count; i++) {
            digests[i] = new TokenDigest(0x5EED_0000_0000_0007L, i, 9, 9); // one probe start, one first word
            index.activate(3_000_000_000L + i, 1, digests[i], AccessLevel.BASIC);
        }
        for (int i = 0; i < count; i++) {
            assertThat(index.find(digests[i]).managerCustomerId()).isEqualTo(3_000_000_000L + i);
        }
        assertThat(index.find(new TokenDigest(0x5EED_0000_0000_0007L, count, 9, 9))).isNull();
    }

    @Test
    void aProbeTellsDigestsOfOneChainApartByTheirTagAndThenByTheirWords() {
        TokenIndex index = new TokenIndex();
        // one probe start (low bits); tags (top byte) 0x00-0x0F, each tag shared by two first words
        TokenDigest[] digests = new TokenDigest[32];
        for (int i = 0; i < digests.length; i++) {
            long tag = (long) (i % 16) << 56;
            digests[i] = new TokenDigest(tag | ((long) i << 40) | 0x77L, i, 0, 0);
            index.activate(5_000_000_000L + i, 1, digests[i], AccessLevel.BASIC);
        }
        for (int i = 0; i < digests.length; i++) {
            assertThat(index.find(digests[i]).managerCustomerId()).as("digest %d", i).isEqualTo(5_000_000_000L + i);
        }
        // same start and tag as a held digest, different elsewhere; and a held digest with another tag
        assertThat(index.find(new TokenDigest((3L << 56) | (3L << 40) | 0x77L, 4, 0, 0))).isNull();
        assertThat(index.find(new TokenDigest((0x80L << 56) | (3L << 40) | 0x77L, 3, 0, 0))).isNull();
        // a new token in a freed slot is found under its own tag, the old one no longer
        TokenDigest next = new TokenDigest((0x7FL << 56) | 0x77L, 99, 0, 0);
        index.activate(5_000_000_003L, 2, next, AccessLevel.BASIC);
        assertThat(index.find(digests[3])).isNull();
        assertThat(index.find(next).managerCustomerId()).isEqualTo(5_000_000_003L);
    }

    @Test
    void aRemovedDigestLeavesATombstoneThatLaterDigestsOfItsChainAreFoundPast() {
        TokenIndex index = new TokenIndex();
        TokenDigest first = new TokenDigest(7, 1, 0, 0);
        TokenDigest second = new TokenDigest(7, 2, 0, 0);
        TokenDigest third = new TokenDigest(7, 3, 0, 0);
        index.activate(1111111111L, 1, first, AccessLevel.BASIC);
        index.activate(2222222222L, 1, second, AccessLevel.BASIC);
        index.activate(3333333333L, 1, third, AccessLevel.BASIC);

        index.revoke(1111111111L, 1);

        assertThat(index.find(first)).isNull();
        assertThat(index.find(second).managerCustomerId()).isEqualTo(2222222222L);
        assertThat(index.find(third).managerCustomerId()).isEqualTo(3333333333L);
        assertThat(index.version(1111111111L)).isEqualTo(1);
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void aTokenIsIdentifiedByTheFirst128BitsOfItsDigest() {
        TokenIndex index = new TokenIndex();
        index.activate(1234567890L, 1, new TokenDigest(11, 12, 13, 14), AccessLevel.STANDARD);

        assertThat(index.find(new TokenDigest(11, 12, 0, 0)).managerCustomerId()).isEqualTo(1234567890L);
        assertThat(index.find(new TokenDigest(11, 13, 13, 14))).isNull();
        assertThat(index.find(new TokenDigest(12, 12, 13, 14))).isNull();
        assertThat(index.find(new byte[] {0, 0, 0, 0, 0, 0, 0, 11, 0, 0, 0, 0, 0, 0, 0, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9,
                10, 11, 12, 13, 14, 15, 16}).managerCustomerId()).isEqualTo(1234567890L);
    }

    @Test
    void bothTablesGrowFromTheirSmallestSizeAndKeepEveryAccountAndToken() {
        TokenIndex index = new TokenIndex();
        SplittableRandom random = new SplittableRandom(18);
        int count = 100_000;
        TokenDigest[] digests = new TokenDigest[count];
        for (int i = 0; i < count; i++) {
            digests[i] = new TokenDigest(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
            index.activate(4_000_000_000L + i, 1, digests[i], AccessLevel.EXPLORER);
        }
        for (int i = 0; i < count; i += 3) { // a new token for a third of them: tombstones, then rebuilds
            TokenDigest next = new TokenDigest(random.nextLong(), random.nextLong(), 0, 0);
            index.activate(4_000_000_000L + i, 2, next, AccessLevel.EXPLORER);
            assertThat(index.find(digests[i])).isNull();
            digests[i] = next;
        }
        assertThat(index.size()).isEqualTo(count);
        for (int i = 0; i < count; i++) {
            Grant grant = index.find(digests[i]);
            assertThat(grant.managerCustomerId()).isEqualTo(4_000_000_000L + i);
            assertThat(grant.version()).isEqualTo(i % 3 == 0 ? 2 : 1);
            assertThat(index.version(4_000_000_000L + i)).isEqualTo(grant.version());
        }
        assertThat(index.version(4_000_000_000L + count)).isZero();
    }

    @Test
    void aGrantPacksEveryLevelWithVersionsUpTo2To28AndRefusesLarger() {
        for (AccessLevel level : AccessLevel.values()) {
            Grant grant = new Grant(9_999_999_999L, level, (1L << 28) - 1);
            assertThat(grant.accessLevel()).isEqualTo(level);
            assertThat(grant.version()).isEqualTo((1L << 28) - 1);
            assertThat(grant.managerCustomerId()).isEqualTo(9_999_999_999L);
        }
        assertThat(new Grant(1, AccessLevel.BASIC, -1).version()).isEqualTo(-1);
        assertThatThrownBy(() -> new Grant(1, AccessLevel.BASIC, 1L << 28))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGrantTakesAtMost48BytesOfHeap() {
        assertThat(ClassLayout.parseClass(Grant.class).instanceSize()).isLessThanOrEqualTo(48);
    }
}
