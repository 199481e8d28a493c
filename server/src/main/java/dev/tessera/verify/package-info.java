/**
 * The data-plane decision, free of HTTP: {@link dev.tessera.verify.DataPlane} reads a request's parts,
 * the {@link dev.tessera.verify.Verifier} answers a {@link dev.tessera.verify.Grant} or a
 * {@link dev.tessera.verify.Refusal} from the in-memory token index and the quota ledger. No lock on
 * the read path, no I/O for an unknown token; owns no table and opens no socket.
 */
package dev.tessera.verify;
