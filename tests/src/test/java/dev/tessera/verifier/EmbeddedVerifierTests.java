package dev.tessera.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.Cluster;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.TcpProxy;
import io.grpc.Status;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The embedded verifier in two applications (issue 13): an API on embedded Tomcat behind the Servlet
 * filter and one on a real gRPC server behind the interceptor, each with its own verifier following a
 * running Tessera (PostgreSQL, leases of 2 s with a 0.5 s margin) through a TCP proxy the test cuts.
 * After a reset returns, the first request with the old token is refused in-process; with the feed cut,
 * the reset still returns within the lease bound (the writer fenced the verifiers), which then refuse
 * every request with 503; with the feed back they serve again and refuse the old token.
 */
class EmbeddedVerifierTests {

    /** Lease plus drift margin: the longest a reset may wait for a silent verifier. */
    private static final Duration LEASE_BOUND = Duration.ofMillis(2_500);

    static Cluster cluster;
    static Scenario scenario;
    static TcpProxy feed;
    static TesseraVerifier servletVerifier;
    static TesseraVerifier grpcVerifier;
    static ServletApp servletApp;
    static GrpcApp grpcApp;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.start(1);
        scenario = new Scenario(cluster.node(0));
        Api.Reply key = cluster.node(0).operator().post("/api/v1/api-keys", Map.of("name", "embedded", "scope", "verifier"));
        assertThat(key.status()).as("%s", key).isEqualTo(201);
        feed = new TcpProxy(cluster.node(0).port());
        String url = "http://127.0.0.1:" + feed.port();
        servletVerifier = TesseraVerifier.builder(url, key.text("apiKey")).name("servlet-app").start();
        grpcVerifier = TesseraVerifier.builder(url, key.text("apiKey")).name("grpc-app").start();
        assertThat(servletVerifier.awaitCurrent(Duration.ofSeconds(30))).as("servlet app's verifier is current").isTrue();
        assertThat(grpcVerifier.awaitCurrent(Duration.ofSeconds(30))).as("gRPC app's verifier is current").isTrue();
        servletApp = new ServletApp(servletVerifier);
        grpcApp = new GrpcApp(grpcVerifier);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {grpcApp, servletApp, servletVerifier, grpcVerifier, feed, cluster}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    record Reply(int status, String body, String retryAfter) {}

