package dev.tessera.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The test-account view the data plane reads on every request naming a customer (issue 18). */
class ClientAccountIndexTests {

    @Test
    void answersTheLastFlagRegisteredForEachAccountAcrossGrowth() {
        ClientAccountIndex index = new ClientAccountIndex();
        for (long id = 1_000_000_000L; id < 1_000_020_000L; id++) {
            index.register(id, id % 3 == 0);
        }
        for (long id = 1_000_000_000L; id < 1_000_020_000L; id += 2) {
            index.register(id, id % 3 != 0);
        }
        assertThat(index.size()).isEqualTo(20_000);
        for (long id = 1_000_000_000L; id < 1_000_020_000L; id++) {
            boolean expected = id % 2 == 0 ? id % 3 != 0 : id % 3 == 0;
            assertThat(index.isTestAccount(id)).as("%d", id).isEqualTo(expected);
        }
        assertThat(index.isTestAccount(999_999_999L)).isFalse();
        assertThat(index.isTestAccount(0)).isFalse();
        index.register(0, true);
        assertThat(index.isTestAccount(0)).isFalse();
        assertThat(index.size()).isEqualTo(20_000);
    }
}
