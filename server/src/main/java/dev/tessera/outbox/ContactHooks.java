package dev.tessera.outbox;

import java.time.Instant;

/**
 * What the outbox asks of the contact feature while it sends, without depending on it: the secret
 * of a confirmation link, minted only when the mail goes out, and word that an address bounced.
 * The contact feature implements it; implementations join the sender's own work, not a transaction.
 */
public interface ContactHooks {

    /** A fresh one-time secret for the link in a confirmation mail to {@code recipient}. */
    String mintConfirmation(long accountId, String recipient);

    /** The SMTP server refused {@code recipient} for good at {@code at}. */
    void bounced(long accountId, String recipient, Instant at);
}
