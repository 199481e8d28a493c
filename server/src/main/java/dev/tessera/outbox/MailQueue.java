package dev.tessera.outbox;

import dev.tessera.system.Timestamps;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Puts mail into the outbox, in the caller's transaction: PENDING for the {@link OutboxSender}
 * when an SMTP server is configured, HELD (readable in the console) when not. A slow or absent SMTP
 * server therefore never fails or delays the caller.
 */
@Component
public class MailQueue {

    private final Outbox outbox;
    private final ObjectProvider<JavaMailSender> smtp;
    private final Clock clock;

    MailQueue(Outbox outbox, ObjectProvider<JavaMailSender> smtp, Clock clock) {
        this.outbox = outbox;
        this.smtp = smtp;
        this.clock = clock;
    }

    /** Writes a mail to the addressee's current contact address. */
    public void enqueue(Addressee to, NotificationKind kind, MailContent content) {
        enqueueTo(to.accountId(), to.email(), kind, content);
    }

    /** Writes a mail for the account to {@code recipient}, e.g. the address it had before a change. */
    public void enqueueTo(long accountId, String recipient, NotificationKind kind, MailContent content) {
        DeliveryState state = smtp.getIfAvailable() == null ? DeliveryState.HELD : DeliveryState.PENDING;
        outbox.add(accountId, kind, recipient, content, state, Timestamps.now(clock));
    }

    /** True while a mail of this kind for the account waits in the outbox (not yet sent or given up). */
    public boolean waiting(long accountId, NotificationKind kind) {
        return outbox.waiting(accountId, kind);
    }
}
