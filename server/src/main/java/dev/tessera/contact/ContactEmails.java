package dev.tessera.contact;

import dev.tessera.outbox.Addressee;
import dev.tessera.outbox.MailQueue;
import dev.tessera.system.Timestamps;
import dev.tessera.outbox.NotificationKind;
import dev.tessera.system.EmailAddress;
import dev.tessera.account.AccountAccess;
import dev.tessera.account.CustomerId;
import dev.tessera.account.ManagerAccounts;
import dev.tessera.audit.Actor;
import dev.tessera.audit.AuditEventType;
import dev.tessera.audit.AuditLog;
import dev.tessera.system.TesseraException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The API contact email of each manager account: its state, changing it, and re-sending its
 * confirmation. The console and the JSON API both use this class; all but {@link #enrol} are for
 * ADMINs only (404 for non-members, 403 for other roles).
 */
@Component
public class ContactEmails {

    private final ContactRepository contacts;
    private final MailQueue queue;
    private final ContactMails mails;
    private final ContactProperties properties;
    private final AccountAccess access;
    private final ManagerAccounts accounts;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate tx;

    ContactEmails(ContactRepository contacts, MailQueue queue, ContactMails mails,
            ContactProperties properties, AccountAccess access, ManagerAccounts accounts, AuditLog audit, Clock clock,
            PlatformTransactionManager transactions) {
        this.contacts = contacts;
        this.queue = queue;
        this.mails = mails;
        this.properties = properties;
        this.access = access;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Starts the lifecycle of the address given when the account was created: unconfirmed, with a
     * confirmation mail in the outbox. Joins the caller's transaction (the account's creation).
     */
    public void enrol(long accountId, String email) {
        contacts.putUnconfirmed(accountId, email, Timestamps.now(clock));
        Addressee to = contacts.addressee(accountId, false).orElseThrow();
        queue.enqueue(to, NotificationKind.CONTACT_CONFIRMATION, mails.confirmation(to));
    }

    /** Why this address looks like a person's rather than a team's; null when it does not, or is no address. */
    public static String personalWarning(String email) {
        try {
            return PersonalAddress.warning(EmailAddress.parse(email));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The current state, with the personal-address warning. */
    public ContactEmailState state(CustomerId account, String userEmail) {
        access.requireAdmin(account, userEmail);
        return state(account);
    }

    private ContactEmailState state(CustomerId account) {
        Addressee addressee = contacts.addressee(account.value(), false).orElseThrow();
        ContactRepository.Contact contact = contacts.find(account.value()).orElseGet(() ->
                new ContactRepository.Contact(account.value(), addressee.email(), null, null, null, null));
        Instant reconfirmBy = contact.confirmedAt() == null ? null : contact.confirmedAt().plus(properties.reconfirmAfter());
        ContactEmailState.Status status;
        if (contact.bouncedAt() != null) {
            status = ContactEmailState.Status.BOUNCING;
        } else if (contact.confirmedAt() == null) {
            status = ContactEmailState.Status.UNCONFIRMED;
        } else if (!clock.instant().isBefore(reconfirmBy)) {
            status = ContactEmailState.Status.RECONFIRMATION_DUE;
        } else {
            status = ContactEmailState.Status.CONFIRMED;
        }
        String warning = PersonalAddress.warning(EmailAddress.parse(addressee.email()));
        return new ContactEmailState(account.digits(), addressee.email(), status, contact.setAt(),
                contact.confirmedAt(), reconfirmBy, contact.bouncedAt(), warning != null, warning);
    }

    /**
     * Sets a new contact address: validated, stored unconfirmed, a confirmation link mailed to it and
     * a notice to the previous address, all in one transaction. Setting the current address again
     * changes nothing.
     *
     * @throws TesseraException 400 naming {@code email} for an invalid address (the stored one stays)
     */
    public ContactEmailState change(CustomerId account, String newEmail, Actor actor) {
        access.requireAdmin(account, actor.email());
        EmailAddress address;
        try {
            address = EmailAddress.parse(newEmail);
        } catch (IllegalArgumentException e) {
            throw TesseraException.invalid("email", e.getMessage());
        }
        tx.executeWithoutResult(status -> {
            Addressee old = contacts.addressee(account.value(), true).orElseThrow();
            if (old.email().equals(address.value())) {
                return;
            }
            accounts.setApiContactEmail(account, address.value());
            contacts.putUnconfirmed(account.value(), address.value(), Timestamps.now(clock));
            audit.record(account.value(), AuditEventType.CONTACT_EMAIL_CHANGED, actor,
                    Map.of("previousApiContactEmail", old.email(), "apiContactEmail", address.value()));
            Addressee to = new Addressee(account.value(), old.accountName(),
                    address.value());
            queue.enqueue(to, NotificationKind.CONTACT_CONFIRMATION, mails.confirmation(to));
            queue.enqueueTo(account.value(), old.email(), NotificationKind.CONTACT_CHANGED,
                    mails.changed(old, address.value(), actor));
        });
        return state(account);
    }

    /**
     * Mails a new confirmation link to the current address, unless one is still waiting in the outbox.
     *
     * @throws TesseraException 409 when the address is confirmed and not yet due for re-confirmation
     */
    public ContactEmailState resendConfirmation(CustomerId account, Actor actor) {
        access.requireAdmin(account, actor.email());
        if (state(account).status() == ContactEmailState.Status.CONFIRMED) {
            throw TesseraException.conflict("The API contact email is already confirmed.");
        }
        tx.executeWithoutResult(status -> {
            Addressee to = contacts.addressee(account.value(), true).orElseThrow();
            if (contacts.find(account.value()).isEmpty()) {
                contacts.putUnconfirmed(account.value(), to.email(), Timestamps.now(clock));
            }
            if (!mails.confirmationWaiting(account.value())) {
                queue.enqueue(to, NotificationKind.CONTACT_CONFIRMATION, mails.confirmation(to));
            }
        });
        return state(account);
    }
}
