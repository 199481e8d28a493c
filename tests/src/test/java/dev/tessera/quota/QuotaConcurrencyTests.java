package dev.tessera.quota;

import dev.tessera.access.AccessLevel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.token.TokenDigest;
import dev.tessera.token.TokenHasher;
import dev.tessera.token.TokenPepper;
import dev.tessera.verify.ClientAccountIndex;
import dev.tessera.verify.Grant;
import dev.tessera.verify.TokenIndex;
import dev.tessera.verify.Verifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Admission is exact under contention on one node (issue #6). */
class QuotaConcurrencyTests {

    @Test
    void eightThreadsOfTenThousandVerifiesAdmitExactlyTheLimit() throws Exception {
        TokenHasher hasher = new TokenHasher(TokenPepper.fromBase64("c2VjcmV0LXBlcHBlci1vZi1hdC1sZWFzdC0zMi1ieXRlcw=="));
        String token = "ABcdEFghIJklMNopQRSTUw";
        TokenDigest digest = hasher.digest(token);
        TokenIndex index = new TokenIndex();
        index.activate(1234567890L, 1, digest, AccessLevel.BASIC);
        QuotaLedger ledger = new QuotaLedger(Clock.systemUTC());
        Verifier verifier = new Verifier(hasher, index, new ClientAccountIndex(), AccessPolicy.defaults(), ledger);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> admitted = new ArrayList<>();
        try {
            for (int thread = 0; thread < 8; thread++) {
                Callable<Integer> client = () -> {
                    int granted = 0;
                    for (int i = 0; i < 10_000; i++) {
                        if (verifier.verify(token, Verifier.NO_CUSTOMER) instanceof Grant) {
                            granted++;
                        }
                    }
                    return granted;
                };
                admitted.add(pool.submit(client));
            }
            int total = 0;
            for (Future<Integer> count : admitted) {
                total += count.get();
            }
            assertThat(total).isEqualTo(15_000);
            assertThat(ledger.used(1234567890L, false)).isEqualTo(15_000);
        } finally {
            pool.shutdown();
        }
    }
}
