/**
 * Leaked tokens, reported by others: GitHub's secret-scanning partner endpoint
 * ({@code POST /v1/secret-scanning/github}, reports signed with GitHub's ECDSA keys, read from a
 * {@code public_keys} file) and the public revocation endpoint ({@code POST /v1/credentials/revoke},
 * unauthenticated, rate-limited per client address on each node). Both hand the reported text to
 * {@link dev.tessera.token.TokenRevocations}, which owns the revoked state; this package owns no
 * table and keeps no token: it hashes reported tokens with SHA-256 only for GitHub's feedback.
 */
package dev.tessera.leaks;
