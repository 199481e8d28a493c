package dev.tessera.system.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.ChildTessera;
import dev.tessera.testing.Scenario;
import dev.tessera.testing.Storage;
import dev.tessera.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No log line carries a developer token, whatever a client sends (issue 12: Tomcat logged a header
 * line with a control character, token and all, at INFO). A Tessera JVM of its own takes malformed,
 * token-bearing requests on both ports; then its whole output is searched for the token.
 */
class LogSecrecyTests {

    @Test
    void malformedRequestsOnBothPortsLeaveNoTokenInTheDefaultLog() throws IOException {
        try (ChildTessera tessera = ChildTessera.start(TestDatabase.fresh(Storage.H2), "log-default")) {
            String token = issueToken(tessera);
            sendMalformed(tessera, token);
            String log = tessera.log();
            assertThat(log).doesNotContain(token).doesNotContain("RFC 9112");
        }
    }

    @Test
    void evenAtDebugLevelEveryLayerMasksTheToken() throws IOException {
        try (ChildTessera tessera = ChildTessera.start(TestDatabase.fresh(Storage.H2), "log-debug",
                "logging.level.org.apache.coyote=DEBUG", "logging.level.org.apache.tomcat=DEBUG",
                "logging.level.org.apache.coyote.http11.Http11InputBuffer=DEBUG",
                "logging.level.org.apache.coyote.http11.Http11Processor=DEBUG",
                "logging.level.io.netty=DEBUG", "logging.level.org.springframework.web=DEBUG",
                "logging.level.org.springframework.security=DEBUG", "logging.level.dev.tessera=DEBUG")) {
            String token = issueToken(tessera);
            sendMalformed(tessera, token);
            String log = tessera.log();
            assertThat(log).doesNotContain(token);
            assertThat(log).as("the header line was logged, masked").contains("RFC 9112")
                    .contains(token.substring(0, 4) + "…" + token.substring(18));
        }
    }

    private static String issueToken(ChildTessera tessera) {
        Scenario scenario = new Scenario(tessera);
        return scenario.issueToken(scenario.account("logged"));
    }

    private static void sendMalformed(ChildTessera tessera, String token) throws IOException {
        List<String> requests = List.of(
                "GET /v1/forward-auth HTTP/1.1\r\nHost: x\r\ndeveloper-token: " + token + "\u0000\r\n\r\n",
                "GET /v1/forward-auth HTTP/1.1\r\nHost: x\r\ndeveloper-token: " + token + "\r\n\r\n",
                "GET /v1/forward-auth HTTP/1.1\r\nHost: x\r\nx-\u0001: " + token + "\r\n\r\n",
                "GET /v1/forward-auth?developer-token=" + token + "\u0000 HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /" + token + "%00 HTTP/1.1\r\nHost: x\r\n\r\n",
                json("{\"developerToken\":\"" + token + "\",\"operations\":123456789012345678901234567890}"),
                json("{\"developerToken\":\"" + token + "\",\"developerToken\":\"" + token + "\"}"),
                json("{\"developerToken\":\"" + token + "\"\u0000}"));
        for (int port : new int[] {tessera.port(), tessera.dataPlanePort()}) {
            for (String request : requests) {
                exchange(port, request);
            }
        }
    }

    private static String json(String body) {
        return "POST /v1/developer-token:verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Connection: close\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body;
    }

    /** Sends raw bytes and reads the answer until the server closes or is quiet for two seconds. */
    private static void exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int read; answer.size() < 1 << 20 && (read = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, read);
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // quiet or reset: what was logged is what this test is about
            }
        }
    }
}
