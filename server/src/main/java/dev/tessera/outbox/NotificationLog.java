package dev.tessera.outbox;

import dev.tessera.account.AccountAccess;
import dev.tessera.account.CustomerId;
import dev.tessera.system.TesseraException;
import org.springframework.stereotype.Component;

/**
 * The outbox as a list of notifications with their delivery state, newest first: an account's for
 * its ADMINs ({@link #ofAccount}), everyone's for the OPERATOR ({@link #all}).
 */
@Component
public class NotificationLog {

    static final int MAX_PAGE_SIZE = 200;

    private final Outbox outbox;
    private final AccountAccess access;

    NotificationLog(Outbox outbox, AccountAccess access) {
        this.outbox = outbox;
        this.access = access;
    }

    /** The account's notifications. @throws TesseraException 404 for non-members, 403 for non-ADMINs, 400 for a bad page */
    public NotificationList ofAccount(CustomerId account, String userEmail, int page, int size) {
        access.requireAdmin(account, userEmail);
        checkPage(page, size);
        return new NotificationList(outbox.page(account.value(), page, size).stream().map(NotificationLog::view).toList(),
                page, size, outbox.count(account.value()));
    }

    /** Every account's notifications. The caller must have checked that the user is the OPERATOR. */
    public NotificationList all(int page, int size) {
        checkPage(page, size);
        return new NotificationList(outbox.page(null, page, size).stream().map(NotificationLog::view).toList(),
                page, size, outbox.count(null));
    }

    private static void checkPage(int page, int size) {
        if (page < 0) {
            throw TesseraException.invalid("page", "'page' starts at 0.");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw TesseraException.invalid("size", "'size' is between 1 and " + MAX_PAGE_SIZE + ".");
        }
    }

    private static NotificationView view(Outbox.Mail mail) {
        return new NotificationView(mail.id(), Long.toString(mail.accountId()), mail.kind(), mail.recipient(),
                mail.content().subject(), mail.state(), mail.attempts(), mail.createdAt(),
                mail.state() == DeliveryState.PENDING ? mail.nextAttemptAt() : null, mail.sentAt(), mail.lastError(),
                mail.content().text());
    }
}
