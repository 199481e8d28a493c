/**
 * The API contact email: setting, confirming and re-confirming the address, and the notices about
 * the events that matter to it ({@link dev.tessera.contact.Notifications}, queued in the outbox). Owns
 * {@code contact_emails} and {@code contact_confirmations}; reads, but never writes, {@code manager_accounts}.
 */
package dev.tessera.contact;
