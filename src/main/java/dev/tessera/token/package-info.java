/**
 * Developer tokens: issue, view (masked) and reset. Owns {@code token_lineages} (with the access
 * level, see {@code LineageAccessLevels}) and {@code developer_tokens}; stores digests only.
 *
 * <p><b>The reset path</b>: the console's {@code console.apicenter.ResetPages} (confirm page, POST
 * with password re-check) or {@code POST …/developer-token:reset} in {@code TokenController}
 * → {@link dev.tessera.token.DeveloperTokens#reset}: one transaction locks the lineage, retires the
 * active row and inserts the next version ({@code TokenRepository}), records the audit event and
 * queues {@code contact.Notifications#tokenReset}; after the commit {@link dev.tessera.token.ActiveTokens}
 * (the verify feature's {@code TokenIndex}) swaps the digest, so the old token is refused before the call returns.
 */
package dev.tessera.token;
