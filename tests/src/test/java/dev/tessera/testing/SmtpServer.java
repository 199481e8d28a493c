package dev.tessera.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real SMTP server (GreenMail) on a fixed free port, that a test can take down and bring back on
 * the same port. While down, the port is a black hole: connections are accepted by the kernel but
 * never answered, as with a hung server, so a caller that waited for SMTP would wait for its timeout.
 */
public final class SmtpServer implements AutoCloseable {

    private final int port;
    private GreenMail greenMail;
    private ServerSocket blackHole;

    public SmtpServer() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        up();
    }

    /** The properties that point Tessera at this server, with short timeouts. */
    public String[] properties(String... more) {
        List<String> all = new java.util.ArrayList<>(List.of("spring.mail.host=127.0.0.1", "spring.mail.port=" + port,
                "spring.mail.properties.mail.smtp.connectiontimeout=1000",
                "spring.mail.properties.mail.smtp.timeout=1000", "spring.mail.properties.mail.smtp.writetimeout=1000"));
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }

    public synchronized void up() {
        closeBlackHole();
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    public synchronized void down() {
        greenMail.stop();
        try {
            blackHole = new ServerSocket();
            blackHole.setReuseAddress(true);
            blackHole.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every mail received since the server last came up. */
    public synchronized List<MimeMessage> received() {
        return Arrays.asList(greenMail.getReceivedMessages());
    }

    /** Mails to {@code recipient} matching {@code filter}, waiting up to 30 s until there are {@code count}. */
    public List<MimeMessage> await(String recipient, int count, Predicate<String> filter) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<MimeMessage> found;
        do {
            found = to(recipient, filter);
            if (found.size() >= count) {
                return found;
            }
            pause();
        } while (Instant.now().isBefore(deadline));
        return found;
    }

    /** Mails received so far for {@code recipient} whose text matches {@code filter}. */
    public List<MimeMessage> to(String recipient, Predicate<String> filter) {
        return received().stream().filter(message -> addressedTo(message, recipient) && filter.test(text(message))).toList();
    }

    /** Subject, plain-text and HTML parts of a mail, decoded, one after the other. */
    public static String text(MimeMessage message) {
        try {
            return message.getSubject() + "\n" + GreenMailUtil.getBody(message) + "\n" + decoded(message.getContent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String decoded(Object content) throws Exception {
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(decoded(multipart.getBodyPart(i).getContent())).append('\n');
            }
            return all.toString();
        }
        return String.valueOf(content);
    }

    private static boolean addressedTo(MimeMessage message, String recipient) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(address -> address.toString().equalsIgnoreCase(recipient));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void closeBlackHole() {
        if (blackHole != null) {
            try {
                blackHole.close();
            } catch (IOException ignored) {
                // closing a listening socket we own
            }
            blackHole = null;
        }
    }

    @Override
    public synchronized void close() {
        closeBlackHole();
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
