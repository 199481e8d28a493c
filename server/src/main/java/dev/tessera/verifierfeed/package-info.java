/**
 * The verifier feed: what an embedded verifier ({@code tessera-verifier}, in the API owner's own
 * process) reads to keep an index as fresh as a node's. One long-poll endpoint,
 * {@code GET /api/v1/verifier/feed}, for API keys of scope {@code verifier}: a snapshot first (every
 * active token's digest and level, every client account, the restricted services and the pepper),
 * then the changes after the sequence the verifier names, as resulting state. Each call renews the
 * verifier's lease and records that sequence as its acknowledgement, through
 * {@link dev.tessera.cluster.RemoteFollowers}, so a reset returns only once every leased verifier has
 * applied it or been fenced. Owns no table; the wire format is in docs/verifier.md.
 */
package dev.tessera.verifierfeed;
