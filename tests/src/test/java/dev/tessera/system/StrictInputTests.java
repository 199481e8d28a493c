package dev.tessera.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Strict input on every port (issue 12: {@code operations} beyond 64 bits gave a 500 with a stack
 * trace on the main port and a dropped connection on the data-plane port; duplicate JSON keys were
 * read, the last one winning).
 */
class StrictInputTests {

    static RunningTessera tessera;
    static Scenario scenario;
    static Scenario.Account account;
    static String token;

    @BeforeAll
    static void start() {
        tessera = RunningTessera.start(TestDatabase.fresh(Storage.H2));
        scenario = new Scenario(tessera);
        account = scenario.account("strict");
        token = scenario.issueToken(account);
    }

    @AfterAll
    static void stop() {
        tessera.close();
    }

    static List<Api> bothPorts() {
        return List.of(tessera.api(), tessera.dataPlane());
    }

    @Test
    void operationsOutsideSixtyFourBitsAreAFieldErrorOnBothPorts() {
        for (Api port : bothPorts()) {
            for (String operations : List.of("18446744073709551616", "-18446744073709551616", "9223372036854775808",
                    "1e400", "1.5", "0")) {
                Api.Reply reply = port.post("/v1/developer-token:verify",
                        "{\"developerToken\":\"" + token + "\",\"operations\":" + operations + "}");
                assertThat(reply.status()).as("operations %s: %s", operations, reply).isEqualTo(400);
                assertThat(reply.body()).contains("INVALID_VALUE").doesNotContain(token).doesNotContain("Exception");
            }
            Api.Reply largest = port.post("/v1/developer-token:verify",
                    "{\"developerToken\":\"" + token + "\",\"operations\":9223372036854775807}");
            assertThat(largest.status()).as("the largest long is a number, refused by the quota: %s", largest)
                    .isNotEqualTo(400).isNotEqualTo(500);
        }
    }

    @Test
    void customerIdOutsideSixtyFourBitsIsAnInvalidCustomerId() {
        for (Api port : bothPorts()) {
            Api.Reply reply = port.post("/v1/developer-token:verify",
                    "{\"developerToken\":\"" + token + "\",\"customerId\":123456789012345678901234567890}");
            assertThat(reply.status()).as("%s", reply).isEqualTo(400);
            assertThat(reply.body()).contains("INVALID_CUSTOMER_ID");
        }
    }

    @Test
    void aDuplicateKeyInTheVerifyBodyIsRefusedOnBothPorts() {
        for (Api port : bothPorts()) {
            Api.Reply reply = port.post("/v1/developer-token:verify",
                    "{\"developerToken\":\"" + "A".repeat(22) + "\",\"developerToken\":\"" + token + "\"}");
            assertThat(reply.status()).as("%s", reply).isEqualTo(400);
            assertThat(reply.body()).contains("INVALID_VALUE");
        }
    }

    @Test
    void managementApiRefusesDuplicateKeysAndOutOfRangeNumbersWithAFieldError() {
        Api admin = account.admin().api();
        String path = account.path() + "/access-applications";
        Api.Reply huge = admin.post(path, "{\"requestedLevel\":\"BASIC\",\"useCase\":\"Reports for our clients\","
                + "\"expectedDailyOperations\":123456789012345678901234567890,\"companyUrl\":\"https://acme.example\"}");
        assertThat(huge.status()).as("%s", huge).isEqualTo(400);
        assertThat(huge.text("field")).isEqualTo("expectedDailyOperations");

        Api.Reply fraction = admin.post(path, "{\"requestedLevel\":\"BASIC\",\"useCase\":\"Reports for our clients\","
                + "\"expectedDailyOperations\":1.5,\"companyUrl\":\"https://acme.example\"}");
        assertThat(fraction.status()).as("%s", fraction).isEqualTo(400);
        assertThat(fraction.text("field")).isEqualTo("expectedDailyOperations");

        Api.Reply duplicate = admin.post(path, "{\"requestedLevel\":\"BASIC\",\"requestedLevel\":\"STANDARD\","
                + "\"useCase\":\"Reports\",\"expectedDailyOperations\":5,\"companyUrl\":\"https://acme.example\"}");
        assertThat(duplicate.status()).as("%s", duplicate).isEqualTo(400);
        assertThat(duplicate.body()).doesNotContain("Exception");

        Api.Reply page = admin.get(account.path() + "/audit-events?page=99999999999999999999");
        assertThat(page.status()).as("%s", page).isEqualTo(400);
        assertThat(page.text("field")).isEqualTo("page");
        assertThat(tessera.operator().get("/api/v1/access-applications").body()).doesNotContain("Reports");
    }
}