    private static Reply servlet(String token, String path, String loginCustomerId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(servletApp.url() + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("developer-token", token);
        }
        if (loginCustomerId != null) {
            request.header("login-customer-id", loginCustomerId);
        }
        // what a client might send to impersonate: the filter replaces it
        request.header("Tessera-Access-Level", "STANDARD");
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String search(String customerId) {
        return "/v23/customers/" + customerId.replace("-", "") + "/googleAds:search";
    }

    private static String digits(Scenario.Account account) {
        return account.customerId().replace("-", "");
    }

    @Test
    void afterAResetReturnsTheOldTokenIsRefusedInProcessOnTheFirstRequest() {
        Scenario.Account account = scenario.account("embedded");
        String old = scenario.issueToken(account);
        String testClient = scenario.clientAccount(account, true);
        String production = scenario.clientAccount(account, false);
        // issuing and creating client accounts waited for the verifiers too: no waiting here
        String granted = digits(account) + " TEST_ACCOUNT";
        Reply served = servlet(old, search(testClient), null);
        assertThat(served.status()).as("%s", served).isEqualTo(200);
        assertThat(served.body()).isEqualTo(granted + " " + granted);
        Reply notApproved = servlet(old, search(production), null);
        assertThat(notApproved.status()).isEqualTo(403);
        assertThat(notApproved.body()).contains("DEVELOPER_TOKEN_NOT_APPROVED");
        assertThat(grpcApp.search(old, testClient)).isEqualTo(new GrpcApp.Reply(Status.Code.OK, granted, null));

        int servletCalls = servletApp.reached.get();
        int grpcCalls = grpcApp.reached.get();
        Api.Reply reset = scenario.reset(account, "leaked in a log");
        assertThat(reset.status()).as("%s", reset).isEqualTo(200);
        String fresh = reset.text("developerToken");
        JsonNode receipt = reset.json().get("propagation");
        assertThat(receipt.get("acknowledged").toString()).contains("verifier:servlet-app").contains("verifier:grpc-app");

        Reply refused = servlet(old, search(testClient), null);
        assertThat(refused.status()).as("old token, first request after the reset: %s", refused).isEqualTo(401);
        assertThat(refused.body()).contains("\"errorCode\":{\"authenticationError\":\"DEVELOPER_TOKEN_INVALID\"}");
        GrpcApp.Reply refusedCall = grpcApp.search(old, testClient);
        assertThat(refusedCall.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(refusedCall.errorBody()).contains("DEVELOPER_TOKEN_INVALID");
        assertThat(servletApp.reached.get()).as("a refused request never reaches the API").isEqualTo(servletCalls);
        assertThat(grpcApp.reached.get()).isEqualTo(grpcCalls);
        assertThat(servlet(fresh, search(testClient), null).status()).isEqualTo(200);
        assertThat(grpcApp.search(fresh, testClient).code()).isEqualTo(Status.Code.OK);
    }

    @Test
    void aLevelApprovedThroughTesseraIsInForceInProcessWhenTheApprovalReturns() {
        Scenario.Account account = scenario.account("explorer");
        String token = scenario.issueToken(account);
        String production = scenario.clientAccount(account, false);
        scenario.promote(account, "EXPLORER");
        Reply search = servlet(token, search(production), null);
        assertThat(search.status()).as("%s", search).isEqualTo(200);
        assertThat(search.body()).startsWith(digits(account) + " EXPLORER");
        Reply restricted = servlet(token, "/v23/customers/" + production.replace("-", "")
                + "/KeywordPlanIdeaService:generateKeywordIdeas", null);
        assertThat(restricted.status()).as("%s", restricted).isEqualTo(403);
        assertThat(restricted.body()).contains("DEVELOPER_TOKEN_PROHIBITED");
        assertThat(grpcApp.search(token, production)).isEqualTo(
                new GrpcApp.Reply(Status.Code.OK, digits(account) + " EXPLORER", null));
    }

    /** Issue 15: during a rotation's overlap both tokens verify in process; ending it refuses the previous one at once. */
    @Test
    void duringARotationsOverlapBothTokensAreServedInProcessUntilItEnds() {
        Scenario.Account account = scenario.account("rotating");
        String previous = scenario.issueToken(account);
        String test = scenario.clientAccount(account, true);
        Api.Reply rotated = account.admin().api().post(account.path() + "/developer-token:rotate", Map.of("overlap", "PT1H"));
        assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
        String current = rotated.text("developerToken");
        assertThat(servlet(previous, search(test), null).status()).as("previous token during the overlap").isEqualTo(200);
        assertThat(servlet(current, search(test), null).status()).as("new token").isEqualTo(200);
        assertThat(grpcApp.search(previous, test).code()).isEqualTo(Status.Code.OK);

        Api.Reply ended = account.admin().api().post(account.path() + "/developer-token:endOverlap", Map.of());
        assertThat(ended.status()).as("%s", ended).isEqualTo(200);
        Reply refused = servlet(previous, search(test), null);
        assertThat(refused.status()).as("previous token once the overlap ended: %s", refused).isEqualTo(401);
        assertThat(refused.body()).contains("DEVELOPER_TOKEN_INVALID");
        assertThat(grpcApp.search(previous, test).code()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(servlet(current, search(test), null).status()).isEqualTo(200);
    }

    /** Issue 15: the feed carries a token's expiry, and the verifier refuses it as expired from then on. */
    @Test
    void aTokenIsRefusedInProcessAsExpiredOnceItsExpiryHasPassed() {
        Scenario.Account account = scenario.account("expiring");
        String token = scenario.issueToken(account);
        String test = scenario.clientAccount(account, true);
        java.time.Instant soon = java.time.Instant.now().plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Api.Reply set = account.admin().api().put(account.path() + "/developer-token/expiry", Map.of("expiresAt", soon.toString()));
        assertThat(set.status()).as("%s", set).isEqualTo(200);
        Reply before = servlet(token, search(test), null);
        if (java.time.Instant.now().isBefore(soon)) {
            assertThat(before.status()).as("before the expiry: %s", before).isEqualTo(200);
        }
        awaitTrue(() -> java.time.Instant.now().isAfter(soon.plusMillis(50)), "the expiry passing");
        Reply after = servlet(token, search(test), null);
        assertThat(after.status()).as("%s", after).isEqualTo(401);
        assertThat(after.body()).contains("DEVELOPER_TOKEN_EXPIRED");
        assertThat(grpcApp.search(token, test).code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void refusalsCarryTheDataPlanesStatusAndGoogleShapedBody() {
        Api.Reply server = scenario.forwardAuth(cluster.node(0).dataPlane(), null, null);
        Reply embedded = servlet(null, "/v23/customers/1234567890/googleAds:search", null);
        assertThat(embedded.status()).isEqualTo(server.status()).isEqualTo(400);
        assertThat(withoutRequestId(embedded.body())).isEqualTo(withoutRequestId(server.body()));
        Reply badCustomer = servlet("AAAAAAAAAAAAAAAAAAAAAA", "/v23/customers/12345/googleAds:search", null);
        assertThat(badCustomer.status()).isEqualTo(400);
        assertThat(badCustomer.body()).contains("INVALID_CUSTOMER_ID");
        assertThat(servlet("not-a-token", "/v23/customers/1234567890/googleAds:search", "123-456-7890").status()).isEqualTo(401);
        GrpcApp.Reply missing = grpcApp.search(null, null);
        assertThat(missing.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(withoutRequestId(missing.errorBody())).isEqualTo(withoutRequestId(server.body()));
    }

    @Test
    void withTheFeedCutTheResetReturnsWithinTheLeaseBoundAndTheVerifiersRefuseWith503UntilItIsBack() {
        Scenario.Account account = scenario.account("cut-off");
        String old = scenario.issueToken(account);
        String testClient = scenario.clientAccount(account, true);
        assertThat(servlet(old, search(testClient), null).status()).isEqualTo(200);
        feed.cut();
        try {
            long started = System.nanoTime();
            Api.Reply reset = scenario.reset(account, "leaked while the verifiers were cut off");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(reset.status()).as("%s", reset).isEqualTo(200);
            String fresh = reset.text("developerToken");
            assertThat(reset.json().get("propagation").get("fenced").toString())
                    .contains("verifier:servlet-app").contains("verifier:grpc-app");
            // a protocol bound, not a speed goal: the reset never waits longer than one lease and the margin
            assertThat(took).as("reset with the verifiers cut off").isLessThan(LEASE_BOUND.plusSeconds(2));

            for (String token : new String[] {old, fresh}) {
                Reply unavailable = servlet(token, search(testClient), null);
                assertThat(unavailable.status()).as("%s", unavailable).isEqualTo(503);
                assertThat(unavailable.body()).contains("TRANSIENT_ERROR");
                assertThat(unavailable.retryAfter()).isNotNull();
                GrpcApp.Reply call = grpcApp.search(token, testClient);
                assertThat(call.code()).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(call.errorBody()).contains("TRANSIENT_ERROR");
            }
            feed.restore();
            awaitTrue(() -> servlet(fresh, search(testClient), null).status() == 200, "servlet app serves again");
            awaitTrue(() -> grpcApp.search(fresh, testClient).code() == Status.Code.OK, "gRPC app serves again");
            assertThat(servlet(old, search(testClient), null).status()).as("old token once back").isEqualTo(401);
            assertThat(grpcApp.search(old, testClient).code()).isEqualTo(Status.Code.UNAUTHENTICATED);
        } finally {
            feed.restore();
        }
    }

    private static String withoutRequestId(String body) {
        return body.replaceAll("\"requestId\":\"[^\"]*\"", "\"requestId\":\"\"");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("%s within 20 s", what).isNegative();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
