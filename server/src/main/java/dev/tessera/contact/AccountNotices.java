package dev.tessera.contact;

import dev.tessera.account.AccountEvents;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The contact feature's part in account changes. Listens synchronously, so its writes join the
 * transaction of the change: a new account's contact email starts unconfirmed with a confirmation
 * mail queued; an invited email gets its invitation; a removed or demoted ADMIN prompts the contact to reset the token.
 */
@Component
class AccountNotices {

    private final ContactEmails contactEmails;
    private final Notifications notifications;

    AccountNotices(ContactEmails contactEmails, Notifications notifications) {
        this.contactEmails = contactEmails;
        this.notifications = notifications;
    }

    @EventListener
    void accountCreated(AccountEvents.ManagerAccountCreated created) {
        contactEmails.enrol(created.customerId(), created.apiContactEmail());
    }

    @EventListener
    void memberInvited(AccountEvents.MemberInvited invited) {
        notifications.invited(invited.customerId(), invited.actor(), invited.email(), invited.role(),
                invited.invitationId(), invited.secret());
    }

    @EventListener
    void adminRemoved(AccountEvents.AdminRemoved removed) {
        notifications.adminRemoved(removed.customerId(), removed.actor(), removed.formerAdmin(), removed.stillMember());
    }
}
