package dev.tessera.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Netty listener reads requests strictly (issue 12), over a raw socket on loopback: each
 * malformed request is answered with its status and the connection closed, at once; a request that
 * does not arrive whole in time gets 408; an idle or half-closed connection is closed. The listener
 * runs here with a request timeout of 0.5 s and an idle timeout of 1.5 s (10 s and 60 s in service).
 */
class DataPlaneStrictnessTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static StandaloneDataPlane decision;
    static DataPlaneServer server;

    @BeforeAll
    static void start() {
        decision = new StandaloneDataPlane();
        server = new DataPlaneServer(decision.dataPlane, new DataPlaneProperties(0, "127.0.0.1"), 1,
                Duration.ofMillis(500), Duration.ofMillis(1500));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    String valid() {
        return "developer-token: " + decision.standardToken + "\r\n";
    }

    @Test
    void wellFormedRequestsInEveryAllowedSpellingAreGranted() throws IOException {
        try (Raw raw = new Raw()) {
            raw.send("\r\nGET /v1/forward-auth?x=1 HTTP/1.1\r\nHOST: t\r\nDeveloper-Token:\t " + decision.standardToken
                    + " \t\r\nX-Other: a:b \"c\" \u00e9\r\nLogin-Customer-Id: 123-456-7890\r\n\r\n");
            Raw.Response first = raw.read();
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.head()).contains("Tessera-Manager-Customer-Id: 1234567890");
            raw.send("GET /v1/forward-auth HTTP/1.1\r\nHost: t\r\nX-Original-URI: /v23/customers/1234567890/googleAds:search\r\n"
                    + "tessera-operations: 3\r\n" + valid() + "\r\n");
            assertThat(raw.read().status()).isEqualTo(200);
            String json = "{\"developerToken\":\"" + decision.standardToken + "\"}";
            raw.send("POST /v1/developer-token:verify HTTP/1.1\r\nHost: t\r\nContent-Length: " + json.length() + "\r\n\r\n"
                    + json);
            Raw.Response verified = raw.read();
            assertThat(verified.status()).isEqualTo(200);
            assertThat(verified.body()).contains("\"valid\":true");
            raw.send("POST /v1/developer-token:verify HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: Chunked\r\n\r\n"
                    + "5;ext=1\r\n" + json.substring(0, 5) + "\r\n" + Integer.toHexString(json.length() - 5) + "\r\n"
                    + json.substring(5) + "\r\n0\r\nX-Trailer: t\r\n\r\n");
            verified = raw.read();
            assertThat(verified.status()).isEqualTo(200);
            assertThat(verified.body()).contains("\"valid\":true");
            raw.send("GET /v1/forward-auth HTTP/1.1\r\nHost: t\r\nConnection: keep-alive, Close\r\n" + valid() + "\r\n");
            assertThat(raw.read().status()).isEqualTo(200);
            assertThat(raw.closed()).isTrue();
        }
    }

    @Test
    void foldedHeaderLineIs400NotAVerdict() throws IOException {
        // Issue 12: a folded developer-token was read as a token and answered 401.
        assertRefused("GET /v1/forward-auth HTTP/1.1\r\nHost: t\r\ndeveloper-token: AAAA\r\n AAAAAAAAAAAAAAAAAA\r\n\r\n", 400,
                "folded");
    }

    @Test
    void missingOrRepeatedHostIs400() throws IOException {
        // Issue 12: a request without Host, or with two, was answered.
        assertRefused("GET /v1/forward-auth HTTP/1.1\r\n" + valid() + "\r\n", 400, "none");
        assertRefused("GET /v1/forward-auth HTTP/1.1\r\nHost: a\r\nhost: b\r\n" + valid() + "\r\n", 400, "more");
    }

    @Test
    void repeatedDeveloperTokenIs400WithTheGoogleAdsBody() throws IOException {
        // Issue 12: of two developer-token headers the first won silently.
        try (Raw raw = new Raw()) {
            raw.send("GET /v1/forward-auth HTTP/1.1\r\nHost: t\r\n" + valid() + "DEVELOPER-TOKEN: " + decision.standardToken
                    + "\r\n\r\n");
            Raw.Response refused = raw.read();
            assertThat(refused.status()).isEqualTo(400);
            JsonNode body = JSON.readTree(refused.body());
            assertThat(body.at("/error/status").asString()).isEqualTo("INVALID_ARGUMENT");
            assertThat(body.at("/error/details/0/errors/0/errorCode/fieldError").asString()).isEqualTo("INVALID_VALUE");
            assertThat(body.at("/error/message").asString()).contains("more than one developer-token");
            assertThat(body.at("/error/details/0/requestId").asString()).isEqualTo(refused.header("request-id")).hasSize(22);
            assertThat(raw.closed()).isTrue();
        }
        assertRefused("GET /v1/forward-auth HTTP/1.1\r\nHost: t\r\n" + valid()
                + "login-customer-id: 1234567890\r\nlogin-customer-id: 2345678901\r\n\r\n", 400, "login-customer-id");
    }

    @Test
    void bareCrOrLfIsRefusedAtOnceNotWaitedOn() throws IOException {
        // Issue 12: a request with bare CRs was left hanging.
        assertRefused("GET /v1/forward-auth HTTP/1.1\rHost: t\r" + valid() + "\r", 400, "bare CR");
        assertRefused("GET /v1/forward-auth HTTP/1.1\r\nHost: t\r\nX-A: 1\rX-B: 2\r\n\r\n", 400, "bare CR");
        assertRefused("GET /v1/forward-auth HTTP/1.1\nHost: t\n\n", 400, "bare CR or LF");
    }

    @Test
    void malformedLinesAndFramingAreRefusedWithTheirStatus() throws IOException {
        assertRefused("GET  /v1/forward-auth HTTP/1.1\r\nHost: t\r\n\r\n", 400, "request line");
        assertRefused("GET /v1/forward-auth HTTP/1.1 \r\nHost: t\r\n\r\n", 400, "request line");
        assertRefused("GET /v1/forward-auth HTTP/2.0\r\nHost: t\r\n\r\n", 505, "HTTP/1.1");
        assertRefused("GET /v1/forward-auth HTTP/1.1\r\nHost : t\r\n\r\n", 400, "colon");
        assertRefused("GET /v1/forward-auth HTTP/1.1\r\nHost: t\r\nX-A: a\u0000b\r\n\r\n", 400, "control");
        assertRefused("GET /v1/forward-auth HTTP/1.1\r\nHost: t\r\n: empty name\r\n\r\n", 400, "token");
        assertRefused("POST /v1/developer-token:verify HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, "not both");
        assertRefused("POST /v1/developer-token:verify HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}",
                400, "sent once");
        assertRefused("POST /v1/developer-token:verify HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n", 400, "decimal");
        assertRefused("POST /v1/developer-token:verify HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501,
                "chunked");
        assertRefused("POST /v1/developer-token:verify HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n",
                400, "hexadecimal");
        assertRefused("GET /v1/forward-auth HTTP/1.1\r\nHost: t\r\nExpect: 200-ok\r\n\r\n", 417, "100-continue");
        assertRefused("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: t\r\n\r\n", 414, "8 KiB");
    }

    @Test
    void requestThatStallsOrTricklesIs408AndClosed() throws IOException, InterruptedException {
        try (Raw raw = new Raw()) {
            raw.send("GET /v1/forward-auth HTTP/1.1\r\nHost: t\r\n");
            Raw.Response stalled = raw.read();
            assertThat(stalled.status()).isEqualTo(408);
            assertThat(raw.closed()).isTrue();
        }
        try (Raw raw = new Raw()) {
            String request = "GET /v1/forward-auth HTTP/1.1\r\nHost: t\r\nX-Padding: " + "p".repeat(40) + "\r\n\r\n";
            int sent = 0;
            // One byte every 100 ms: each gap is well inside the idle limit, the whole is not.
            while (sent < request.length() && !raw.hasInput()) {
                raw.send(request.substring(sent, sent + 1));
                sent++;
                Thread.sleep(100);
            }
            assertThat(sent).as("bytes sent before the answer").isLessThan(request.length());
            assertThat(raw.read().status()).isEqualTo(408);
            assertThat(raw.closed()).isTrue();
        }
    }

    @Test
    void idleAndHalfClosedConnectionsAreClosed() throws IOException {
        // Issue 12: idle and half-open connections were kept past 25 s.
        try (Raw raw = new Raw()) {
            raw.send("GET /v1/forward-auth HTTP/1.1\r\nHost: t\r\n" + valid() + "\r\n");
            assertThat(raw.read().status()).isEqualTo(200);
            long started = System.nanoTime();
            assertThat(raw.closed()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        }
        try (Raw raw = new Raw()) {
            raw.send("GET /v1/forward-auth HTTP/1.1\r\nHost: t\r\n");
            raw.socket.shutdownOutput();
            assertThat(raw.closed()).isTrue();
        }
    }

    private void assertRefused(String request, int status, String detail) throws IOException {
        try (Raw raw = new Raw()) {
            raw.send(request);
            Raw.Response refused = raw.read();
            assertThat(refused.status()).as(request).isEqualTo(status);
            assertThat(refused.body()).as(request).contains(detail);
            assertThat(refused.head()).containsIgnoringCase("connection: close");
            assertThat(raw.closed()).as("closed after " + request).isTrue();
        }
    }

    /** A client on a raw socket; every read waits at most 8 s. */
    static final class Raw implements AutoCloseable {

        record Response(int status, String head, String body) {
            String header(String name) {
                for (String line : head.split("\r\n")) {
                    if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                        return line.substring(name.length() + 1).strip();
                    }
                }
                return null;
            }
        }

        final Socket socket;
        final OutputStream out;
        final InputStream in;

        Raw() throws IOException {
            socket = new Socket("127.0.0.1", server.port());
            socket.setSoTimeout(8_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        boolean hasInput() throws IOException {
            return in.available() > 0;
        }

        Response read() throws IOException {
            StringBuilder head = new StringBuilder();
            while (head.length() < 8192 && !head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("Closed after: " + head);
                }
                head.append((char) b);
            }
            String text = head.toString();
            Response partial = new Response(Integer.parseInt(text.substring(9, 12)), text, "");
            String length = partial.header("content-length");
            byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
            return new Response(partial.status(), text, new String(body, StandardCharsets.UTF_8));
        }

        /** Whether the server closed the connection (the next read ends), within the read timeout. */
        boolean closed() throws IOException {
            try {
                return in.read() == -1;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
