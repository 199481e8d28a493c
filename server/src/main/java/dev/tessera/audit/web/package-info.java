/**
 * Builds an {@link dev.tessera.audit.Actor} from a web request, so that the audit package itself
 * stays free of servlet types.
 */
package dev.tessera.audit.web;
