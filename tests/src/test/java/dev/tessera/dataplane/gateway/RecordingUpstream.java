package dev.tessera.dataplane.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The API behind the gateway: a JDK HTTP server on a free loopback port that answers every request
 * {@code 200 {"served":true}} (or another status, on request: {@value #ANSWER_STATUS}) and records what it received (method, URI, headers, body). Tests tell
 * their requests apart by a {@value #MARKER} header of their own. Thread-safe.
 */
final class RecordingUpstream implements AutoCloseable {

    static final String MARKER = "x-test-request";
    static final String ANSWER = "{\"served\":true}";
    /** A request header that makes the API answer with this status instead of 200 (its body is the same). */
    static final String ANSWER_STATUS = "x-test-answer-status";

    /** One request as the API received it; header names lower-cased. */
    record Received(String method, String uri, Map<String, List<String>> headers, String body) {

        /** Every value of a header the API received. */
        List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(), List.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();

    private RecordingUpstream(HttpServer server) {
        this.server = server;
    }

    static RecordingUpstream start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            RecordingUpstream upstream = new RecordingUpstream(server);
            server.setExecutor(upstream.threads);
            server.createContext("/", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                Map<String, List<String>> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
                upstream.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
                        new String(body, StandardCharsets.UTF_8)));
                byte[] answer = ANSWER.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                String status = exchange.getRequestHeaders().getFirst(ANSWER_STATUS);
                exchange.sendResponseHeaders(status == null ? 200 : Integer.parseInt(status), answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.start();
            return upstream;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** host:port, as the gateway configurations take it. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The requests that carried this marker. */
    List<Received> marked(String marker) {
        return received.stream().filter(request -> request.all(MARKER).contains(marker)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
