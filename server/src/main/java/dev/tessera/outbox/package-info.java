/**
 * The mail outbox: {@link dev.tessera.outbox.MailQueue} writes a mail in the caller's transaction,
 * the sender delivers it over SMTP with retries, the log lists it. Owns {@code mail_outbox}; knows no
 * contact rule, and asks the contact feature only through {@link dev.tessera.outbox.ContactHooks}. Its
 * sender's thread ({@link dev.tessera.outbox.Poller}) and back-off ({@link dev.tessera.outbox.Backoff})
 * also drive the webhooks' outbox.
 */
package dev.tessera.outbox;
