package dev.tessera.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on a free loopback port (the JDK's HttpServer): records every request it gets,
 * answers from a script of statuses per path (then 200), and checks Tessera's signature the way the
 * README tells receivers to. Close it to stop it.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(String path, Map<String, List<String>> headers, String body, Instant at) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** A scripted "status" that answers nothing until the receiver closes (at most 10 s): a hanging receiver. */
    public static final int HANG = 0;

    private final HttpServer server;
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, ConcurrentLinkedQueue<Integer>> scripts = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                receiver.received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body, Instant.now()));
                Integer scripted = receiver.scripts.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
                int status = scripted == null ? 200 : scripted;
                if (status == HANG) {
                    receiver.await(receiver.released, 10_000);
                    status = 200;
                }
                if (status / 100 == 3) {
                    exchange.getResponseHeaders().add("Location", "/redirected" + path);
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newFixedThreadPool(2));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL of {@code path} on this receiver, e.g. {@code http://127.0.0.1:41234/hook}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests to {@code path} get these statuses, in order; after them, 200. */
    public void answer(String path, Integer... statuses) {
        scripts.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(statuses));
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    public List<Received> all() {
        return List.copyOf(received);
    }

    /** Waits (polling, at most {@code limit}) until {@code count} requests to {@code path} pass {@code which}. */
    public List<Received> await(String path, Predicate<Received> which, int count, Duration limit) {
        return Await.until(count + " requests to " + path, limit, () -> received(path).stream().filter(which).toList(),
                matching -> matching.size() >= count);
    }

    /**
     * The README's check, word for word (so the README's code is tested): t and v1 from the header,
     * HMAC-SHA256 of "t." and the raw body under the secret, compared in constant time, t within 5 minutes.
     */
    public static boolean signatureValid(String header, String body, String secret) {
        try {
            return header != null && verify(header, body.getBytes(StandardCharsets.UTF_8), secret);
        } catch (Exception e) {
            return false;
        }
    }

    static boolean verify(String header, byte[] rawBody, String secret) throws Exception {
        Map<String, String> parts = Arrays.stream(header.split(",")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1], (a, b) -> a));
        long t = Long.parseLong(parts.get("t"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(rawBody);
        return Math.abs(Instant.now().getEpochSecond() - t) <= 300
                && MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts.get("v1")));
    }

    private void await(java.util.concurrent.CountDownLatch latch, long millis) {
        try {
            latch.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
