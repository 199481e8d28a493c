package dev.tessera.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The Netty data-plane listener in-process (issue 18): one keep-alive connection (an
 * {@link EmbeddedChannel} with the listener's {@link DataPlaneHandler}) reads a whole
 * {@code GET /v1/forward-auth} request from its bytes, decides it and writes the answer, which the
 * benchmark reads and releases. No socket, so what is measured is the listener's own work and what
 * it allocates: run with {@code -prof gc} and read {@code gc.alloc.rate.norm} (bytes per request).
 * Each request arrives as the epoll transport hands it over, in a buffer from the channel's
 * allocator. Netty recycles its per-write objects only on its own threads, so each invocation runs
 * {@value #BATCH} requests with the benchmark thread marked as one
 * ({@link FastThreadLocalThread#runWithFastThreadLocal}). The fraction of a byte per request that
 * {@code -prof gc} still reports has no allocation site in Tessera or Netty in a JFR profile: it is
 * JMH's own (benchmarks/RESULTS.md). Netty's leak
 * detector is set as the listener sets it (off unless {@code -Dio.netty.leakDetection.level} is given:
 * add {@code -jvmArgsAppend -Dio.netty.leakDetection.level=simple} to see what sampling costs).
 * Paths: a valid token, a valid token on a named customer (X-Original-URI), an unknown token, a
 * malformed token, and a token whose daily quota is used up (429).
 *
 * <p>Run: {@code mvn -B test-compile exec:exec@jmh -Djmh.args="ListenerBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc"}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ListenerBenchmark {

    @Param({"valid", "validOnCustomer", "unknown", "malformed", "quotaUsedUp"})
    public String path;

    static final int BATCH = 10_000;

    EmbeddedChannel channel;
    ByteBufAllocator alloc;
    byte[] request;
    int expectedStatus;
    int statuses;
    private final Runnable batch = () -> {
        int sum = 0;
        for (int i = 0; i < BATCH; i++) {
            sum += exchange(request, expectedStatus);
        }
        statuses += sum;
    };

    @Setup(Level.Trial)
    public void setUp() {
        DataPlaneServer.quietLeakDetector();
        StandaloneDataPlane decision = new StandaloneDataPlane();
        channel = new EmbeddedChannel(new DataPlaneHandler(decision.dataPlane,
                new RequestClock(DataPlaneServer.REQUEST_TIMEOUT.toNanos(), 6)));
        alloc = channel.alloc();
        String token = switch (path) {
            case "valid", "validOnCustomer" -> decision.standardToken;
            case "unknown" -> StandaloneDataPlane.token(new java.security.SecureRandom());
            case "malformed" -> "not-a-token";
            case "quotaUsedUp" -> decision.basicToken;
            default -> throw new IllegalArgumentException(path);
        };
        String extra = path.equals("validOnCustomer") ? "X-Original-URI: /v23/customers/1234567890/googleAds:search\r\n" : "";
        if (path.equals("quotaUsedUp")) {
            exchange(bytes("GET /v1/forward-auth HTTP/1.1\r\nHost: tessera\r\ndeveloper-token: " + token
                    + "\r\ntessera-operations: 15000\r\n\r\n"), 200);
        }
        // As wrk sends it, with the headers a gateway adds.
        request = bytes("GET /v1/forward-auth HTTP/1.1\r\nHost: tessera:8081\r\nUser-Agent: nginx\r\nAccept: */*\r\n"
                + "developer-token: " + token + "\r\n" + extra + "\r\n");
        expectedStatus = switch (path) {
            case "valid", "validOnCustomer" -> 200;
            case "unknown" -> 401;
            case "malformed" -> 401;
            default -> 429;
        };
        exchange(request, expectedStatus);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private int exchange(byte[] bytes, int expected) {
        ByteBuf in = alloc.directBuffer(bytes.length).writeBytes(bytes);
        channel.pipeline().fireChannelRead(in);
        channel.pipeline().fireChannelReadComplete();
        ByteBuf out = channel.readOutbound();
        int status = (out.getByte(9) - '0') * 100 + (out.getByte(10) - '0') * 10 + (out.getByte(11) - '0');
        out.release();
        if (status != expected) {
            throw new IllegalStateException(path + " answered " + status + ", expected " + expected);
        }
        return status;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int request() {
        FastThreadLocalThread.runWithFastThreadLocal(batch);
        return statuses;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
    }
}
