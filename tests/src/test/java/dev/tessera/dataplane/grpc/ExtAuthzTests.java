package dev.tessera.dataplane.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;
import dev.tessera.testing.RunningTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 13: Envoy's ext_authz over gRPC ({@code envoy.service.auth.v3.Authorization/Check}) keeps the contract
 * of {@code GET /v1/forward-auth}: a grpc-java client on a real HTTP/2 channel to the listener of a running
 * Tessera, on H2 and on PostgreSQL. Every refusal is a denied CheckResponse with the HTTP status, the
 * Google-shaped body and its headers; a grant sets the two Tessera headers upstream and removes the token.
 */
@ParameterizedClass
@EnumSource(Storage.class)
class ExtAuthzTests {

    static RunningTessera tessera;
    static Scenario scenario;

    @Parameter
    Storage storage;

    ExtAuthzClient envoy;

    @BeforeParameterizedClassInvocation
    static void start(Storage storage) {
        tessera = RunningTessera.start(TestDatabase.fresh(storage), "tessera.data-plane-grpc-port=0");
        scenario = new Scenario(tessera);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        tessera.close();
    }

    @BeforeEach
    void connect() {
        envoy = new ExtAuthzClient(tessera.bean(ExtAuthzServer.class).port());
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        envoy.close();
    }

    @Test
    void listensOnAPortOfItsOwnBesideBothHttpListeners() {
        assertThat(tessera.bean(ExtAuthzServer.class).port()).isPositive()
                .isNotEqualTo(tessera.port()).isNotEqualTo(tessera.dataPlanePort());
    }

    @Test
    void validTokenIsAllowedWithBothHeadersUpstreamAndTheTokenRemoved() {
        Scenario.Account account = scenario.account("envoy-ok");
        String testClient = scenario.clientAccount(account, true);
        String token = scenario.issueToken(account);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("developer-token", token);
        headers.put("tessera-access-level", "STANDARD");
        ExtAuthzClient.Answer answer = envoy.check("/v23/customers/" + testClient + "/googleAds:search", headers);

        assertThat(answer.allowed()).as("%s", answer).isTrue();
        assertThat(answer.response().hasDeniedResponse()).isFalse();
        assertThat(answer.headers()).containsExactly(
                Map.entry("tessera-manager-customer-id", account.customerId()),
                Map.entry("tessera-access-level", "TEST_ACCOUNT"));
        // a client's own tessera-* header is overwritten, not appended to
        answer.response().getOkResponse().getHeadersList().forEach(option -> assertThat(option.getAppendAction().name())
                .isEqualTo("OVERWRITE_IF_EXISTS_OR_ADD"));
        assertThat(answer.response().getOkResponse().getHeadersToRemoveList()).containsExactly("developer-token");
    }

    @Test
    void missingTokenIsDenied400ParameterMissing() {
        for (ExtAuthzClient.Answer missing : List.of(envoy.check(null, (String) null), envoy.check("", (String) null),
                envoy.check(CheckRequest.getDefaultInstance()))) {
            assertDenied(missing, 400, Status.Code.INVALID_ARGUMENT, "requestError", "DEVELOPER_TOKEN_PARAMETER_MISSING");
        }
    }

    @Test
    void malformedAndUnknownTokensAreDenied401WithoutDatabaseHit() {
        long before = tessera.requestThreadStatements();
        for (String token : new String[] {"x", "AAAAAAAAAAAAAAAAAAAAA!", "AAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAA"}) {
            assertDenied(envoy.check(token, (String) null), 401, Status.Code.UNAUTHENTICATED, "authenticationError",
                    "DEVELOPER_TOKEN_INVALID");
        }
        assertThat(tessera.requestThreadStatements()).isEqualTo(before);
    }

    @Test
    void testAccountTokenOnProductionIsDenied403NotApproved() {
        Scenario.Account account = scenario.account("envoy-test-level");
        String production = scenario.clientAccount(account, false);
        String token = scenario.issueToken(account);
        assertDenied(envoy.check(token, production), 403, Status.Code.PERMISSION_DENIED, "authorizationError",
                "DEVELOPER_TOKEN_NOT_APPROVED");
    }

    @Test
    void explorerOnARestrictedServiceIsDenied403ProhibitedWithTheServiceNamed() {
        Scenario.Account account = scenario.account("envoy-explorer");
        String token = scenario.issueToken(account);
        scenario.promote(account, "EXPLORER");
        ExtAuthzClient.Answer prohibited = envoy.check("/v23/customers/1234567890/KeywordPlanIdeaService:generateKeywordIdeas",
                Map.of("developer-token", token));
        assertDenied(prohibited, 403, Status.Code.PERMISSION_DENIED, "authorizationError", "DEVELOPER_TOKEN_PROHIBITED");
        assertThat(prohibited.json().at("/error/message").asString()).contains("KeywordPlanIdeaService");
        assertThat(prohibited.response().getStatus().getMessage()).contains("KeywordPlanIdeaService");
        assertThat(envoy.check("/v23/customers/1234567890/googleAds:search", Map.of("developer-token", token)).allowed())
                .isTrue();
    }

