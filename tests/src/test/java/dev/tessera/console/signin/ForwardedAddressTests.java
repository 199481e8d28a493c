package dev.tessera.console.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * X-Forwarded-For names the client only when a trusted proxy sent it (issue 12): otherwise any client
 * could pick the address its failures count against.
 */
class ForwardedAddressTests {

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        try (RunningTessera tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2))) {
            String email = failFiveTimesForwardedFrom(tessera, "198.51.100.50");
            SignInLockout lockout = tessera.bean(SignInLockout.class);
            assertThat(lockout.lockedFor(email, "127.0.0.1")).isPresent();
            assertThat(lockout.lockedFor(email, "198.51.100.50")).isEmpty();
        }
    }

    @Test
    void forwardedForFromATrustedProxyNamesTheClient() {
        try (RunningTessera tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2),
                "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1")) {
            String email = failFiveTimesForwardedFrom(tessera, "198.51.100.50");
            SignInLockout lockout = tessera.bean(SignInLockout.class);
            assertThat(lockout.lockedFor(email, "198.51.100.50")).isPresent();
            assertThat(lockout.lockedFor(email, "127.0.0.1")).isEmpty();
        }
    }

    private static String failFiveTimesForwardedFrom(RunningTessera tessera, String client) {
        Scenario.User user = new Scenario(tessera).user("forwarded");
        for (int i = 0; i < SignInLockout.MAX_PAIR_FAILURES; i++) {
            assertThat(tessera.api().header("X-Forwarded-For", client).as(user.email(), "wrong-password-123")
                    .get("/api/v1/manager-accounts").status()).isEqualTo(401);
        }
        return user.email();
    }
}
