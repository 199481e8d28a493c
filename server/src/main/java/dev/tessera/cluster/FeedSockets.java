package dev.tessera.cluster;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.SocketFactory;

/**
 * The sockets of a node's feed connection ({@link FeedConnection}), given to the PostgreSQL driver
 * as its {@code socketFactory}. They behave as plain sockets but for one thing: the driver, after
 * each notification it receives, asks whether another message is pending by reading with a 1 ms
 * timeout, and that read always waits the whole millisecond when nothing follows (measured: every
 * notification reached the caller 1.1 ms after it arrived). Here a read under a 1 ms timeout answers
 * at once from what the kernel already holds: a message that arrives later is read by the next
 * wait for notifications, so nothing is lost, and a reset's change and each node's acknowledgement
 * reach their threads a millisecond sooner.
 *
 * <p>Public with a public constructor because the driver instantiates it by name.
 */
public final class FeedSockets extends SocketFactory {

    /** The driver's timeout for its "is another message pending?" probe. */
    private static final int PROBE_TIMEOUT_MILLIS = 1;

    public FeedSockets() {}

    @Override
    public Socket createSocket() {
        return new ProbeSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private static Socket connected(InetSocketAddress address, InetSocketAddress local) throws IOException {
        Socket socket = new ProbeSocket();
        if (local != null) {
            socket.bind(local);
        }
        socket.connect(address);
        return socket;
    }

    private static final class ProbeSocket extends Socket {

        private InputStream in;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                InputStream raw = super.getInputStream();
                in = new FilterInputStream(raw) {
                    @Override
                    public int read() throws IOException {
                        probe(raw);
                        return raw.read();
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        if (length > 0) {
                            probe(raw);
                        }
                        return raw.read(buffer, offset, length);
                    }
                };
            }
            return in;
        }

        /** Under the probe's timeout, fails at once instead of waiting when nothing has arrived. */
        private void probe(InputStream raw) throws IOException {
            if (getSoTimeout() == PROBE_TIMEOUT_MILLIS && raw.available() == 0) {
                throw new SocketTimeoutException("nothing pending");
            }
        }
    }
}
