package dev.tessera.outbox;

/** Where a mail of the outbox is on its way to the contact. */
public enum DeliveryState {
    /** Not sent: no SMTP server is configured ({@code spring.mail.host}); readable in the console. */
    HELD,
    /** Waiting for its (next) attempt. */
    PENDING,
    /** Claimed by a sender, being sent now. */
    SENDING,
    /** Accepted by the SMTP server. */
    SENT,
    /** Given up: the server refused the recipient, or every attempt failed. */
    FAILED
}
