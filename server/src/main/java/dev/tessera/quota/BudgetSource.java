package dev.tessera.quota;

/**
 * Where a usage window gets the cluster's budget from: the window asks (from the hot path, so the
 * call must return at once and do no I/O) and the source answers later through
 * {@link UsageWindow#addBudget}. Without a source a window admits by its own count alone (one node).
 */
interface BudgetSource {

    /** Queues a request for more budget for {@code window}, under {@code limit}. Non-blocking. */
    void requestBudget(UsageWindow window, long limit);
}
