/**
 * Tessera, a self-hostable developer-token service. One package per feature, in this order (each
 * may use only those before it; ArchitectureTests enforces it): {@code system}, {@code cluster}, {@code audit},
 * {@code account}, {@code access}, {@code quota}, {@code outbox}, {@code contact}, {@code token},
 * {@code verify}, {@code dataplane}, {@code console}. Looking for the token reset? Start at
 * {@code token}'s package documentation.
 */
package dev.tessera;
