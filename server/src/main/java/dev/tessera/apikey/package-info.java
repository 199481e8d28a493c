/**
 * API keys: a machine's own credential for the management API ({@code Authorization: Bearer tsk_…}),
 * created, listed and revoked by a user, scoped ({@link dev.tessera.apikey.ApiKeyScope}). Owns and
 * alone writes {@code api_keys}; reads {@code users} to act with the creator's current rights.
 * {@code apikey.web} plugs the keys into the management API's security chain through
 * {@link dev.tessera.system.web.BearerCredentials}.
 */
package dev.tessera.apikey;
