package dev.tessera.token;

import dev.tessera.audit.Actor;
import dev.tessera.quota.AccessPolicy;
import dev.tessera.system.PeriodicTask;
import dev.tessera.system.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rotated-out tokens' use and end, on its own thread every {@code usage-flush-interval} (as
 * quota usage is written): adds the requests this node counted in memory to the database (so the
 * API Center shows the sum over nodes), removes from the index the rotated-out tokens whose overlap
 * ended (they are refused from their end on already), and closes ended overlaps in the database
 * once, with their audit event. A crash loses at most one interval of counts.
 */
@Component
class OverlapUsage implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OverlapUsage.class);

    private final OverlapTerms terms;
    private final RotationRepository rotations;
    private final OverlapEnds ends;
    private final ActiveTokens index;
    private final AccessPolicy policy;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final PeriodicTask task = new PeriodicTask("tessera-overlap-usage", this::sweep);

    OverlapUsage(OverlapTerms terms, RotationRepository rotations, OverlapEnds ends, ActiveTokens index,
            AccessPolicy policy, Clock clock, PlatformTransactionManager transactions) {
        this.terms = terms;
        this.rotations = rotations;
        this.ends = ends;
        this.index = index;
        this.policy = policy;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Writes the requests this node counted since the last flush. */
    synchronized void flush() {
        for (OverlapTerms.Entry entry : terms.entries()) {
            TokenTerm term = entry.term();
            long served = term.served();
            long lastSeen = term.lastSeenMillis();
            long requests = served - term.flushedServed;
            if (requests > 0 || lastSeen > term.flushedLastSeenMillis) {
                rotations.addUse(entry.account(), entry.version(), requests, Instant.ofEpochMilli(lastSeen));
                term.flushedServed = served;
                term.flushedLastSeenMillis = lastSeen;
            }
        }
    }

    /**
     * Flushes, then forgets the ended overlaps in this node's index and closes those in the database
     * whose end came (once across nodes).
     */
    synchronized void sweep() {
        flush();
        long now = clock.millis();
        for (OverlapTerms.Entry entry : terms.entries()) {
            if (!entry.term().admits(now)) {
                index.sweep(entry.account(), entry.version());
                terms.forget(entry);
            }
        }
        Instant at = Timestamps.now(clock);
        for (RotationRepository.Overlap overlap : rotations.openOverlaps()) {
            if (!overlap.until().isAfter(at)) {
                tx.executeWithoutResult(status -> ends.close(overlap, Actor.SYSTEM, at, "time"));
            }
        }
    }

    @Override
    public void start() {
        task.start(policy.usageFlushInterval(), policy.usageFlushInterval());
    }

    @Override
    public void stop() {
        if (task.isRunning()) {
            task.stop(Duration.ofSeconds(10));
            try {
                flush();
            } catch (RuntimeException e) {
                log.warn("Could not write the rotated-out tokens' use: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return task.isRunning();
    }

    /** Stop after the web server, with the usage flusher, so the last requests are counted. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
