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
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The dedicated data-plane listener (DESIGN.md, "Two planes"): {@code GET /v1/forward-auth} and
 * {@code POST /v1/developer-token:verify} on plain Netty HTTP/1.1 with keep-alive, beside the
 * Spring console, with no servlet stack, no session and no security chain. Same decision
 * ({@link DataPlane}) and bodies ({@link DataPlaneProtocol}) as {@link DataPlaneController}.
 *
 * <p>Binds when the application context starts, on {@code tessera.data-plane-port} (8081; {@code 0}
 * random; {@code -1} none), and closes when it stops: no new connections, then the event loops end
 * after the requests in flight are answered. Uses epoll when the native transport loads, else NIO.
 */
public final class DataPlaneServer implements SmartLifecycle {

    /** Longest request line: a path of the data plane is short. */
    static final int MAX_INITIAL_LINE = 8 * 1024;
    /** Largest request headers in all; more gets 431. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Largest request body; more gets 413. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(DataPlaneServer.class);

    private final DataPlane dataPlane;
    private final DataPlaneProperties properties;
    private final int ioThreads;

    private volatile EventLoopGroup acceptor;
    private volatile EventLoopGroup workers;
    private volatile Channel channel;
    private volatile int port = -1;

    public DataPlaneServer(DataPlane dataPlane, DataPlaneProperties properties) {
        this(dataPlane, properties, Runtime.getRuntime().availableProcessors());
    }

    public DataPlaneServer(DataPlane dataPlane, DataPlaneProperties properties, int ioThreads) {
        this.dataPlane = dataPlane;
        this.properties = properties;
        this.ioThreads = Math.max(1, ioThreads);
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || channel != null) {
            return;
        }
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("tessera-data-plane-accept", true), io);
        workers = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("tessera-data-plane", true), io);
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE)
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                .setMaxChunkSize(MAX_BODY_BYTES);
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
                                .addLast("http", new HttpRequestDecoder(decoder))
                                .addLast("data-plane", new DataPlaneHandler(dataPlane));
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
        log.info("Data plane listening on {}:{} (Netty, {}, {} I/O threads)",
                properties.dataPlaneAddress(), port, epoll ? "epoll" : "NIO", ioThreads);
    }

    @Override
    public synchronized void stop() {
        Channel listening = channel;
        if (listening == null) {
            return;
        }
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

    /** The bound port, or -1 when not listening (disabled or stopped). */
    public int port() {
        return port;
    }
}
