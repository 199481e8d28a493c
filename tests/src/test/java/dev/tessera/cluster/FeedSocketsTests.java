package dev.tessera.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The feed connection's sockets over a real loopback connection: the driver's 1 ms "is another
 * message pending?" probe answers from what has arrived instead of waiting, and every other read
 * is a plain socket read. Also the notification payload a node applies without a pull.
 */
class FeedSocketsTests {

    @Test
    void theProbeAnswersFromWhatHasArrivedAndOtherReadsWaitAsUsual() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new FeedSockets().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket peer = server.accept()) {
            InputStream in = client.getInputStream();
            OutputStream out = peer.getOutputStream();
            byte[] buffer = new byte[16];

            client.setSoTimeout(1);
            // A probe that waited would take at least 1 ms each: 500 of them at least half a second.
            long started = System.nanoTime();
            for (int i = 0; i < 500; i++) {
                assertThatThrownBy(() -> in.read(buffer, 0, buffer.length)).isInstanceOf(SocketTimeoutException.class);
            }
            assertThat((System.nanoTime() - started) / 1_000_000).as("ms for 500 probes").isLessThan(250);

            out.write(new byte[] {'A', 'B'});
            out.flush();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (in.available() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(in.read(buffer, 0, buffer.length)).as("a probe reads what arrived").isEqualTo(2);
            assertThat(new String(buffer, 0, 2, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("AB");

            client.setSoTimeout(5_000);
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(50);
                    out.write('C');
                    out.flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            assertThat(in.read()).as("a read under a longer timeout waits for data").isEqualTo('C');
            writer.join(5_000);
        }
    }

    @Test
    void aNotificationNamesTheChangeItAnnouncesAndAnythingElseNamesNone() {
        String payload = "812" + ChangeLog.Change.payloadAfterSeq(ChangeKind.TOKEN, 1234567890L);
        assertThat(ChangeLog.Change.fromPayload(payload)).isEqualTo(new ChangeLog.Change(812, ChangeKind.TOKEN, 1234567890L));
        // an older node's bare sequence, or anything garbled, is left to the next pull
        assertThat(ChangeLog.Change.fromPayload("812")).isNull();
        assertThat(ChangeLog.Change.fromPayload("812 NOT_A_KIND 5")).isNull();
        assertThat(ChangeLog.Change.fromPayload("x TOKEN 5")).isNull();
        assertThat(ChangeLog.Change.fromPayload("1 TOKEN 5 6")).isNull();
    }
}
