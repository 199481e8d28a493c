/**
 * Webhooks: a manager account's signed HTTP POSTs of its events (the catalogue is
 * {@link dev.tessera.webhook.WebhookEvent}). Owns {@code webhooks} and {@code webhook_deliveries} (the
 * webhooks' outbox). Events come from the audit trail through {@link dev.tessera.audit.AuditListener},
 * in the transaction of the change, so no feature calls this one to emit; the sealed signing secrets'
 * key comes from the token feature through {@link dev.tessera.webhook.SealingKeys}. Every target is
 * checked against private addresses (SSRF) at creation and before each delivery.
 */
package dev.tessera.webhook;
