/**
 * Developer tokens: issue, view (masked), reset and revocation of a token reported public
 * ({@link dev.tessera.token.TokenRevocations}, called by the leaks feature). Owns {@code token_lineages}
 * (with the access level, see {@code LineageAccessLevels}) and {@code developer_tokens}; stores digests
 * only. The two token formats (22-character default, opt-in prefixed with a checksum: {@code TokenFormat},
 * {@code PrefixedFormat}) verify side by side.
 *
 * <p><b>The reset path</b>: the console's {@code console.apicenter.ResetPages} (confirm page, POST
 * with password re-check) or {@code POST …/developer-token:reset} in {@code TokenController}
 * → {@link dev.tessera.token.DeveloperTokens#reset}: one transaction locks the lineage, retires the
 * active row and inserts the next version ({@code TokenRepository}), records the audit event and
 * queues {@code contact.Notifications#tokenReset} and appends a change to {@code cluster.ChangeFeed};
 * after the commit every node's {@code TokenChanges} applies it to its {@link dev.tessera.token.ActiveTokens}
 * (the verify feature's {@code TokenIndex}), and the call returns once every leased node has (or has
 * been fenced), so the old token is refused everywhere before the call returns. A revocation takes the
 * same path with no successor row: {@code TokenChanges} finds the lineage without an active token and
 * removes the held one ({@link dev.tessera.token.ActiveTokens#revoke}).
 *
 * <p><b>Rotation and expiry</b> (issue 15): {@link dev.tessera.token.TokenRotations} rotates with an
 * overlap on the same path (the retired row keeps {@code overlap_until}), ends an overlap early, and
 * {@code DeveloperTokens#reset} ends one too ({@code OverlapEnds}); {@code TokenChanges} gives the
 * index both tokens, the rotated-out one with its {@link dev.tessera.token.TokenTerm}; {@code
 * OverlapUsage} writes the old token's use and sweeps ended overlaps. {@link dev.tessera.token.TokenExpiries}
 * sets expiries and sends reminders once each (table {@code token_expiry_reminders});
 * {@link dev.tessera.token.TokenEvents} are published for listeners such as webhooks.
 *
 * <p><b>Start</b> (issue 18): {@code TokenChanges#loadAll} loads the index this node saved
 * ({@code IndexSnapshots}, written by {@code IndexSnapshotSchedule} in the {@code IndexSnapshotFile}
 * format) when the change log still holds the change it was saved at, and answers that change so
 * that the node replays the log after it; otherwise it reads every active token: on PostgreSQL with
 * binary COPYs in one snapshot ({@code ActiveTokenCopyRepository}, {@code ActiveTokenCopy}), decoded
 * straight into the index's bulk load; on H2 with one query.
 */
package dev.tessera.token;
