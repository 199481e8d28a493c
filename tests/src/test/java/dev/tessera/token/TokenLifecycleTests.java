package dev.tessera.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tessera.testing.OnEachStorage;
import dev.tessera.testing.Scenario;


import org.junit.jupiter.api.Test;






/** The life of a developer token over real HTTP, on H2 and on PostgreSQL (issue #3, points 1, 3 and 4). */
class TokenLifecycleTests extends OnEachStorage {

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

    @Test
    void concurrentResetsLeaveExactlyOneValidTokenFromAmongTheReturnedOnes() throws Exception {
        Scenario.Account account = scenario.account("grace");
        String original = scenario.issueToken(account);

        List<Api.Reply> replies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Api.Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(pool.submit(() -> scenario.reset(account, "rotation drill")));
            }
            for (Future<Api.Reply> call : calls) {
                replies.add(call.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as("%s", reply).isEqualTo(200));
        List<String> returned = replies.stream().map(reply -> reply.text("developerToken")).toList();
        assertThat(returned).doesNotHaveDuplicates();
        List<String> valid = new ArrayList<>();
        for (String token : returned) {
            if (scenario.forwardAuth(token, null).status() == 200) {
                valid.add(token);
            }
        }
        assertThat(valid).hasSize(1);
        assertThat(scenario.forwardAuth(original, null).status()).isEqualTo(401);

        JdbcClient jdbc = tessera.bean(JdbcClient.class);
        long customerId = Long.parseLong(account.customerId());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM developer_tokens WHERE account_id = ? AND active")
                        .param(customerId).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM developer_tokens WHERE account_id = ?")
                        .param(customerId).query(Long.class).single())
                .isEqualTo(51);
        assertThat(jdbc.sql("SELECT reset_count FROM token_lineages WHERE account_id = ?")
                        .param(customerId).query(Integer.class).single())
                .isEqualTo(50);
        assertThat(account.admin().api().get(account.path() + "/developer-token").text("maskedToken"))
                .isEqualTo(valid.get(0).substring(0, 4) + "…" + valid.get(0).substring(18));
    }

    @Test
    void verifyRejectsMalformedAndUnknownTokensWithoutDatabaseHit() {
        Scenario.Account account = scenario.account("linus");
        String replaced = scenario.issueToken(account);
        assertThat(scenario.reset(account, null).status()).isEqualTo(200);
        String unknown = "AAAAAAAAAAAAAAAAAAAAAA";
        List<String> rejected = List.of("short", "!!!!!!!!!!!!!!!!!!!!!!", "AAAAAAAAAAAAAAAAAAAAAB", unknown, replaced,
                "A".repeat(5000));

        long before = tessera.requestThreadStatements();
        for (String token : rejected) {
            assertThat(scenario.forwardAuth(token, null).status()).as(token).isEqualTo(401);
            assertThat(scenario.verify(token, null).status()).as(token).isEqualTo(401);
        }
        assertThat(scenario.forwardAuth(null, null).status()).isEqualTo(400);
        assertThat(scenario.forwardAuth("", null).status()).isEqualTo(400);

        assertThat(tessera.requestThreadStatements()).isEqualTo(before);
        // The counter does see request threads: a management call reads the database.
        account.admin().api().get(account.path() + "/developer-token");
        assertThat(tessera.requestThreadStatements()).isGreaterThan(before);
    }

    @Test
    void missingTokenAndMalformedCustomerIdAreInvalidArguments() {
        Api.Reply missing = scenario.forwardAuth(null, null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().at("/error/status").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(missing.json().at("/error/details/0/errors/0/errorCode/requestError").asString())
                .isEqualTo("DEVELOPER_TOKEN_PARAMETER_MISSING");
        assertThat(scenario.verify(null, null).json().at("/error/details/0/errors/0/errorCode/requestError").asString())
                .isEqualTo("DEVELOPER_TOKEN_PARAMETER_MISSING");

        Scenario.Account account = scenario.account("barbara");
        String token = scenario.issueToken(account);
        Api.Reply badCustomer = scenario.forwardAuth(token, "12345x7890");
        assertThat(badCustomer.status()).isEqualTo(400);
        assertThat(badCustomer.json().at("/error/details/0/errors/0/errorCode/requestError").asString())
                .isEqualTo("INVALID_CUSTOMER_ID");
        Api.Reply badBody = tessera.api().send("POST", "/v1/developer-token:verify", "{not json", "application/json");
        assertThat(badBody.status()).isEqualTo(400);
        assertThat(badBody.json().at("/error/status").asString()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void customerIdIsAcceptedWithOrWithoutDashes() {
        Scenario.Account account = scenario.account("edsger");
        String testClient = scenario.clientAccount(account, true);
        String token = scenario.issueToken(account);
        String dashed = testClient.substring(0, 3) + "-" + testClient.substring(3, 6) + "-" + testClient.substring(6);
        String dashedAccount = account.customerId().substring(0, 3) + "-" + account.customerId().substring(3, 6) + "-"
                + account.customerId().substring(6);

        assertThat(scenario.forwardAuth(token, dashed).status()).isEqualTo(200);
        assertThat(scenario.verify(token, dashed).status()).isEqualTo(200);
        assertThat(account.admin().api().get("/api/v1/manager-accounts/" + dashedAccount + "/developer-token").status())
                .isEqualTo(200);
    }
}
