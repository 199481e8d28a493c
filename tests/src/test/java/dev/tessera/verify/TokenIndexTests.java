package dev.tessera.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.access.AccessLevel;
import dev.tessera.quota.QuotaLedger;
import dev.tessera.quota.UsageWindow;
import dev.tessera.token.TokenDigest;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

class TokenIndexTests {

    static final TokenDigest OLD = new TokenDigest(1, 1, 1, 1);
    static final TokenDigest NEW = new TokenDigest(2, 2, 2, 2);
    static final TokenDigest NEWER = new TokenDigest(3, 3, 3, 3);

    @Test
    void activatingANewerVersionRemovesTheReplacedDigest() {
        TokenIndex index = new TokenIndex();
        index.activate(1234567890L, 1, OLD, AccessLevel.BASIC);
        index.activate(1234567890L, 2, NEW, AccessLevel.BASIC);

        assertThat(index.find(OLD)).isNull();
        assertThat(index.find(NEW)).isEqualTo(new Grant(1234567890L, AccessLevel.BASIC, 2));
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.version(1234567890L)).isEqualTo(2);
    }

    @Test
    void aLateStaleVersionIsIgnored() {
        TokenIndex index = new TokenIndex();
        index.activate(1234567890L, 1, OLD, AccessLevel.BASIC);
        index.activate(1234567890L, 3, NEWER, AccessLevel.BASIC);
        index.activate(1234567890L, 2, NEW, AccessLevel.BASIC);

        assertThat(index.find(NEW)).isNull();
        assertThat(index.find(OLD)).isNull();
        assertThat(index.find(NEWER)).isNotNull();
    }

    /** A token reported public (issue 15): gone from the index, no successor, and the next token keeps the usage window. */
    @Test
    void aRevokedTokenIsGoneUntilTheNextVersionWhichKeepsTheUsageWindow() {
        QuotaLedger ledger = new QuotaLedger(Clock.systemUTC());
        TokenIndex index = new TokenIndex();
        index.apply(1234567890L, 1, OLD, AccessLevel.BASIC);
        UsageWindow window = index.find(OLD).usage(ledger);

        index.revoke(1234567890L, 1);
        index.revoke(1234567890L, 1);
        index.apply(1234567890L, 1, OLD, AccessLevel.BASIC);
        index.changeLevel(1234567890L, AccessLevel.STANDARD);

        assertThat(index.find(OLD)).as("a revoked token, even after a late apply of its own version").isNull();
        assertThat(index.size()).isZero();
        assertThat(index.version(1234567890L)).isEqualTo(1);

        index.apply(1234567890L, 2, NEW, AccessLevel.STANDARD);
        assertThat(index.find(NEW)).isEqualTo(new Grant(1234567890L, AccessLevel.STANDARD, 2));
        assertThat(index.find(NEW).usage(ledger)).isSameAs(window);
        index.revoke(1234567890L, 1);
        assertThat(index.find(NEW)).as("revoking an older version leaves the newer token").isNotNull();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void theNextTokenAndANewLevelKeepTheAccountsUsageWindow() {
        QuotaLedger ledger = new QuotaLedger(Clock.systemUTC());
        TokenIndex index = new TokenIndex();
        index.activate(1234567890L, 1, OLD, AccessLevel.BASIC);
        UsageWindow window = index.find(OLD).usage(ledger);
        assertThat(window).isSameAs(ledger.window(1234567890L));

        index.activate(1234567890L, 2, NEW, AccessLevel.BASIC);
        index.changeLevel(1234567890L, AccessLevel.STANDARD);

        Grant current = index.find(NEW);
        assertThat(current).isEqualTo(new Grant(1234567890L, AccessLevel.STANDARD, 2));
        assertThat(current.usage(new QuotaLedger(Clock.systemUTC()))).as("kept, not looked up again").isSameAs(window);
    }

    @Test
    void readersRacingResetsNeverFindARetiredTokenAndAlwaysFindUntouchedOnes() throws Exception {
        TokenIndex index = new TokenIndex();
        int stable = 2_000;
        int churned = 500;
        SplittableRandom random = new SplittableRandom(42);
        TokenDigest[] stableDigests = new TokenDigest[stable];
        for (int i = 0; i < stable; i++) {
            stableDigests[i] = digest(random, i);
            index.activate(1_000_000_000L + i, 1, stableDigests[i], AccessLevel.BASIC);
        }
        AtomicReferenceArray<TokenDigest> retired = new AtomicReferenceArray<>(churned);
        TokenDigest[] current = new TokenDigest[churned];
        for (int i = 0; i < churned; i++) {
            current[i] = digest(random, i);
            index.activate(2_000_000_000L + i, 1, current[i], AccessLevel.BASIC);
        }
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong checks = new AtomicLong();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            Future<?>[] work = new Future<?>[2];
            for (int r = 0; r < 2; r++) {
                long seed = r;
                work[r] = readers.submit(() -> {
                    SplittableRandom pick = new SplittableRandom(seed);
                    while (!done.get()) {
                        int i = pick.nextInt(churned);
                        TokenDigest gone = retired.get(i); // published after the reset that retired it returned
                        if (gone != null && index.find(gone) != null) {
                            throw new AssertionError("a retired token of account " + i + " was found");
                        }
                        int s = pick.nextInt(stable);
                        Grant grant = index.find(stableDigests[s]);
                        if (grant == null || grant.managerCustomerId() != 1_000_000_000L + s) {
                            throw new AssertionError("untouched account " + s + " not found: " + grant);
                        }
                        checks.incrementAndGet();
                    }
                    return null;
                });
            }
            // 40,000 resets: tombstones, their sweeps and growth happen under the readers.
            for (int n = 0; n < 40_000; n++) {
                int i = random.nextInt(churned);
                TokenDigest next = digest(random, n);
                index.activate(2_000_000_000L + i, n + 2, next, AccessLevel.BASIC);
                retired.set(i, current[i]);
                current[i] = next;
                if (n % 10_000 == 0) {
                    index.changeLevel(1_000_000_000L + n % stable, AccessLevel.STANDARD);
                }
            }
            done.set(true);
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            done.set(true);
            readers.shutdownNow();
        }
        assertThat(checks.get()).isPositive();
        assertThat(index.size()).isEqualTo(stable + churned);
        for (int i = 0; i < churned; i++) {
            assertThat(index.find(current[i]).managerCustomerId()).isEqualTo(2_000_000_000L + i);
        }
    }

    /** A random digest; one in four starts its probe in the same few slots, for long probe chains. */
    private static TokenDigest digest(SplittableRandom random, int n) {
        long w0 = n % 4 == 0 ? random.nextInt(8) | (random.nextLong() << 32) : random.nextLong();
        return new TokenDigest(w0, random.nextLong(), random.nextLong(), random.nextLong());
    }

    @Test
    void changingTheLevelKeepsTheTokenAndAccountsAreIndependent() {
        TokenIndex index = new TokenIndex();
        index.activate(1111111111L, 1, OLD, AccessLevel.TEST_ACCOUNT);
        index.activate(2222222222L, 1, NEW, AccessLevel.BASIC);
        index.changeLevel(1111111111L, AccessLevel.STANDARD);

        assertThat(index.find(OLD).accessLevel()).isEqualTo(AccessLevel.STANDARD);
        assertThat(index.find(NEW).managerCustomerId()).isEqualTo(2222222222L);
    }
}
