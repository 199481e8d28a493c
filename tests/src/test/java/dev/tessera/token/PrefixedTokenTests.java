package dev.tessera.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The scannable token format over real HTTP (issue 15): a Tessera switched to
 * {@code TESSERA_TOKEN_FORMAT=prefixed} issues and resets prefixed tokens, keeps verifying the 22-character
 * tokens issued before, refuses a typo by its checksum, and keeps verifying tokens of an earlier prefix.
 */
class PrefixedTokenTests {

    @Test
    void bothFormatsVerifySideBySideAcrossAFormatSwitchAndAPrefixChange() {
        TestDatabase database = TestDatabase.fresh(Storage.H2);
        Scenario.Account google;
        String googleToken;
        try (RunningTessera tessera = RunningTessera.start(database)) {
            Scenario scenario = new Scenario(tessera);
            google = scenario.account("before");
            googleToken = scenario.issueToken(google);
            assertThat(googleToken).hasSize(22);
        }

        Scenario.Account prefixed;
        String prefixedToken;
        try (RunningTessera tessera = RunningTessera.start(database, "tessera.token-format=prefixed")) {
            Scenario scenario = new Scenario(tessera);
            prefixed = scenario.account("after");
            Api.Reply issued = prefixed.admin().api().post(prefixed.path() + "/developer-token", null);
            assertThat(issued.status()).isEqualTo(201);
            prefixedToken = issued.text("developerToken");
            assertThat(prefixedToken).hasSize(40).startsWith("tsr_").matches("tsr_[0-9A-Za-z]{36}");
            assertThat(issued.text("maskedToken")).isEqualTo(prefixedToken.substring(0, 8) + "…" + prefixedToken.substring(36));

            for (String token : new String[] {googleToken, prefixedToken}) {
                assertThat(scenario.forwardAuth(tessera.dataPlane(), token, null).status()).as(token).isEqualTo(200);
                assertThat(scenario.verify(token, null).status()).as(token).isEqualTo(200);
            }
            String typo = prefixedToken.substring(0, 10) + (prefixedToken.charAt(10) == 'a' ? 'b' : 'a') + prefixedToken.substring(11);
            Api.Reply refused = scenario.forwardAuth(tessera.dataPlane(), typo, null);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().at("/error/details/0/errors/0/errorCode/authenticationError").asString())
                    .isEqualTo("DEVELOPER_TOKEN_INVALID");

            Api.Reply reset = scenario.reset(on(tessera, google), "move to the scannable format");
            assertThat(reset.status()).isEqualTo(200);
            String moved = reset.text("developerToken");
            assertThat(moved).startsWith("tsr_").hasSize(40);
            assertThat(reset.text("previousMaskedToken")).hasSize(9);
            assertThat(scenario.forwardAuth(tessera.dataPlane(), googleToken, null).status()).isEqualTo(401);
            assertThat(scenario.forwardAuth(tessera.dataPlane(), moved, null).status()).isEqualTo(200);
        }

        try (RunningTessera tessera = RunningTessera.start(database, "tessera.token-format=prefixed",
                "tessera.token-prefix=acme_")) {
            Scenario scenario = new Scenario(tessera);
            assertThat(scenario.forwardAuth(tessera.dataPlane(), prefixedToken, null).status())
                    .as("a token of the earlier prefix").isEqualTo(200);
            Api.Reply reset = scenario.reset(on(tessera, prefixed), null);
            assertThat(reset.text("developerToken")).startsWith("acme_").hasSize(41);
            assertThat(scenario.forwardAuth(tessera.dataPlane(), prefixedToken, null).status()).isEqualTo(401);
            assertThat(scenario.forwardAuth(tessera.dataPlane(), reset.text("developerToken"), null).status()).isEqualTo(200);
        }
    }

    /** The account, its ADMIN signed in on this (restarted) Tessera. */
    static Scenario.Account on(RunningTessera tessera, Scenario.Account account) {
        Scenario.User admin = account.admin();
        return new Scenario.Account(account.customerId(),
                new Scenario.User(admin.email(), admin.password(), tessera.api().as(admin.email(), admin.password())));
    }
}
