package dev.tessera.bench;

import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The two closed-loop load generators of {@link GrpcLoad}: {@code concurrency} slots, each sending its next
 * request (the next token of the population, from its own offset) when its previous one is answered, and
 * recording the latency of every answer that arrives while a round is measured. One Netty I/O thread drives
 * each protocol's client.
 */
final class LoadClients implements AutoCloseable {

    /** HTTP/2 connections the gRPC load uses; Envoy holds a few to a cluster, multiplexing calls over them. */
    static final int GRPC_CONNECTIONS = 2;

    private final String[] population;
    private final CheckRequest[] checks;
    private final int concurrency;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    private volatile boolean running;
    private volatile boolean measuring;
    /** Latencies of the round being measured; made once (a round records at most this many). */
    private final long[] latencies = new long[4_000_000];
    private final AtomicInteger recorded = new AtomicInteger();
    private final LongAdder granted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder failed = new LongAdder();

    LoadClients(String[] population, int concurrency) {
        this.population = population;
        this.concurrency = concurrency;
        this.checks = new CheckRequest[population.length];
        for (int i = 0; i < population.length; i++) {
            checks[i] = CheckRequest.newBuilder().setAttributes(AttributeContext.newBuilder().setRequest(
                    AttributeContext.Request.newBuilder().setHttp(AttributeContext.HttpRequest.newBuilder()
                            .setMethod("GET").setPath("/").setHost("api.example").setProtocol("HTTP/1.1")
                            .putHeaders(":authority", "api.example").putHeaders(":method", "GET").putHeaders(":path", "/")
                            .putHeaders("developer-token", population[i])))).build();
        }
    }

    void grpc(int port, int seconds, String label) throws InterruptedException {
        List<ManagedChannel> channels = new ArrayList<>();
        for (int i = 0; i < GRPC_CONNECTIONS; i++) {
            channels.add(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor()
                    .eventLoopGroup(group).channelType(NioSocketChannel.class).build());
        }
        running = true;
        for (int slot = 0; slot < concurrency; slot++) {
            new GrpcSlot(AuthorizationGrpc.newStub(channels.get(slot % GRPC_CONNECTIONS)), slot).send();
        }
        measure("gRPC Check         ", seconds, label);
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    void http(int port, int seconds, String label) throws InterruptedException {
        List<Channel> connections = new ArrayList<>();
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true);
        running = true;
        for (int slot = 0; slot < concurrency; slot++) {
            HttpSlot handler = new HttpSlot(slot);
            connections.add(bootstrap.handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024), handler);
                }
            }).connect("127.0.0.1", port).sync().channel());
        }
        measure("HTTP forward-auth  ", seconds, label);
        for (Channel connection : connections) {
            connection.close().sync();
        }
    }

    /** Lets the load run one second, then measures for {@code seconds}, then stops it and prints the round. */
    private void measure(String what, int seconds, String label) throws InterruptedException {
        Thread.sleep(1_000);
        recorded.set(0);
        granted.reset();
        refused.reset();
        failed.reset();
        measuring = true;
        long start = System.nanoTime();
        Thread.sleep(seconds * 1_000L);
        measuring = false;
        double elapsed = (System.nanoTime() - start) / 1e9;
        running = false;
        Thread.sleep(300);
        int n = Math.min(recorded.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s %-8s %9.0f req/s  p50 %6.3f ms  p99 %6.3f ms  p99.9 %6.3f ms  (%d granted, %d refused, %d failed)%n",
                what, label, n / elapsed, at(sorted, 0.5), at(sorted, 0.99), at(sorted, 0.999), granted.sum(), refused.sum(),
                failed.sum());
    }

    private static double at(long[] sorted, double quantile) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
    }

    private void record(long started, boolean ok, boolean failure) {
        if (!measuring) {
            return;
        }
        int i = recorded.getAndIncrement();
        if (i < latencies.length) {
            latencies[i] = System.nanoTime() - started;
        }
        (failure ? failed : ok ? granted : refused).increment();
    }

    private final class GrpcSlot implements StreamObserver<CheckResponse> {

        private final AuthorizationGrpc.AuthorizationStub stub;
        private int next;
        private long started;
        private boolean ok;

        GrpcSlot(AuthorizationGrpc.AuthorizationStub stub, int slot) {
            this.stub = stub;
            this.next = slot;
        }

        void send() {
            if (!running) {
                return;
            }
            started = System.nanoTime();
            stub.check(checks[next++ % checks.length], this);
        }

        @Override
        public void onNext(CheckResponse response) {
            ok = response.getStatus().getCode() == 0;
        }

        @Override
        public void onError(Throwable t) {
            record(started, false, true);
        }

        @Override
        public void onCompleted() {
            record(started, ok, false);
            send();
        }
    }

    private final class HttpSlot extends SimpleChannelInboundHandler<FullHttpResponse> {

        private int next;
        private long started;

        HttpSlot(int slot) {
            this.next = slot;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            send(ctx);
        }

        private void send(ChannelHandlerContext ctx) {
            if (!running) {
                return;
            }
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/v1/forward-auth");
            request.headers().set("host", "tessera").set("developer-token", population[next++ % population.length])
                    .set("x-original-uri", "/");
            started = System.nanoTime();
            ctx.writeAndFlush(request);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            int status = response.status().code();
            record(started, status == 200, status != 200 && status != 401);
            send(ctx);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
