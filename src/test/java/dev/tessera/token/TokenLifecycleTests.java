package dev.tessera.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The whole story of a developer token over real HTTP, on H2 and on PostgreSQL (issue #3, point 1). */
@ParameterizedClass
@EnumSource(Storage.class)
class TokenLifecycleTests {

    static RunningTessera tessera;
    static Scenario scenario;

    @Parameter
    Storage storage;

    @BeforeParameterizedClassInvocation
    static void start(Storage storage) {
        tessera = RunningTessera.start(TestDatabase.fresh(storage));
        scenario = new Scenario(tessera);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        tessera.close();
    }

    @Test
    void resetInvalidatesOldTokenImmediatelyAndKeepsAccessLevel() {
        Scenario.Account account = scenario.account("ada");
        String testClient = scenario.clientAccount(account, true);
        String productionClient = scenario.clientAccount(account, false);
        String oldToken = scenario.issueToken(account);

        Api.Reply granted = scenario.forwardAuth(oldToken, testClient);
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.header("Tessera-Manager-Customer-Id")).isEqualTo(account.customerId());
        assertThat(granted.header("Tessera-Access-Level")).isEqualTo("TEST_ACCOUNT");
        assertThat(scenario.verify(oldToken, testClient).json().get("valid").asBoolean()).isTrue();

        Api.Reply reset = scenario.reset(account, "a contractor who knew it left");
        assertThat(reset.status()).isEqualTo(200);
        String newToken = reset.text("developerToken");
        assertThat(newToken).isNotEqualTo(oldToken).hasSize(22);
        assertThat(reset.text("accessLevel")).isEqualTo("TEST_ACCOUNT");

        for (Api.Reply refused : new Api.Reply[] {scenario.forwardAuth(oldToken, testClient), scenario.verify(oldToken, testClient)}) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().at("/error/details/0/errors/0/errorCode/authenticationError").asString())
                    .isEqualTo("DEVELOPER_TOKEN_INVALID");
            assertThat(refused.json().at("/error/status").asString()).isEqualTo("UNAUTHENTICATED");
            assertThat(refused.header("request-id"))
                    .isEqualTo(refused.json().at("/error/details/0/requestId").asString())
                    .isNotBlank();
        }

        Api.Reply fresh = scenario.forwardAuth(newToken, testClient);
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.header("Tessera-Access-Level")).isEqualTo("TEST_ACCOUNT");
        Api.Reply verified = scenario.verify(newToken, testClient);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.text("managerCustomerId")).isEqualTo(account.customerId());
        assertThat(verified.text("accessLevel")).isEqualTo("TEST_ACCOUNT");

        for (Api.Reply notApproved : new Api.Reply[] {scenario.forwardAuth(newToken, productionClient), scenario.verify(newToken, productionClient)}) {
            assertThat(notApproved.status()).isEqualTo(403);
            assertThat(notApproved.json().at("/error/details/0/errors/0/errorCode/authorizationError").asString())
                    .isEqualTo("DEVELOPER_TOKEN_NOT_APPROVED");
        }
    }
}
