package dev.tessera.cluster;

import java.time.Duration;
import java.util.List;

/**
 * The change feed for followers outside this process (embedded verifiers), one long-poll at a time.
 * A follower holds a lease in {@code cluster_nodes} exactly like a node, so {@link ChangeFeed#awaitAppended}
 * waits for it too, with no rule of its own: each {@link #pull} first renews the follower's lease and
 * records what it says it applied (its acknowledgement), then reads the log after that, so the
 * follower may serve until the start of its request plus the lease minus the drift margin (the proof
 * of docs/cluster.md holds with the request's start as the renewal's start). Thread-safe.
 */
public final class RemoteFollowers {

    /** Most changes one answer carries; a follower with more to read asks again before it serves. */
    static final int BATCH = 1000;

    private final ChangeLog changes;
    private final ClusterNode node;

    RemoteFollowers(ChangeLog changes, ClusterNode node) {
        this.changes = changes;
        this.node = node;
    }

    /** A row of the log as a follower receives it: re-read the subject's state to apply it. */
    public record Change(long seq, ChangeKind kind, long subject) {}

    /**
     * What a follower reads next.
     *
     * @param snapshot the follower must load every state afresh (first call, or it fell behind the
     *     log's retention, or it names a sequence this database never reached), then apply nothing else:
     *     {@code sequence} is the head read after its lease was written and before the state is read
     * @param sequence where the follower is once it applied this answer
     * @param changes the changes to apply, in order (empty in a snapshot)
     * @param more whether the log holds more after {@code sequence}: the follower asks again at once and
     *     must not extend its serving time on this answer
     */
    public record Pull(boolean snapshot, long sequence, List<Change> changes, boolean more) {}

    /**
     * How long a renewal keeps a follower serving, in the database's clock: the nodes' lease, but at
     * most 2 s (or four drift margins, if more), so a verifier that went away without a word holds
     * writers up for seconds, not for H2's one-minute node lease. Shorter than the nodes' lease is
     * safe: a writer counts the follower fenced earlier, and the follower stops serving earlier too.
     */
    public Duration lease() {
        ClusterProperties properties = node.properties();
        Duration cap = Duration.ofSeconds(2);
        Duration floor = properties.driftMargin().multipliedBy(4);
        Duration limit = cap.compareTo(floor) >= 0 ? cap : floor;
        return properties.lease().compareTo(limit) <= 0 ? properties.lease() : limit;
    }

    /** What a follower takes off its lease, as nodes do. */
    public Duration driftMargin() {
        return node.properties().driftMargin();
    }

    /** The longest a {@link #pull} waits for a change: a quarter of the lease, so the next poll renews in time. */
    public Duration longestWait() {
        return lease().dividedBy(4);
    }

    /**
     * Forgets a follower that stopped serving before it said so (its goodbye), so writers no longer
     * wait for its lease to run out. A poll still in flight may renew it once more: then writers wait
     * for that lease, as for any silent follower.
     */
    public void leave(String followerId) {
        changes.forgetFollower(followerId);
    }

    /**
     * Renews the follower's lease with {@code after} as its acknowledgement and answers the changes
     * after it, waiting up to {@code wait} (at most {@link #longestWait}) for one when there is none.
     *
     * @param followerId the follower's instance id, unique per process (its row in {@code cluster_nodes})
     * @param name how writers' receipts name it
     * @param after the last sequence the follower applied, or a negative number for a snapshot
     */
    public Pull pull(String followerId, String name, long after, Duration wait) throws InterruptedException {
        long leaseMillis = lease().toMillis();
        // A sequence beyond the head was never applied here: acknowledging it could let a writer return early.
        if (after < 0 || after > changes.head()) {
            changes.renewFollower(followerId, name, leaseMillis, 0);
            return new Pull(true, changes.head(), List.of(), false);
        }
        changes.renewFollower(followerId, name, leaseMillis, after);
        long deadline = System.nanoTime() + Math.min(wait.toNanos(), longestWait().toNanos());
        long recheckNanos = node.properties().renewEvery().toNanos();
        long lastRead = 0;
        boolean first = true;
        while (true) {
            // Read the log on the first pass, when this node has applied something newer (it wakes us),
            // or every renewal period in case this node's own feed connection is down.
            if (first || node.appliedSeq() > after || System.nanoTime() - lastRead >= recheckNanos) {
                first = false;
                lastRead = System.nanoTime();
                List<ChangeLog.Change> batch = changes.after(after, BATCH);
                if (!batch.isEmpty()) {
                    if (batch.get(0).seq() != after + 1) {
                        changes.renewFollower(followerId, name, leaseMillis, 0);
                        return new Pull(true, changes.head(), List.of(), false);
                    }
                    List<Change> out = batch.stream().map(c -> new Change(c.seq(), c.kind(), c.subject())).toList();
                    return new Pull(false, out.get(out.size() - 1).seq(), out, batch.size() == BATCH);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new Pull(false, after, List.of(), false);
            }
            node.awaitAcknowledgement(Math.max(1, Math.min(left, recheckNanos) / 1_000_000));
        }
    }
}
