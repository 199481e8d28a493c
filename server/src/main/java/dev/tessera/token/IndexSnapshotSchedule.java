package dev.tessera.token;

import dev.tessera.cluster.ClusterNode;
import dev.tessera.system.PeriodicTask;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Saves the token index ({@link IndexSnapshots}) on its own thread every
 * {@code TESSERA_INDEX_SNAPSHOT_EVERY} (default ten minutes; first after 30 seconds, or one interval
 * when shorter) when the node applied changes since the last save, and once more at shutdown, after
 * the node stopped following the feed. A save reads the index without its lock while changes are
 * applied: it records the last change applied before it began, and the log's replay from there at
 * the next start brings every account to the database's state.
 */
@Component
class IndexSnapshotSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IndexSnapshotSchedule.class);

    private final IndexSnapshots snapshots;
    private final ActiveTokens tokens;
    private final ClusterNode node;
    private final PeriodicTask task;
    /** The change of the last save (its thread, then the stopping thread after it ended). */
    private volatile long saved = -1;
    private volatile boolean running;

    IndexSnapshotSchedule(IndexSnapshots snapshots, ActiveTokens tokens, ClusterNode node) {
        this.snapshots = snapshots;
        this.tokens = tokens;
        this.node = node;
        this.task = new PeriodicTask("tessera-index-snapshot", this::saveIfChanged);
    }

    @Override
    public void start() {
        running = true;
        if (snapshots.enabled()) {
            Duration first = Duration.ofSeconds(30);
            Duration every = snapshots.every();
            task.start(every.compareTo(first) < 0 ? every : first, every);
        }
    }

    private void saveIfChanged() {
        long applied = node.appliedSeq(); // before reading the index: every change up to it is in
        if (applied <= saved) {
            return;
        }
        long started = System.nanoTime();
        try {
            long count = snapshots.save(tokens, applied);
            if (count >= 0) {
                saved = applied;
                log.debug("Saved {} active developer tokens at change {} to {} in {} ms", count, applied,
                        snapshots.file(), (System.nanoTime() - started) / 1_000_000);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not save the token index to {}: {}", snapshots.file(), e.getMessage());
        }
    }

    @Override
    public void stop() {
        task.stop(Duration.ofSeconds(30));
        if (running && snapshots.enabled()) {
            saveIfChanged();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Just below the cluster node's: started before it, stopped after it, so the last save is exact. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE / 2 - 1;
    }
}
