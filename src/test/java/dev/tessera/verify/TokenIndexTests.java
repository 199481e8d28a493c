package dev.tessera.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.access.AccessLevel;
import dev.tessera.access.QuotaLedger;
import dev.tessera.access.UsageWindow;
import dev.tessera.token.TokenDigest;
import java.time.Clock;
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
    void changingTheLevelKeepsTheTokenAndAccountsAreIndependent() {
        TokenIndex index = new TokenIndex();
        index.activate(1111111111L, 1, OLD, AccessLevel.TEST_ACCOUNT);
        index.activate(2222222222L, 1, NEW, AccessLevel.BASIC);
        index.changeLevel(1111111111L, AccessLevel.STANDARD);

        assertThat(index.find(OLD).accessLevel()).isEqualTo(AccessLevel.STANDARD);
        assertThat(index.find(NEW).managerCustomerId()).isEqualTo(2222222222L);
    }
}
