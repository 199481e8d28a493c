package dev.tessera.contact;

import dev.tessera.outbox.Addressee;
import dev.tessera.outbox.MailQueue;
import dev.tessera.outbox.NotificationKind;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The re-confirmation job: every {@code tessera.contact.reminder-check-interval} it finds contacts
 * whose last confirmation (or, never confirmed, whose setting) is older than
 * {@code tessera.contact.reconfirm-after} by the injected clock, and queues one reminder with a
 * fresh confirmation link. The reminder is recorded against that confirmation, so it fires once per
 * period, also across restarts and with several nodes.
 */
@Component
class ContactReminders implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ContactReminders.class);

    private final ContactRepository contacts;
    private final MailQueue queue;
    private final ContactMails mails;
    private final ContactProperties properties;
    private final Clock clock;
    private final TransactionTemplate tx;
    private ScheduledExecutorService executor;

    ContactReminders(ContactRepository contacts, MailQueue queue, ContactMails mails,
            ContactProperties properties, Clock clock, PlatformTransactionManager transactions) {
        this.contacts = contacts;
        this.queue = queue;
        this.mails = mails;
        this.properties = properties;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Queues the reminders due now; answers how many. */
    int remindDue() {
        Instant cutoff = clock.instant().minus(properties.reconfirmAfter());
        int queued = 0;
        for (ContactRepository.Contact contact : contacts.dueForReminder(cutoff)) {
            Instant basis = contact.confirmedAt() != null ? contact.confirmedAt() : contact.setAt();
            Boolean done = tx.execute(status -> {
                if (!contacts.markReminded(contact.accountId(), basis)) {
                    return false;
                }
                Addressee to = contacts.addressee(contact.accountId(), false).orElseThrow();
                queue.enqueue(to, NotificationKind.RECONFIRMATION_REMINDER, mails.reminder(to));
                return true;
            });
            queued += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return queued;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tessera-contact-reminders");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.reminderCheckInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                int queued = remindDue();
                if (queued > 0) {
                    log.info("Queued {} API contact re-confirmation reminders", queued);
                }
            } catch (RuntimeException e) {
                log.warn("Re-confirmation reminder run failed; will try again", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
