package dev.tessera.contact;

import dev.tessera.outbox.ContactHooks;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** The contact feature's answers to the outbox's sender: confirmation secrets and bounced addresses. */
@Component
class DeliveryHooks implements ContactHooks {

    private final ContactConfirmations confirmations;
    private final ContactRepository contacts;

    DeliveryHooks(ContactConfirmations confirmations, ContactRepository contacts) {
        this.confirmations = confirmations;
        this.contacts = contacts;
    }

    @Override
    public String mintConfirmation(long accountId, String recipient) {
        return confirmations.mint(accountId, recipient);
    }

    @Override
    public void bounced(long accountId, String recipient, Instant at) {
        contacts.markBounced(accountId, recipient, at);
    }
}
