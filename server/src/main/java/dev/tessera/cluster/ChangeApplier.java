package dev.tessera.cluster;

/**
 * A feature's part of a node's memory, kept equal to the database through the change feed. The
 * node calls {@link #loadAll} once at start (and again if it ever fell behind the log's retention),
 * then {@link #apply} for each change of {@link #kind} in sequence order, on one thread.
 * Implementations re-read the subject's current state, so applying a change twice, or late, is
 * harmless; they must be idempotent and must not write.
 */
public interface ChangeApplier {

    ChangeKind kind();

    /**
     * Loads the whole state: the current one, as of change {@code head} or later, answering
     * {@code head}; or a saved one as of an earlier change, answering that change's sequence, after
     * which the node replays the log (issue 18).
     */
    long loadAll(long head);

    /** Brings the subject's state in memory up to the database's. */
    void apply(long subject);
}
