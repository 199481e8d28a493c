package dev.tessera.contact;

import dev.tessera.outbox.Addressee;
import dev.tessera.outbox.MailContent;
import dev.tessera.outbox.MailTemplates;
import dev.tessera.outbox.NotificationKind;
import dev.tessera.outbox.MailQueue;
import dev.tessera.audit.Actor;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** The mails about the contact address itself: confirm it, it changed, confirm it again. */
@Component
class ContactMails {

    private final MailTemplates templates;
    private final ContactProperties properties;
    private final MailQueue queue;
    private final Clock clock;

    ContactMails(MailTemplates templates, ContactProperties properties, MailQueue queue, Clock clock) {
        this.templates = templates;
        this.properties = properties;
        this.queue = queue;
        this.clock = clock;
    }

    MailContent confirmation(Addressee to) {
        return templates.draft(to, "Confirm your API contact email")
                .line(to.email() + " was set as the API contact email of this manager account. Tessera sends it"
                        + " notices about the developer token: resets, access level decisions, removed ADMINs.")
                .line("Please confirm that this address is monitored by opening the link below. The link works"
                        + " once, for " + MailTemplates.days(properties.confirmationValidity()) + ".")
                .confirmationLink()
                .write();
    }

    MailContent reminder(Addressee to) {
        return templates.draft(to, "Please confirm your API contact email again")
                .line(to.email() + " is the API contact email of this manager account. Every "
                        + MailTemplates.days(properties.reconfirmAfter()) + " the contact confirms that the address"
                        + " is still monitored, so that the platform can reach your team in an emergency.")
                .line("Please open the link below. It works once, for "
                        + MailTemplates.days(properties.confirmationValidity()) + "; an ADMIN can send a new one"
                        + " from the API Center.")
                .confirmationLink()
                .write();
    }

    MailContent changed(Addressee old, String newEmail, Actor actor) {
        return templates.draft(old, "API contact email changed")
                .line("The API contact email of this manager account was changed from " + old.email() + " to "
                        + newEmail + ". This address will no longer get notices about the developer token.")
                .line("If nobody on your team expected this, sign in and check who has ADMIN access.")
                .fact("Changed by", actor.email() == null ? "Tessera" : actor.email())
                .fact("When", MailTemplates.when(clock.instant()))
                .fact("From IP", actor.clientIp())
                .write();
    }

    boolean confirmationWaiting(long accountId) {
        return queue.waiting(accountId, NotificationKind.CONTACT_CONFIRMATION)
                || queue.waiting(accountId, NotificationKind.RECONFIRMATION_REMINDER);
    }
}
