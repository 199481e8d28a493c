package dev.tessera.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Api;

import dev.tessera.testing.OnEachStorage;
import dev.tessera.testing.Scenario;


import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;






/**
 * The dedicated Netty data-plane listener keeps the contract of the main port's endpoints, over real
 * HTTP on loopback, on H2 and on PostgreSQL.
 */
class DataPlaneListenerTests extends OnEachStorage {

    Api dataPlane;

    @BeforeEach
    void client() {
        dataPlane = tessera.dataPlane();
    }

    @Test
    void listensOnItsOwnPortBesideTheConsole() {
        assertThat(tessera.dataPlanePort()).isPositive().isNotEqualTo(tessera.port());
    }

    @Test
    void resetInvalidatesOldTokenImmediatelyOnTheDataPlanePort() {
        Scenario.Account account = scenario.account("grace");
        String testClient = scenario.clientAccount(account, true);
        String productionClient = scenario.clientAccount(account, false);
        String oldToken = scenario.issueToken(account);

        Api.Reply granted = scenario.forwardAuth(dataPlane, oldToken, testClient);
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.header("Tessera-Manager-Customer-Id")).isEqualTo(account.customerId());
        assertThat(granted.header("Tessera-Access-Level")).isEqualTo("TEST_ACCOUNT");
        assertThat(granted.header("request-id")).isNull();
        Api.Reply verified = scenario.verify(dataPlane, oldToken, testClient);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.contentType()).startsWith("application/json");
        assertThat(verified.json().get("valid").asBoolean()).isTrue();
        assertThat(verified.text("managerCustomerId")).isEqualTo(account.customerId());
        assertThat(verified.header("Tessera-Access-Level")).isEqualTo("TEST_ACCOUNT");

        Api.Reply reset = scenario.reset(account, "rotation drill");
        assertThat(reset.status()).isEqualTo(200);
        String newToken = reset.text("developerToken");

        for (Api.Reply refused : new Api.Reply[] {
                scenario.forwardAuth(dataPlane, oldToken, testClient), scenario.verify(dataPlane, oldToken, testClient)}) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.contentType()).startsWith("application/json");
            assertThat(refused.json().at("/error/details/0/errors/0/errorCode/authenticationError").asString())
                    .isEqualTo("DEVELOPER_TOKEN_INVALID");
            assertThat(refused.json().at("/error/status").asString()).isEqualTo("UNAUTHENTICATED");
            assertThat(refused.header("request-id"))
                    .isEqualTo(refused.json().at("/error/details/0/requestId").asString())
                    .hasSize(22);
        }

        Api.Reply fresh = scenario.forwardAuth(dataPlane, newToken, testClient);
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.header("Tessera-Manager-Customer-Id")).isEqualTo(account.customerId());
        assertThat(scenario.verify(dataPlane, newToken, null).status()).isEqualTo(200);

        for (Api.Reply notApproved : new Api.Reply[] {
                scenario.forwardAuth(dataPlane, newToken, productionClient), scenario.verify(dataPlane, newToken, productionClient)}) {
            assertThat(notApproved.status()).isEqualTo(403);
            assertThat(notApproved.json().at("/error/details/0/errors/0/errorCode/authorizationError").asString())
                    .isEqualTo("DEVELOPER_TOKEN_NOT_APPROVED");
        }
    }

    @Test
    void answersLikeTheMainPort() {
        Scenario.Account account = scenario.account("hopper");
        String productionClient = scenario.clientAccount(account, false);
        String token = scenario.issueToken(account);
        Api main = tessera.api();
        List<String[]> cases = List.of(
                new String[] {token, null}, new String[] {token, productionClient}, new String[] {token, "12-34"},
                new String[] {null, null}, new String[] {"", null}, new String[] {"short", null},
                new String[] {"AAAAAAAAAAAAAAAAAAAAAA", productionClient});
        for (String[] c : cases) {
            Api.Reply onMain = scenario.forwardAuth(main, c[0], c[1]);
            Api.Reply onNetty = scenario.forwardAuth(dataPlane, c[0], c[1]);
            assertThat(onNetty.status()).as("forward-auth %s", (Object) c).isEqualTo(onMain.status());
            assertThat(withoutRequestId(onNetty)).as("forward-auth %s", (Object) c).isEqualTo(withoutRequestId(onMain));
            assertThat(onNetty.header("Tessera-Access-Level")).isEqualTo(onMain.header("Tessera-Access-Level"));
            if (c[0] != null) {
                Api.Reply verifyMain = scenario.verify(main, c[0], c[1]);
                Api.Reply verifyNetty = scenario.verify(dataPlane, c[0], c[1]);
                assertThat(verifyNetty.status()).as("verify %s", (Object) c).isEqualTo(verifyMain.status());
                assertThat(withoutRequestId(verifyNetty)).as("verify %s", (Object) c).isEqualTo(withoutRequestId(verifyMain));
            }
        }
        for (String body : new String[] {"", "[]", "{\"developerToken\":5}", "not json"}) {
            Api.Reply onMain = main.send("POST", "/v1/developer-token:verify", body, "application/json");
            Api.Reply onNetty = dataPlane.send("POST", "/v1/developer-token:verify", body, "application/json");
            assertThat(onNetty.status()).as("body %s", body).isEqualTo(onMain.status()).isEqualTo(400);
            assertThat(withoutRequestId(onNetty)).isEqualTo(withoutRequestId(onMain));
        }
        Api.Reply badLogin = dataPlane.header("login-customer-id", "nope").header("developer-token", token).get("/v1/forward-auth");
        assertThat(badLogin.status()).isEqualTo(400);
        assertThat(badLogin.json().at("/error/details/0/errors/0/errorCode/requestError").asString())
                .isEqualTo("INVALID_CUSTOMER_ID");
    }

    @Test
    void mainPortAnswersButPointsToTheDataPlaneListener() {
        // Issue 18: a gateway pointed at the main port is served, ten times slower, and told where the listener is.
        Scenario.Account account = scenario.account("hamilton");
        String token = scenario.issueToken(account);
        Api main = tessera.api();
        for (Api.Reply onMain : new Api.Reply[] {
                scenario.forwardAuth(main, token, null), scenario.forwardAuth(main, "AAAAAAAAAAAAAAAAAAAAAA", null)}) {
            assertThat(onMain.header("Link")).isEqualTo("<http://127.0.0.1:" + tessera.dataPlanePort()
                    + "/v1/forward-auth>; rel=\"alternate\"; title=\"data-plane listener\"");
        }
        assertThat(scenario.verify(main, token, null).header("Link"))
                .contains(":" + tessera.dataPlanePort() + "/v1/developer-token:verify>");
        assertThat(scenario.forwardAuth(dataPlane, token, null).header("Link")).isNull();
    }

    @Test
    void missingTokenIsParameterMissing() {
        Api.Reply noHeader = scenario.forwardAuth(dataPlane, null, null);
        Api.Reply noField = dataPlane.post("/v1/developer-token:verify", Map.of("customerId", "1234567890"));
        for (Api.Reply missing : new Api.Reply[] {noHeader, noField}) {
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.json().at("/error/status").asString()).isEqualTo("INVALID_ARGUMENT");
            assertThat(missing.json().at("/error/details/0/errors/0/errorCode/requestError").asString())
                    .isEqualTo("DEVELOPER_TOKEN_PARAMETER_MISSING");
            assertThat(missing.header("request-id")).hasSize(22);
        }
    }

    @Test
    void verifyRejectsMalformedAndUnknownTokensWithoutDatabaseHit() {
        long before = tessera.requestThreadStatements();
        for (String token : new String[] {"x", "AAAAAAAAAAAAAAAAAAAAA!", "AAAAAAAAAAAAAAAAAAAAAB", "AAAAAAAAAAAAAAAAAAAAAA",
                "zzzzzzzzzzzzzzzzzzzzzw", "AAAAAAAAAAAAAAAAAAAAAAA"}) {
            for (Api.Reply refused : new Api.Reply[] {
                    scenario.forwardAuth(dataPlane, token, null), scenario.verify(dataPlane, token, null)}) {
                assertThat(refused.status()).as(token).isEqualTo(401);
                assertThat(refused.json().at("/error/details/0/errors/0/errorCode/authenticationError").asString())
                        .isEqualTo("DEVELOPER_TOKEN_INVALID");
            }
        }
        assertThat(tessera.requestThreadStatements()).as("statements on request threads").isEqualTo(before);
    }

    @Test
    void oversizedBodyIs413AndOversizedHeadersAre431() {
        byte[] big = new byte[64 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        Api.Reply tooLarge = dataPlane.send("POST", "/v1/developer-token:verify", big, "application/json");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");

        byte[] atLimit = new byte[64 * 1024];
        java.util.Arrays.fill(atLimit, (byte) ' ');
        atLimit[0] = '{';
        atLimit[atLimit.length - 1] = '}';
        assertThat(dataPlane.send("POST", "/v1/developer-token:verify", atLimit, "application/json").json()
                        .at("/error/details/0/errors/0/errorCode/requestError").asString())
                .isEqualTo("DEVELOPER_TOKEN_PARAMETER_MISSING");

        Api.Reply headers = dataPlane.header("x-padding", "p".repeat(17 * 1024)).get("/v1/forward-auth");
        assertThat(headers.status()).isEqualTo(431);
        assertThat(headers.contentType()).startsWith("application/problem+json");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", tessera.dataPlanePort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/developer-token:verify HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = " ".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 5; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(new BufferedInputStream(socket.getInputStream())).status).isEqualTo(413);
        }
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        assertThat(dataPlane.get("/v1/nothing-here").status()).isEqualTo(404);
        assertThat(dataPlane.get("/").status()).isEqualTo(404);
        assertThat(dataPlane.get("/api/v1/users").status()).isEqualTo(404);

        Api.Reply postForwardAuth = dataPlane.post("/v1/forward-auth", Map.of());
        assertThat(postForwardAuth.status()).isEqualTo(405);
        assertThat(postForwardAuth.header("Allow")).isEqualTo("GET");
        Api.Reply getVerify = dataPlane.get("/v1/developer-token:verify");
        assertThat(getVerify.status()).isEqualTo(405);
        assertThat(getVerify.header("Allow")).isEqualTo("POST");
        assertThat(dataPlane.get("/v1/forward-auth?x=1").status()).isEqualTo(400);
    }

    @Test
    void keepAliveServesManyRequestsOnOneConnection() throws IOException {
        Scenario.Account account = scenario.account("lovelace");
        String token = scenario.issueToken(account);
        byte[] valid = ("GET /v1/forward-auth HTTP/1.1\r\nHost: t\r\ndeveloper-token: " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] invalid = "GET /v1/forward-auth HTTP/1.1\r\nHost: t\r\ndeveloper-token: AAAAAAAAAAAAAAAAAAAAAA\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket("127.0.0.1", tessera.dataPlanePort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < 500; i++) {
                out.write(i % 5 == 4 ? invalid : valid);
                out.flush();
                Response response = readResponse(in);
                assertThat(response.status).as("request %d", i).isEqualTo(i % 5 == 4 ? 401 : 200);
                assertThat(response.headers).doesNotContainIgnoringCase("connection: close");
            }
            // Pipelined: ten requests in one write, ten answers in order.
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < 10; i++) {
                batch.write(i % 2 == 0 ? valid : invalid);
            }
            out.write(batch.toByteArray());
            out.flush();
            for (int i = 0; i < 10; i++) {
                assertThat(readResponse(in).status).as("pipelined %d", i).isEqualTo(i % 2 == 0 ? 200 : 401);
            }
            out.write("GET /v1/forward-auth HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Response last = readResponse(in);
            assertThat(last.status).isEqualTo(400);
            assertThat(last.headers).containsIgnoringCase("connection: close");
            assertThat(in.read()).as("closed after Connection: close").isEqualTo(-1);
        }
    }

    @Test
    void restrictedServiceAndUsedUpQuotaAreRefusedWithTheirDetails() {
        Scenario.Account account = scenario.account("turing");
        String token = scenario.issueToken(account);
        scenario.promote(account, "EXPLORER");
        Api withToken = dataPlane.header("developer-token", token);

        Api.Reply prohibited = withToken.header("tessera-service", "ReachPlanService.GenerateReachForecast")
                .get("/v1/forward-auth");
        assertThat(prohibited.status()).isEqualTo(403);
        assertThat(prohibited.json().at("/error/details/0/errors/0/errorCode/authorizationError").asString())
                .isEqualTo("DEVELOPER_TOKEN_PROHIBITED");
        assertThat(prohibited.json().at("/error/message").asString()).contains("ReachPlanService");
        assertThat(prohibited.json().at("/error/details/0/requestId").asString()).isEqualTo(prohibited.header("request-id"));

        assertThat(withToken.header("tessera-operations", "2880").get("/v1/forward-auth").status()).isEqualTo(200);
        Api.Reply over = withToken.get("/v1/forward-auth");
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.json().at("/error/details/0/errors/0/details/quotaErrorDetails/retryDelay").asString())
                .isEqualTo(over.header("Retry-After") + "s");
        assertThat(Long.parseLong(over.header("Retry-After"))).isBetween(23 * 3600L, 24 * 3600L);
        assertThat(over.json().at("/error/details/0/requestId").asString()).isEqualTo(over.header("request-id"));
    }

    @Test
    void headGetsNoBodyAndHttp10IsToldAboutTheConnection() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", tessera.dataPlanePort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            out.write("HEAD /v1/forward-auth HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Response head = readResponse(in, false);
            assertThat(head.status).isEqualTo(405);
            assertThat(head.headers).containsIgnoringCase("allow: GET").containsIgnoringCase("content-length: ");
            // The next answer starts right after the head: no body was sent after it.
            out.write("GET /v1/forward-auth HTTP/1.0\r\nConnection: keep-alive\r\ndeveloper-token: AAAAAAAAAAAAAAAAAAAAAA\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Response http10 = readResponse(in);
            assertThat(http10.status).isEqualTo(401);
            assertThat(http10.headers).containsIgnoringCase("connection: keep-alive")
                    .containsIgnoringCase("content-type: application/json").containsPattern("request-id: [A-Za-z0-9_-]{22}\r\n");
            assertThat(new String(http10.body, StandardCharsets.UTF_8))
                    .contains("\"requestId\":\"" + http10.headers.replaceAll("(?s).*request-id: ([A-Za-z0-9_-]{22}).*", "$1") + "\"");
            out.write("GET /v1/forward-auth HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Response last = readResponse(in);
            assertThat(last.status).isEqualTo(400);
            assertThat(last.headers).containsIgnoringCase("connection: close");
            assertThat(in.read()).as("HTTP/1.0 without keep-alive closes").isEqualTo(-1);
        }
    }

    private static String withoutRequestId(Api.Reply reply) {
        return reply.body().replaceAll("\"requestId\":\"[A-Za-z0-9_-]*\"", "\"requestId\":\"…\"");
    }

    private record Response(int status, String headers, byte[] body) {}

    /** Reads one HTTP/1.1 response with a Content-Length from the stream. */
    private static Response readResponse(InputStream in) throws IOException {
        return readResponse(in, true);
    }

    /** Reads one response's head and, when {@code withBody}, the Content-Length bytes after it. */
    private static Response readResponse(InputStream in, boolean withBody) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed after: " + head);
            }
            head.append((char) b);
        }
        String text = head.toString();
        int status = Integer.parseInt(text.substring(9, 12));
        int length = 0;
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n")));
        for (String line : lines) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        return new Response(status, text, withBody ? in.readNBytes(length) : new byte[0]);
    }
}
