package dev.tessera.dataplane.gateway;

import static dev.tessera.testing.Waits.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.testing.Api;
import dev.tessera.testing.ChildTessera;
import dev.tessera.testing.Cluster;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.verify.RefusalReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13: Tessera in front of an API through real nginx and real Caddy, each run with the
 * configuration shipped in deploy/ as the README fills it, before a {@link RecordingUpstream}. Every
 * answer of the contract reaches the client with its own status, Google Ads body, request-id and
 * Retry-After; a granted request reaches the API with Tessera's two headers (whatever the client sent
 * under those names); a refused one never reaches it; a reset refuses the old token through either
 * gateway on the first request after it returns. One Tessera node on PostgreSQL behind a TCP proxy,
 * so that its cluster lease can lapse (the 503).
 */
class GatewayTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration LEASE_BOUND = Duration.ofMillis(2_500);

    static RecordingUpstream upstream;
    static Cluster cluster;
    static RunningTessera tessera;
    static Scenario scenario;
    static final Map<Gateway.Kind, Gateway> gateways = new EnumMap<>(Gateway.Kind.class);

    @BeforeAll
    static void start() {
        Gateway.requireInstalled();
        upstream = RecordingUpstream.start();
        cluster = Cluster.start(1);
        tessera = cluster.node(0);
        scenario = new Scenario(tessera);
        for (Gateway.Kind kind : Gateway.Kind.values()) {
            gateways.put(kind, Gateway.start(kind, "127.0.0.1:" + tessera.dataPlanePort(), upstream.address()));
        }
    }

    @AfterAll
    static void stop() {
        gateways.values().forEach(Gateway::close);
        if (cluster != null) {
            cluster.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Gateway.Kind.class)
    void aGrantedRequestReachesTheApiWithTesserasHeadersAndItsBody(Gateway.Kind kind) {
        Customer customer = customer("granted-" + kind);
        Scenario.Account account = customer.account();
        String testClient = customer.testClient();
        String token = customer.token();
        String marker = UUID.randomUUID().toString();
        String path = "/v23/customers/" + testClient + "/googleAds:search?pageSize=10";
        String query = "{\"query\":\"SELECT campaign.id FROM campaign\"}";

        Api.Reply reply = send(kind, "POST", path, query, marker, "developer-token", token,
                "login-customer-id", account.customerId(),
                "Tessera-Access-Level", "STANDARD", "Tessera-Manager-Customer-Id", "9999999999");

        assertThat(reply.status()).as("%s: %s", kind, reply).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(RecordingUpstream.ANSWER);
        List<RecordingUpstream.Received> received = upstream.marked(marker);
        assertThat(received).as("requests the API received").hasSize(1);
        RecordingUpstream.Received request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo(path);
        assertThat(request.body()).isEqualTo(query);
        assertThat(request.all("Tessera-Manager-Customer-Id")).as("set by Tessera's answer, not by the client")
                .containsExactly(account.customerId());
        assertThat(request.all("Tessera-Access-Level")).containsExactly("TEST_ACCOUNT");
        assertThat(request.all("login-customer-id")).containsExactly(account.customerId());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Gateway.Kind.class)
    void theApisOwn401And403ReachTheClientUntouched(Gateway.Kind kind) {
        Customer customer = customer("api-refuses-" + kind);
        String testClient = customer.testClient();
        String token = customer.token();
        for (String status : new String[] {"401", "403"}) {
            String marker = UUID.randomUUID().toString();
            Api.Reply reply = send(kind, "GET", "/v23/customers/" + testClient + "/googleAds:search", null, marker,
                    "developer-token", token, RecordingUpstream.ANSWER_STATUS, status);
            assertThat(reply.status()).as("%s: %s", kind, reply).isEqualTo(Integer.parseInt(status));
            assertThat(reply.body()).as("the API's body, not Tessera's").isEqualTo(RecordingUpstream.ANSWER);
            assertThat(upstream.marked(marker)).hasSize(1);
        }
    }

    @Test
    void aMissingGatewayFailsTheTestsSayingWhatToInstall() {
        assertThatThrownBy(() -> Gateway.executable("tessera-no-such-gateway", "tessera-no-such-package"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("tessera-no-such-gateway is not installed")
                .hasMessageContaining("apt-get install tessera-no-such-package");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Gateway.Kind.class)
    void everyRefusalReachesTheClientWithItsOwnStatusAndBodyAndNeverTheApi(Gateway.Kind kind) {
        Customer customer = customer("refused-" + kind);
        String testClient = customer.testClient();
        String productionClient = customer.productionClient();
        String token = customer.token();
        String onTest = "/v23/customers/" + testClient + "/googleAds:search";
        String onProduction = "/v23/customers/" + productionClient + "/googleAds:search";

        assertExactRefusal(kind, RefusalReason.PARAMETER_MISSING, onTest);
        assertExactRefusal(kind, RefusalReason.TOKEN_INVALID, onTest, "developer-token", "not-a-real-token");
        // the login-customer-id header reaches Tessera
        assertExactRefusal(kind, RefusalReason.CUSTOMER_ID_INVALID, onTest, "developer-token", token,
                "login-customer-id", "12-34");
        // the original URI reaches Tessera, and a client cannot name another one
        assertExactRefusal(kind, RefusalReason.NOT_APPROVED, onProduction, "developer-token", token);
        assertExactRefusal(kind, RefusalReason.NOT_APPROVED, onProduction, "developer-token", token,
                "X-Original-URI", onTest, "X-Forwarded-Uri", onTest);

        JsonNode twice = refused(kind, 400, "requestError", null, onTest,
                "developer-token", token, "developer-token", token).json();
        assertThat(twice.at("/error/details/0/errors/0/errorCode/fieldError").asString()).isEqualTo("INVALID_VALUE");
        assertThat(twice.at("/error/message").asString()).contains("more than one developer-token");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Gateway.Kind.class)
    void anExplorerTokenIsRefusedARestrictedServiceAndAUsedUpQuotaWithRetryAfter(Gateway.Kind kind) {
        Customer customer = customer("explorer-" + kind);
        String productionClient = customer.productionClient();
        String token = customer.token();
        scenario.promote(customer.account(), "EXPLORER");

        String restricted = "/v23/customers/" + productionClient + "/ReachPlanService:GenerateReachForecast";
        for (String[] headers : new String[][] {{"developer-token", token},
                {"developer-token", token, "tessera-service", "GoogleAdsService.Search"}}) {
            JsonNode prohibited = refused(kind, 403, "authorizationError", "DEVELOPER_TOKEN_PROHIBITED", restricted, headers).json();
            assertThat(prohibited.at("/error/message").asString()).contains("ReachPlanService").contains("EXPLORER");
        }

        String search = "/v23/customers/" + productionClient + "/googleAds:search";
        assertThat(send(kind, "GET", search, null, UUID.randomUUID().toString(), "developer-token", token).status()).isEqualTo(200);
        Api.Reply usedUp = tessera.dataPlane().header("developer-token", token).header("X-Original-URI", search)
                .header("tessera-operations", "2879").get("/v1/forward-auth");
        assertThat(usedUp.status()).as("the rest of the day's 2,880 operations, straight at Tessera: %s", usedUp).isEqualTo(200);

        Api.Reply over = refused(kind, 429, "quotaError", "RESOURCE_EXHAUSTED", search, "developer-token", token);
        assertThat(Long.parseLong(over.header("Retry-After"))).isBetween(23 * 3600L, 24 * 3600L);
        assertThat(over.json().at("/error/details/0/errors/0/details/quotaErrorDetails/retryDelay").asString())
                .isEqualTo(over.header("Retry-After") + "s");
        assertThat(over.json().at("/error/status").asString()).isEqualTo("RESOURCE_EXHAUSTED");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Gateway.Kind.class)
    void aResetRefusesTheOldTokenThroughTheGatewayOnTheFirstRequestAfterItReturns(Gateway.Kind kind) {
        Customer customer = customer("reset-" + kind);
        String testClient = customer.testClient();
        String old = customer.token();
        String path = "/v23/customers/" + testClient + "/googleAds:search";
        assertThat(send(kind, "GET", path, null, UUID.randomUUID().toString(), "developer-token", old).status()).isEqualTo(200);

        Api.Reply reset = scenario.reset(customer.account(), "leaked in a log through " + kind);
        assertThat(reset.status()).as("reset: %s", reset).isEqualTo(200);

        assertExactRefusal(kind, RefusalReason.TOKEN_INVALID, path, "developer-token", old);
        String marker = UUID.randomUUID().toString();
        Api.Reply fresh = send(kind, "GET", path, null, marker, "developer-token", reset.text("developerToken"));
        assertThat(fresh.status()).as("the new token: %s", fresh).isEqualTo(200);
        assertThat(upstream.marked(marker)).hasSize(1);
    }

    @Test
    void withItsLeaseLapsedTesseraRefuses503ThroughEveryGatewayAndServesAgainWhenItIsBack() {
        Customer customer = customer("lease");
        String testClient = customer.testClient();
        String token = customer.token();
        String path = "/v23/customers/" + testClient + "/googleAds:search";
        BooleanSupplier refusing = () -> scenario.forwardAuth(tessera.dataPlane(), token, testClient).status() == 503;
        cluster.proxy(0).cut();
        try {
            awaitTrue(refusing, LEASE_BOUND.plusSeconds(5), "Tessera refuses with its lease lapsed");
            for (Gateway.Kind kind : Gateway.Kind.values()) {
                assertExactRefusal(kind, RefusalReason.UNAVAILABLE, path, "developer-token", token);
            }
        } finally {
            cluster.proxy(0).restore();
        }
        awaitTrue(() -> !refusing.getAsBoolean(), Duration.ofSeconds(20), "Tessera serves again");
        for (Gateway.Kind kind : Gateway.Kind.values()) {
            assertThat(send(kind, "GET", path, null, UUID.randomUUID().toString(), "developer-token", token).status())
                    .as("%s once Tessera is back", kind).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Gateway.Kind.class)
    void theGatewayAnswers503UnavailableWhenTesseraCannotBeReached(Gateway.Kind kind) {
        assertUnavailableThrough(kind, "127.0.0.1:" + ChildTessera.freePort());
    }

    /** A Tessera that takes connections and never answers: the gateway gives up after 5 s (its configuration). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Gateway.Kind.class)
    void theGatewayAnswers503UnavailableWhenTesseraDoesNotAnswerInTime(Gateway.Kind kind) throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertUnavailableThrough(kind, "127.0.0.1:" + silent.getLocalPort());
        }
    }

    private static void assertUnavailableThrough(Gateway.Kind kind, String tesseraAddress) {
        try (Gateway gateway = Gateway.start(kind, tesseraAddress, upstream.address())) {
            String marker = UUID.randomUUID().toString();
            Api.Reply reply = send(gateway, "GET", "/v23/customers/1234567890/googleAds:search", null, marker,
                    "developer-token", "any-token");
            assertThat(reply.status()).as("%s: %s", kind, reply).isEqualTo(503);
            assertThat(reply.contentType()).isEqualTo("application/json");
            String requestId = reply.header("request-id");
            assertThat(requestId).as("the gateway's own request id")
                    .matches(kind == Gateway.Kind.NGINX ? "[0-9a-f]{32}" : "[0-9a-f-]{36}");
            assertThat(reply.body()).isEqualTo(new String(RefusalReason.UNAVAILABLE.errorBody(requestId), StandardCharsets.UTF_8));
            assertThat(upstream.marked(marker)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Gateway.Kind.class)
    void theGatewayKeepsItsOwn502WhenTheApiItselfCannotBeReached(Gateway.Kind kind) {
        String nowhere = "127.0.0.1:" + ChildTessera.freePort();
        try (Gateway gateway = Gateway.start(kind, "127.0.0.1:" + tessera.dataPlanePort(), nowhere)) {
            Customer customer = customer("api-down-" + kind);
            Api.Reply reply = send(gateway, "GET", "/v23/customers/" + customer.testClient() + "/googleAds:search", null,
                    UUID.randomUUID().toString(), "developer-token", customer.token());
            assertThat(reply.status()).as("%s, not Tessera's 503: %s", kind, reply).isEqualTo(502);
        }
    }

    /** A manager account with a test and a production client account, and its first (TEST_ACCOUNT) token. */
    private record Customer(Scenario.Account account, String testClient, String productionClient, String token) {}

    private static Customer customer(String name) {
        Scenario.Account account = scenario.account(name);
        return new Customer(account, scenario.clientAccount(account, true), scenario.clientAccount(account, false),
                scenario.issueToken(account));
    }

    /** A refusal with the fixed message of {@code reason}: the body byte for byte, with the request-id header's id. */
    private static void assertExactRefusal(Gateway.Kind kind, RefusalReason reason, String path, String... headers) {
        Api.Reply reply = refused(kind, reason.httpStatus(), reason.errorType(), reason.errorCode(), path, headers);
        assertThat(reply.body()).as("%s %s", kind, reason)
                .isEqualTo(new String(reason.errorBody(reply.header("request-id")), StandardCharsets.UTF_8));
    }

    /**
     * Sends a request that must be refused with {@code status}: asserts the Google Ads body (its code,
     * its {@code errorType: errorCode} unless {@code errorCode} is null, its request id the same as the
     * {@code request-id} header), {@code Retry-After} only on a 429, and that the API never saw it.
     */
    private static Api.Reply refused(Gateway.Kind kind, int status, String errorType, String errorCode, String path,
            String... headers) {
        String marker = UUID.randomUUID().toString();
        Api.Reply reply = send(kind, "GET", path, null, marker, headers);
        assertThat(reply.status()).as("%s: %s", kind, reply).isEqualTo(status);
        assertThat(reply.contentType()).as("%s content type", kind).startsWith("application/json");
        JsonNode error = reply.json().get("error");
        assertThat(error.get("code").asInt()).isEqualTo(status);
        if (errorCode != null) {
            assertThat(error.at("/details/0/errors/0/errorCode/" + errorType).asString()).isEqualTo(errorCode);
        }
        assertThat(reply.header("request-id")).as("%s request-id", kind).hasSize(22)
                .isEqualTo(error.at("/details/0/requestId").asString());
        assertThat(reply.header("Retry-After") != null).as("%s Retry-After", kind).isEqualTo(status == 429);
        assertThat(upstream.marked(marker)).as("%s: the API never sees a refused request", kind).isEmpty();
        return reply;
    }

    private static Api.Reply send(Gateway.Kind kind, String method, String path, String body, String marker,
            String... headers) {
        return send(gateways.get(kind), method, path, body, marker, headers);
    }

    /** A request through the gateway, with {@code headers} as name, value pairs (a name may come twice). */
    private static Api.Reply send(Gateway gateway, String method, String path, String body, String marker,
            String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(20)).header(RecordingUpstream.MARKER, marker);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Through " + gateway.baseUrl() + ":\n" + gateway.log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
