package dev.tessera.outbox;

import dev.tessera.system.Timestamps;
import dev.tessera.system.EmailAddress;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox over SMTP ({@code spring.mail.*}); without an SMTP server it does nothing and
 * mail stays HELD. One thread polls every {@code tessera.mail.poll-interval}: it claims each due mail
 * (state SENDING, leased for {@code tessera.mail.lease}), sends it, then marks it SENT, or PENDING
 * again after an exponential back-off, or FAILED when the server refuses the recipient or the
 * attempts run out.
 *
 * <p>Delivery is exactly once except in one window: a crash after the SMTP server accepted a mail
 * and before the SENT mark commits (one UPDATE, milliseconds) sends that one mail again once its
 * lease runs out. Every mail carries an {@code X-Tessera-Notification} header with its outbox id, so
 * such a duplicate can be recognised. A restart or an SMTP outage loses nothing: the rows stay.
 */
@Component
class OutboxSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    private final Outbox outbox;
    private final ContactHooks contacts;
    private final MailTemplates templates;
    private final ObjectProvider<JavaMailSender> smtp;
    private final OutboxProperties properties;
    private final Clock clock;
    private final Poller poller;

    OutboxSender(Outbox outbox, ContactHooks contacts,
            MailTemplates templates, ObjectProvider<JavaMailSender> smtp, OutboxProperties properties, Clock clock) {
        this.templates = templates;
        this.outbox = outbox;
        this.contacts = contacts;
        this.smtp = smtp;
        this.properties = properties;
        this.clock = clock;
        this.poller = new Poller("tessera-mail-outbox", properties.pollInterval(), this::drain);
    }

    @Override
    public synchronized void start() {
        if (smtp.getIfAvailable() == null) {
            log.info("No SMTP server configured (spring.mail.host): notices stay in the outbox, readable in the console");
            return;
        }
        int released = outbox.release(Timestamps.now(clock));
        if (released > 0) {
            log.info("An SMTP server is configured now: {} held notices will be sent", released);
        }
        poller.start(Duration.ZERO);
    }

    @Override
    public synchronized void stop() {
        poller.stop();
    }

    @Override
    public synchronized boolean isRunning() {
        return poller.isRunning();
    }

    /** Sends every mail due now, batch by batch; answers how many the SMTP server accepted. */
    int drain() {
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender == null) {
            return 0;
        }
        int sent = 0;
        while (!poller.stopping()) {
            Instant now = Timestamps.now(clock);
            List<Long> due = outbox.due(now, properties.batchSize());
            int claimed = 0;
            for (long id : due) {
                if (poller.stopping()) {
                    break;
                }
                if (outbox.claim(id, now, now.plus(properties.lease()))) {
                    claimed++;
                    sent += deliver(sender, outbox.find(id)) ? 1 : 0;
                }
            }
            if (claimed == 0 || due.size() < properties.batchSize()) {
                break;
            }
        }
        return sent;
    }

    private boolean deliver(JavaMailSender sender, Outbox.Mail mail) {
        try {
            sender.send(message(sender, mail));
        } catch (MailException | MessagingException e) {
            failed(mail, e);
            return false;
        }
        outbox.markSent(mail.id(), Timestamps.now(clock));
        return true;
    }

    private MimeMessage message(JavaMailSender sender, Outbox.Mail mail) throws MessagingException {
        String text = mail.content().text();
        String html = mail.content().html();
        if (mail.kind().carriesConfirmationLink()) {
            String link = templates.confirmationLink(contacts.mintConfirmation(mail.accountId(), mail.recipient()));
            text = text.replace(MailTemplates.LINK_PLACEHOLDER, link);
            html = html.replace(MailTemplates.LINK_PLACEHOLDER, link);
        }
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(properties.from());
        helper.setTo(EmailAddress.parse(mail.recipient()).ascii());
        helper.setSubject(mail.content().subject());
        helper.setText(text, html);
        message.setHeader("X-Tessera-Notification", Long.toString(mail.id()));
        return message;
    }

    private void failed(Outbox.Mail mail, Exception e) {
        String error = describe(e);
        if (permanent(e) || mail.attempts() >= properties.maxAttempts()) {
            outbox.markFailed(mail.id(), error);
            if (permanent(e)) {
                contacts.bounced(mail.accountId(), mail.recipient(), Timestamps.now(clock));
            }
            log.warn("Mail {} for account {} given up after {} attempts: {}", mail.id(), mail.accountId(),
                    mail.attempts(), error);
        } else {
            Instant next = Timestamps.now(clock).plus(properties.retryDelay(mail.attempts()));
            outbox.markRetry(mail.id(), next, error);
            log.info("Mail {} for account {} not sent (attempt {}), next try at {}: {}", mail.id(), mail.accountId(),
                    mail.attempts(), next, error);
        }
    }

    /**
     * The server refused the recipient: retrying will not help, and the address looks bounced. Wrong
     * credentials or an unreachable server are retried: an operator can fix them.
     */
    private static boolean permanent(Exception e) {
        if (e instanceof MailSendException send) {
            for (Exception cause : send.getFailedMessages().values()) {
                if (cause instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                        && failed.getInvalidAddresses().length > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        text = text.replaceAll("[\\r\\n]+", " ");
        return text.length() > 480 ? text.substring(0, 480) : text;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }
}
