package dev.tessera.cluster;

import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * This node's follower of the change feed and holder of its lease. One thread, on a connection of its
 * own (never the pool's), loops: renew the lease when half of it has passed or there is something to
 * acknowledge (recording what it has applied), pull the log after what it applied and apply each
 * change in order, then wait for a notification (applying the changes it announces, so the next
 * step acknowledges them without a pull first) or the next pull.
 * The node serves the data plane only until {@code start of the last renewal + lease - drift margin}
 * ({@link #current}): every change committed before that renewal's write was pulled after it, so a
 * writer that waits for this node's acknowledgement or for its lease to run out (plus the margin)
 * never returns while this node could still answer from older state. On a lost connection the thread
 * reconnects, listens again and replays the log from its last sequence; a lost notification is only a
 * delay until the next renewal.
 *
 * <p>Thread-safe. {@link #current} is one volatile read and {@link System#nanoTime}, for the hot path.
 */
public final class ClusterNode implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
    private static final int BATCH = 1000;

    private final ChangeLog changes;
    private final Map<ChangeKind, ChangeApplier> appliers = new EnumMap<>(ChangeKind.class);
    private final ClusterProperties properties;
    private final String url;
    private final String nodeId = UUID.randomUUID().toString();
    private final String name;

    private final Object acknowledgements = new Object();

    private volatile long appliedSeq = -1;
    private volatile long servingUntilNanos = System.nanoTime() - 1;
    private volatile boolean running;
    private volatile boolean outageLogged;
    private long nextPrune = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    private Thread follower;
    private final FeedConnection feed;
    private long announcedSeq = -1;
    private long lastRenewal = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    ClusterNode(ChangeLog changes, List<ChangeApplier> appliers, ClusterProperties properties, String url,
            String username, String password) {
        this.changes = changes;
        for (ChangeApplier applier : appliers) {
            if (this.appliers.put(applier.kind(), applier) != null) {
                throw new IllegalStateException("Two appliers of " + applier.kind());
            }
        }
        for (ChangeKind kind : ChangeKind.values()) {
            if (!this.appliers.containsKey(kind)) {
                throw new IllegalStateException("No applier of " + kind + " changes");
            }
        }
        this.properties = properties;
        this.url = url;
        this.name = properties.nodeNameOr(nodeId.substring(0, 6));
        this.feed = new FeedConnection(url, username, password, changes.postgres(), this::acknowledged);
    }

    /** Whether this node may answer the data plane now: its lease is fresh, or the operator opted into serving from memory. */
    public boolean current() {
        return System.nanoTime() - servingUntilNanos < 0 || properties.serveFromMemoryOnOutage() && appliedSeq >= 0;
    }

    /** Whether the lease is fresh, regardless of the serve-from-memory setting (for health and receipts). */
    public boolean leaseFresh() {
        return System.nanoTime() - servingUntilNanos < 0;
    }

    public String name() {
        return name;
    }

    String nodeId() {
        return nodeId;
    }

    public long appliedSeq() {
        return appliedSeq;
    }

    ClusterProperties properties() {
        return properties;
    }

    /** Asks the follower to pull now (after a local commit), instead of at the next notification or renewal. */
    void wake() {
        feed.wake();
    }

    /** Waits up to {@code millis} for any node to announce an acknowledgement. */
    void awaitAcknowledgement(long millis) throws InterruptedException {
        synchronized (acknowledgements) {
            acknowledgements.wait(Math.max(1, millis));
        }
    }

    private void acknowledged() {
        synchronized (acknowledgements) {
            acknowledgements.notifyAll();
        }
    }

    /** Loads the snapshot and takes the first lease before the application reports itself started. */
    @Override
    public void start() {
        running = true;
        try {
            feed.open();
            long head = ChangeLog.head(feed.get());
            long started = System.nanoTime();
            appliedSeq = loadAll(head);
            log.info("Cluster node {} loaded its state at change {} in {} ms", name, appliedSeq,
                    (System.nanoTime() - started) / 1_000_000);
            changes.forgetOtherNodesOnEmbedded(feed.get(), nodeId);
            changes.prune(feed.get());
            while (step()) {
                // catch up with whatever was committed while loading
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot join the cluster through " + url + ": " + e.getMessage(), e);
        }
        follower = new Thread(this::follow, "tessera-cluster-follower");
        follower.setDaemon(true);
        follower.start();
    }

    private void follow() {
        while (running) {
            try {
                if (!feed.isOpen()) {
                    feed.open();
                    if (outageLogged) {
                        log.info("Cluster node {} reconnected to the database; replaying the change log from {}", name, appliedSeq);
                        outageLogged = false;
                    }
                }
                if (!step()) {
                    if (System.nanoTime() - nextPrune >= 0) {
                        nextPrune = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                        changes.prune(feed.get());
                    }
                    applyAnnounced(feed.await(properties.renewEvery().toMillis()));
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!outageLogged) {
                    log.warn("Cluster node {} lost the database ({}); it stops serving when its lease ends", name, e.getMessage());
                    outageLogged = true;
                }
                feed.close();
                sleep(Math.min(250, properties.renewEvery().toMillis()));
            }
        }
    }

    /**
     * One step: when there is something to acknowledge or half the lease has passed, write the lease
     * (with what is applied); then pull and apply what was committed; after a write, serve until its
     * start plus the lease minus the margin. Answers whether it applied anything.
     */
    private boolean step() throws SQLException {
        long start = System.nanoTime();
        long applied = appliedSeq;
        boolean renew = applied > announcedSeq || start - lastRenewal >= properties.lease().toNanos() / 2;
        if (renew) {
            changes.renew(feed.get(), nodeId, name, properties.lease().toMillis(), applied, applied > announcedSeq);
            lastRenewal = start;
            if (applied > announcedSeq) {
                announcedSeq = applied;
                acknowledged();
            }
        }
        List<ChangeLog.Change> batch = ChangeLog.after(feed.get(), applied, BATCH);
        if (!batch.isEmpty() && batch.get(0).seq() != applied + 1) {
            reload();
        } else {
            batch.forEach(this::apply);
        }
        // A full batch may stop short of a change committed before the renewal: serve only once caught up.
        if (renew && batch.size() < BATCH) {
            servingUntilNanos = start + properties.lease().toNanos() - properties.driftMargin().toNanos();
        }
        return !batch.isEmpty();
    }

    /**
     * Applies the changes a notification announced that directly follow what this node applied, with
     * no pull (one round trip less before the acknowledgement): PostgreSQL delivers a notification
     * only once its transaction is visible to every later snapshot, so the applier reads the change's
     * state. Anything after a gap is left to the next pull. The next step acknowledges them.
     */
    private void applyAnnounced(List<ChangeLog.Change> announced) {
        for (ChangeLog.Change change : announced) {
            if (change.seq() == appliedSeq + 1) {
                apply(change);
            } else if (change.seq() > appliedSeq + 1) {
                return;
            }
        }
    }

    /** Brings the change's subject up to the database through its kind's applier; the change is then applied here. */
    private void apply(ChangeLog.Change change) {
        appliers.get(change.kind()).apply(change.subject());
        appliedSeq = change.seq();
    }

    /** The log no longer reaches back to what this node applied (it was away longer than the log is kept): start over. */
    private void reload() throws SQLException {
        long head = ChangeLog.head(feed.get());
        log.warn("Cluster node {} is behind the change log's retention; reloading its state", name);
        appliedSeq = loadAll(head);
    }

    /** Every applier's state, as of the oldest change any of them answers (the log after it is replayed). */
    private long loadAll(long head) {
        long from = head;
        for (ChangeApplier applier : appliers.values()) {
            from = Math.min(from, applier.loadAll(head));
        }
        return from;
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        servingUntilNanos = System.nanoTime() - 1;
        if (follower != null) {
            follower.interrupt();
            try {
                follower.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        feed.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web servers (default phase), so the data plane opens on a loaded, leased node. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE / 2;
    }
}
