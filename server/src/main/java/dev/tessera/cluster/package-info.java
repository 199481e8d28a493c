/**
 * The cluster: one ordered change feed from every commit a data plane depends on to every node's
 * memory (this node's included), and the leases that let a node serve only while it is provably
 * current. Features append to the feed inside their own transactions ({@link dev.tessera.cluster.ChangeFeed})
 * and register a {@link dev.tessera.cluster.ChangeApplier} per kind of change. Followers outside the
 * process (embedded verifiers) read the same feed and hold the same leases through
 * {@link dev.tessera.cluster.RemoteFollowers}, so writers wait for them too. This package knows no
 * feature and owns the tables {@code change_feed_head}, {@code change_log} and {@code cluster_nodes}.
 */
package dev.tessera.cluster;
