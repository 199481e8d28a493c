/**
 * The audit trail: who ({@link dev.tessera.audit.Actor}) did what to which account, and its API for
 * ADMINs; and platform events of no account (users created, disabled, enabled; passwords changed),
 * which the operator's console reads. Owns {@code audit_events}; knows no other feature, and asks the
 * account feature who may read through {@link dev.tessera.audit.AuditReaders}. Later features follow
 * an account's trail as it is written through {@link dev.tessera.audit.AuditListener} (the webhooks do).
 */
package dev.tessera.audit;
