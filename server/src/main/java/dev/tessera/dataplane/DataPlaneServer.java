package dev.tessera.dataplane;

import dev.tessera.system.StartupRefusal;
import dev.tessera.verify.DataPlane;
import dev.tessera.verify.DataPlaneProtocol;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The dedicated data-plane listener (docs/architecture.md, "Two planes"): {@code GET /v1/forward-auth} and
 * {@code POST /v1/developer-token:verify} on plain Netty HTTP/1.1 with keep-alive, beside the
 * Spring console, with no servlet stack, no session and no security chain. Same decision
 * ({@link DataPlane}) and bodies ({@link DataPlaneProtocol}) as {@link DataPlaneController}; also
 * {@code GET /v1/forward-auth/nginx}, the same decision written for nginx's {@code auth_request}
 * ({@link WireResponses#refusedForNginx}).
 *
 * <p>Binds when the application context starts, on {@code tessera.data-plane-port} (8081; {@code 0}
 * random; {@code -1} none), and closes when it stops: no new connections, then the event loops end
 * after the requests in flight are answered. Uses epoll when the native transport loads, else NIO.
 * Requests are read by {@link RequestDecoder} (strict HTTP/1.1, no allocation per request); a request
 * must arrive whole within {@link #REQUEST_TIMEOUT}, an idle connection closes after {@link #IDLE_TIMEOUT}.
 * Turns Netty's sampling buffer-leak detector off unless {@code io.netty.leakDetection.level} is set.
 */
public final class DataPlaneServer implements SmartLifecycle {

    /** Time a request has to arrive whole, from its first bytes; then 408 and the connection closes. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Time a connection with no request in progress stays open without a byte. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    private static final String LEAK_DETECTION = "io.netty.leakDetection.level";
    private static final Logger log = LoggerFactory.getLogger(DataPlaneServer.class);

    private final DataPlane dataPlane;
    private final DataPlaneProperties properties;
    private final int ioThreads;
    private final Duration requestTimeout;
    private final int idleEventsToClose;

    private volatile EventLoopGroup acceptor;
    private volatile EventLoopGroup workers;
    private volatile Channel channel;
    private volatile int port = -1;
    private volatile EventLoops eventLoops;

    /**
     * The listener's Netty event loops and server channel type, for the data plane's gRPC listener to share
     * (issue 13): one acceptor thread and one set of I/O threads for both protocols.
     */
    public record EventLoops(EventLoopGroup acceptor, EventLoopGroup workers, Class<? extends ServerChannel> channelType) {}

    public DataPlaneServer(DataPlane dataPlane, DataPlaneProperties properties) {
        this(dataPlane, properties, Runtime.getRuntime().availableProcessors());
    }

    public DataPlaneServer(DataPlane dataPlane, DataPlaneProperties properties, int ioThreads) {
        this(dataPlane, properties, ioThreads, REQUEST_TIMEOUT, IDLE_TIMEOUT);
    }

    /** With time limits of its own (tests): an idle connection closes after a whole number of request timeouts. */
    DataPlaneServer(DataPlane dataPlane, DataPlaneProperties properties, int ioThreads, Duration requestTimeout,
            Duration idleTimeout) {
        this.dataPlane = dataPlane;
        this.properties = properties;
        this.ioThreads = Math.max(1, ioThreads);
        this.requestTimeout = requestTimeout;
        this.idleEventsToClose = (int) Math.max(1, (idleTimeout.toNanos() + requestTimeout.toNanos() - 1) / requestTimeout.toNanos());
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || channel != null) {
            return;
        }
        quietLeakDetector();
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("tessera-data-plane-accept", true), io);
        workers = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("tessera-data-plane", true), io);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(serverChannel)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("idle", new IdleStateHandler(false, requestTimeout.toNanos(), 0, 0, TimeUnit.NANOSECONDS))
                                .addLast("data-plane", new DataPlaneHandler(dataPlane, new RequestClock(requestTimeout.toNanos(), idleEventsToClose)));
                    }
                });
        try {
            channel = bootstrap.bind(properties.dataPlaneAddress(), properties.dataPlanePort()).syncUninterruptibly().channel();
        } catch (Exception e) { // Netty rethrows the bind's IOException unchecked
            shutDownGroups();
            if (e instanceof java.net.BindException || String.valueOf(e.getMessage()).contains("Address already in use")) {
                throw StartupRefusal.portInUse(properties.dataPlanePort(), "the data plane", "TESSERA_DATA_PLANE_PORT", e);
            }
            throw new IllegalStateException("The data plane cannot listen on " + properties.dataPlaneAddress() + ":"
                    + properties.dataPlanePort() + " (tessera.data-plane-port, -1 turns it off): " + e.getMessage(), e);
        }
        port = ((InetSocketAddress) channel.localAddress()).getPort();
        eventLoops = new EventLoops(acceptor, workers, serverChannel);
        log.info("Data plane listening on {}:{} (Netty, {}, {} I/O threads)",
                properties.dataPlaneAddress(), port, epoll ? "epoll" : "NIO", ioThreads);
    }

    /**
     * Netty's default leak detector samples one buffer in 128 with a stack trace, tens of bytes a
     * request on average here (benchmarks/RESULTS.md); the listener releases its buffers on every
     * path (RequestDecoderFuzzTests drives them all). An explicit -Dio.netty.leakDetection.level wins.
     */
    static void quietLeakDetector() {
        if (System.getProperty(LEAK_DETECTION) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    @Override
    public synchronized void stop() {
        Channel listening = channel;
        if (listening == null) {
            return;
        }
        eventLoops = null;
        listening.close().syncUninterruptibly();
        shutDownGroups();
        channel = null;
        port = -1;
        log.info("Data plane stopped");
    }

    private void shutDownGroups() {
        EventLoopGroup a = acceptor;
        EventLoopGroup w = workers;
        if (a != null) {
            a.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        if (w != null) {
            w.shutdownGracefully(100, 5_000, TimeUnit.MILLISECONDS).awaitUninterruptibly(6, TimeUnit.SECONDS);
        }
        if (a != null) {
            a.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
        acceptor = null;
        workers = null;
    }

    @Override
    public boolean isRunning() {
        return channel != null;
    }

    /** The event loops while listening, or null (disabled or stopped): a listener sharing them stops first. */
    public EventLoops eventLoops() {
        return eventLoops;
    }

    /** The bound port, or -1 when not listening (disabled or stopped). */
    public int port() {
        return port;
    }
}
