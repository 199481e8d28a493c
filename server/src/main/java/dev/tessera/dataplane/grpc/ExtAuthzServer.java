package dev.tessera.dataplane.grpc;

import dev.tessera.dataplane.DataPlaneProperties;
import dev.tessera.dataplane.DataPlaneServer;
import dev.tessera.system.StartupRefusal;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The data plane's gRPC listener: Envoy's ext_authz {@code Authorization} service ({@link ExtAuthzService})
 * over HTTP/2 cleartext on {@code tessera.data-plane-grpc-port} (off by default), at the data plane's address.
 *
 * <p>Binds when the application context starts and stops before the HTTP data-plane listener, whose event
 * loops (acceptor, I/O threads, epoll or NIO) it shares while that listener runs; without it, it takes
 * grpc-java's own. Calls are answered on the event loop that read them ({@code directExecutor}: the decision is
 * microseconds and does no I/O). A CheckRequest over {@link #MAX_MESSAGE_BYTES} is refused by gRPC
 * ({@code RESOURCE_EXHAUSTED}), which Envoy answers with its {@code status_on_error}. On stop, calls in flight
 * are answered for up to five seconds, then the rest are cancelled. A port in use stops Tessera's start with a
 * {@link StartupRefusal} naming {@code TESSERA_DATA_PLANE_GRPC_PORT}.
 */
public final class ExtAuthzServer implements SmartLifecycle {

    /** The largest CheckRequest read: Envoy's headers (60 KiB by default) and a buffered body, if configured. */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ExtAuthzServer.class);

    private final ExtAuthzService service;
    private final DataPlaneServer http;
    private final DataPlaneProperties dataPlane;
    private final ExtAuthzProperties properties;

    private volatile Server server;
    private volatile int port = -1;

    ExtAuthzServer(ExtAuthzService service, DataPlaneServer http, DataPlaneProperties dataPlane, ExtAuthzProperties properties) {
        this.service = service;
        this.http = http;
        this.dataPlane = dataPlane;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || server != null) {
            return;
        }
        NettyServerBuilder builder = NettyServerBuilder
                .forAddress(new InetSocketAddress(dataPlane.dataPlaneAddress(), properties.dataPlaneGrpcPort()))
                .addService(service)
                .directExecutor()
                .maxInboundMessageSize(MAX_MESSAGE_BYTES);
        DataPlaneServer.EventLoops loops = http.eventLoops();
        if (loops != null) {
            builder.bossEventLoopGroup(loops.acceptor()).workerEventLoopGroup(loops.workers()).channelType(loops.channelType());
        }
        Server started;
        try {
            started = builder.build().start();
        } catch (IOException e) {
            if (portInUse(e)) {
                throw StartupRefusal.portInUse(properties.dataPlaneGrpcPort(), "the data plane's gRPC ext_authz listener",
                        "TESSERA_DATA_PLANE_GRPC_PORT", e);
            }
            throw new IllegalStateException("The data plane's gRPC listener cannot listen on " + dataPlane.dataPlaneAddress()
                    + ":" + properties.dataPlaneGrpcPort() + " (tessera.data-plane-grpc-port, -1 turns it off): "
                    + e.getMessage(), e);
        }
        server = started;
        port = started.getPort();
        log.info("Envoy ext_authz (gRPC) listening on {}:{} ({})", dataPlane.dataPlaneAddress(), port,
                loops != null ? "sharing the data plane's event loops" : "grpc-java's event loops");
    }

    /** Whether binding failed because the port is taken: grpc-java wraps Netty's error, epoll's is no BindException. */
    private static boolean portInUse(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException || String.valueOf(cause.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void stop() {
        Server running = server;
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
                running.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server = null;
        port = -1;
        log.info("Envoy ext_authz (gRPC) stopped");
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The bound port, or -1 when not listening (off or stopped). */
    public int port() {
        return port;
    }
}
