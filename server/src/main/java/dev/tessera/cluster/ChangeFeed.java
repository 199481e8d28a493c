package dev.tessera.cluster;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How a feature tells every node about a change its data plane depends on. {@link #append} writes
 * the change's row in the caller's transaction (so the row exists exactly when the change does);
 * after the commit, {@link #awaitAppended} waits until every node holding a live lease has applied
 * it, or has had its lease run out plus the drift margin, and says which.
 *
 * <p>Thread-safe.
 */
public final class ChangeFeed {

    private static final long POLL_MILLIS = 5;

    private final ChangeLog changes;
    private final ClusterNode node;
    private final Clock clock;
    /** Per thread: the highest sequence appended in a transaction not yet awaited (0: none). */
    private final ThreadLocal<long[]> appended = ThreadLocal.withInitial(() -> new long[1]);

    ChangeFeed(ChangeLog changes, ClusterNode node, Clock clock) {
        this.changes = changes;
        this.node = node;
        this.clock = clock;
    }

    /**
     * Appends a change to the feed. Must run inside the transaction that makes the change; after that
     * transaction, the same thread calls {@link #awaitAppended} before it answers its caller.
     *
     * @return the change's sequence
     * @throws IllegalStateException outside a transaction
     */
    public long append(ChangeKind kind, long subject) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A change must be appended in the transaction that makes it");
        }
        long seq = changes.append(kind, subject, clock.instant());
        long[] pending = appended.get();
        long before = pending[0];
        pending[0] = Math.max(before, seq);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                node.wake();
            }

            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    appended.get()[0] = before;
                }
            }
        });
        return seq;
    }

    /**
     * Waits, as {@link #awaitApplied}, for the last change this thread appended in a committed
     * transaction, and forgets it. Without one, answers at once with an empty receipt.
     */
    public Propagation awaitAppended() {
        long[] pending = appended.get();
        long seq = pending[0];
        pending[0] = 0;
        return seq == 0 ? new Propagation(0, List.of(), List.of(), 0) : awaitApplied(seq);
    }

    /**
     * Returns once every node with a live lease has applied change {@code seq}, or its lease has run
     * out plus the drift margin; at the latest after one lease plus the margin from now, the bound
     * after which no node can still be serving from state older than the commit (see
     * {@link ClusterNode}). Never fails: if the database cannot be asked, it waits for that bound.
     */
    public Propagation awaitApplied(long seq) {
        ClusterProperties properties = node.properties();
        long started = System.nanoTime();
        long bound = started + properties.lease().toNanos() + properties.driftMargin().toNanos();
        long margin = properties.driftMargin().toMillis();
        Set<String> seenBehind = new LinkedHashSet<>();
        List<String> acknowledged = new ArrayList<>();
        node.wake();
        while (true) {
            boolean pending = false;
            acknowledged.clear();
            try {
                for (ChangeLog.Lease lease : changes.leases(margin)) {
                    if (lease.appliedSeq() >= seq) {
                        acknowledged.add(lease.name());
                    } else {
                        // leases() answers only nodes whose lease plus the margin has not run out
                        seenBehind.add(lease.name());
                        pending = true;
                    }
                }
            } catch (RuntimeException unreachable) {
                pending = true;
            }
            if (!pending || System.nanoTime() - bound >= 0) {
                List<String> fenced = new ArrayList<>(seenBehind);
                fenced.removeAll(acknowledged);
                return new Propagation(seq, List.copyOf(acknowledged), List.copyOf(fenced),
                        (System.nanoTime() - started) / 1_000_000);
            }
            try {
                node.awaitAcknowledgement(Math.min(POLL_MILLIS, Math.max(1, (bound - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // keep the promise anyway: never return before the bound while a node may be behind
                sleepUninterruptibly(bound);
            }
        }
    }

    private static void sleepUninterruptibly(long untilNanos) {
        long left;
        while ((left = untilNanos - System.nanoTime()) > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
        }
    }
}
