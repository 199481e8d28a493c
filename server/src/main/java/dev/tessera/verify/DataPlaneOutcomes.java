package dev.tessera.verify;

import dev.tessera.access.AccessLevel;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Counts the data plane's decisions: grants by access level, refusals by reason, and hands each
 * request's decision time to a latency recorder. Cheap on the hot path: one {@link LongAdder} per
 * level and per reason, made once (no allocation, no lock per request); the metrics layer reads them
 * at scrape time. {@link #NONE} counts nothing (benchmarks, embedding).
 */
public final class DataPlaneOutcomes {

    /** Counts nothing. */
    public static final DataPlaneOutcomes NONE = new DataPlaneOutcomes(false);

    private final boolean counting;
    private final LongAdder[] granted = adders(AccessLevel.values().length);
    private final LongAdder[] refused = adders(RefusalReason.values().length);
    private volatile LongConsumer latencyNanos = nanos -> {};

    public DataPlaneOutcomes() {
        this(true);
    }

    private DataPlaneOutcomes(boolean counting) {
        this.counting = counting;
    }

    boolean counting() {
        return counting;
    }

    void record(Verdict verdict, long nanos) {
        if (verdict instanceof Grant grant) {
            granted[grant.accessLevel().ordinal()].increment();
        } else {
            refused[((Refusal) verdict).reason().ordinal()].increment();
        }
        latencyNanos.accept(nanos);
    }

    public long granted(AccessLevel level) {
        return granted[level.ordinal()].sum();
    }

    public long refused(RefusalReason reason) {
        return refused[reason.ordinal()].sum();
    }

    /** Where each request's decision time (nanoseconds) goes; set once by the metrics layer. */
    public void onLatency(LongConsumer recorder) {
        this.latencyNanos = recorder;
    }

    private static LongAdder[] adders(int count) {
        LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
