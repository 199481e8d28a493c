package dev.tessera.quota;

/**
 * A usage window's share of the cluster's daily budget on this node (see {@link ClusterBudgets}):
 * what the cluster granted and this node has not admitted yet (below 0 while on credit), whether a
 * grant is on its way, and, once the cluster's budget is used up, when it frees again. Not
 * thread-safe on its own: every call is made with its {@link UsageWindow}'s lock held, and a request
 * that waits for a grant waits on that lock.
 */
final class WindowBudget {

    /** How long a request beyond this node's credit waits for the cluster's next grant. */
    static final long GRANT_WAIT_NANOS = 200_000_000L;

    private long budget;
    private boolean requested;
    /** While the cluster's budget is used up: when the oldest grant slides out (epoch ms); 0 otherwise. */
    private long exhaustedUntil;

    /** The size of a grant of the cluster's budget: 0.5 % of the limit, at least one operation. */
    static long chunk(long limit) {
        return Math.max(1, limit / 200);
    }

    /**
     * Takes {@code count} from the cluster's budget; while the cluster has budget left, on credit too:
     * any request when this node owes nothing, and then down to minus one chunk. Asks for the next
     * chunk when this one runs low. A request beyond the credit waits on {@code window} for the grant on
     * its way, at most {@link #GRANT_WAIT_NANOS} (only a client spending more than a chunk within one
     * round trip to the database ever waits).
     *
     * @return 0 when charged, otherwise the seconds to wait
     */
    long charge(UsageWindow window, long count, long limit, long nowMillis, BudgetSource cluster) {
        long chunk = chunk(limit);
        long waitUntil = 0;
        while (true) {
            boolean exhausted = exhaustedUntil != 0 && nowMillis < exhaustedUntil;
            if (budget - count >= (exhausted ? 0 : -chunk) || !exhausted && budget >= 0) {
                budget -= count;
                if (budget < chunk / 2 && !exhausted) {
                    request(window, limit, cluster);
                }
                return 0;
            }
            if (exhausted) {
                return Math.max(1, (exhaustedUntil - nowMillis + 999) / 1000);
            }
            request(window, limit, cluster);
            long now = System.nanoTime();
            if (waitUntil == 0) {
                waitUntil = now + GRANT_WAIT_NANOS;
            }
            if (now - waitUntil >= 0) {
                return 1;
            }
            try {
                window.wait(Math.max(1, (waitUntil - now) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }

    long debt() {
        return Math.max(0, -budget);
    }

    void add(long granted, long exhaustedUntil) {
        budget += granted;
        requested = false;
        this.exhaustedUntil = granted > 0 ? 0 : exhaustedUntil;
    }

    private void request(UsageWindow window, long limit, BudgetSource cluster) {
        if (!requested) {
            requested = true;
            cluster.requestBudget(window, limit);
        }
    }
}