    @Test
    void usedUpQuotaIsDenied429WithRetryAfter() {
        Scenario.Account account = scenario.account("envoy-quota");
        String testClient = scenario.clientAccount(account, true);
        String token = scenario.issueToken(account);
        String path = "/v23/customers/" + testClient + "/googleAds:search";
        assertThat(envoy.check(path, Map.of("developer-token", token, "tessera-operations", "15000")).allowed()).isTrue();

        ExtAuthzClient.Answer over = envoy.check(path, Map.of("developer-token", token));
        assertDenied(over, 429, Status.Code.RESOURCE_EXHAUSTED, "quotaError", "RESOURCE_EXHAUSTED");
        long retryAfter = Long.parseLong(over.headers().get("retry-after"));
        assertThat(retryAfter).isBetween(23 * 3600L, 24 * 3600L);
        assertThat(over.json().at("/error/details/0/errors/0/details/quotaErrorDetails/retryDelay").asString())
                .isEqualTo(retryAfter + "s");
    }

    @Test
    void resetRefusesTheOldTokenOnTheFirstCheckAfterItReturns() {
        Scenario.Account account = scenario.account("envoy-reset");
        String old = scenario.issueToken(account);
        assertThat(envoy.check(old, (String) null).allowed()).isTrue();

        Api.Reply reset = scenario.reset(account, "leaked in a gateway log");
        assertThat(reset.status()).isEqualTo(200);

        assertDenied(envoy.check(old, (String) null), 401, Status.Code.UNAUTHENTICATED, "authenticationError",
                "DEVELOPER_TOKEN_INVALID");
        ExtAuthzClient.Answer fresh = envoy.check(reset.text("developerToken"), (String) null);
        assertThat(fresh.allowed()).isTrue();
        assertThat(fresh.headers()).containsEntry("tessera-manager-customer-id", account.customerId());
    }

    @Test
    void answersLikeForwardAuthOnTheDataPlanePort() {
        Scenario.Account account = scenario.account("envoy-parity");
        String production = scenario.clientAccount(account, false);
        String token = scenario.issueToken(account);
        Api dataPlane = tessera.dataPlane();
        String[][] cases = {{token, null}, {token, production}, {token, "12-34"}, {null, null}, {"short", null},
            {"AAAAAAAAAAAAAAAAAAAAAA", production}};
        for (String[] c : cases) {
            Api.Reply http = scenario.forwardAuth(dataPlane, c[0], c[1]);
            ExtAuthzClient.Answer grpc = envoy.check(c[0], c[1]);
            assertThat(grpc.httpStatus()).as("%s", (Object) c).isEqualTo(http.status());
            if (http.status() == 200) {
                assertThat(grpc.headers()).containsEntry("tessera-access-level", http.header("Tessera-Access-Level"));
            } else {
                assertThat(withoutRequestId(grpc.body())).as("%s", (Object) c).isEqualTo(withoutRequestId(http.body()));
            }
        }
        Map<String, String> badLogin = Map.of("developer-token", token, "login-customer-id", "nope");
        assertDenied(envoy.check("/", badLogin), 400, Status.Code.INVALID_ARGUMENT, "requestError", "INVALID_CUSTOMER_ID");
    }

    @Test
    void readsRawHeadersWhenEnvoyEncodesThem() {
        // encode_raw_headers: true puts the headers in header_map, with their values as bytes
        Scenario.Account account = scenario.account("envoy-raw");
        String token = scenario.issueToken(account);
        CheckRequest raw = CheckRequest.newBuilder().setAttributes(AttributeContext.newBuilder().setRequest(
                AttributeContext.Request.newBuilder().setHttp(AttributeContext.HttpRequest.newBuilder().setPath("/")
                        .setHeaderMap(HeaderMap.newBuilder().addHeaders(HeaderValue.newBuilder().setKey("developer-token")
                                .setRawValue(com.google.protobuf.ByteString.copyFrom(token, StandardCharsets.UTF_8))))))).build();
        ExtAuthzClient.Answer answer = envoy.check(raw);
        assertThat(answer.allowed()).as("%s", answer).isTrue();
        assertThat(answer.headers()).containsEntry("tessera-manager-customer-id", account.customerId());
    }

    static void assertDenied(ExtAuthzClient.Answer answer, int httpStatus, Status.Code grpcCode, String errorType,
            String errorCode) {
        assertThat(answer.allowed()).as("%s", answer).isFalse();
        assertThat(answer.grpcCode()).as("%s", answer).isEqualTo(grpcCode.value());
        assertThat(answer.httpStatus()).as("%s", answer).isEqualTo(httpStatus);
        assertThat(answer.headers()).containsEntry("content-type", "application/json");
        assertThat(answer.json().at("/error/code").asInt()).isEqualTo(httpStatus);
        assertThat(answer.json().at("/error/status").asString()).isEqualTo(grpcCode.name());
        assertThat(answer.json().at("/error/details/0/errors/0/errorCode/" + errorType).asString()).isEqualTo(errorCode);
        assertThat(answer.headers().get("request-id")).hasSize(22)
                .isEqualTo(answer.json().at("/error/details/0/requestId").asString());
    }

    private static String withoutRequestId(String body) {
        return body.replaceAll("\"requestId\":\"[^\"]*\"", "\"requestId\":\"\"");
    }
}
