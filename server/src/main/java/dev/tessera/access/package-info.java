/**
 * Access levels and their review: ADMINs apply for a higher level, the OPERATOR approves or rejects.
 * Owns {@code access_applications}. The level itself is stored on the token lineage, which it changes
 * only through {@link dev.tessera.access.AccessLevels} (implemented by token); it never meters usage.
 */
package dev.tessera.access;
