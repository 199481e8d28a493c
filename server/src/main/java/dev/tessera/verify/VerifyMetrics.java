package dev.tessera.verify;

import dev.tessera.access.AccessLevel;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The data plane's meters, read from {@link DataPlaneOutcomes} at scrape time:
 * {@code tessera_dataplane_decisions_total{outcome="granted",level=…}} and
 * {@code {outcome="refused",reason=…}}, and the decision-time histogram
 * {@code tessera_dataplane_decision_seconds} (one pre-built timer; recording allocates nothing).
 * Cluster meters (propagation lag, lease state) belong beside these, registered the same way.
 */
final class VerifyMetrics implements MeterBinder {

    private final DataPlaneOutcomes outcomes;

    VerifyMetrics(DataPlaneOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (AccessLevel level : AccessLevel.values()) {
            FunctionCounter.builder("tessera.dataplane.decisions", outcomes, o -> o.granted(level))
                    .description("Data-plane decisions: grants by access level, refusals by reason")
                    .tags("outcome", "granted", "level", level.name(), "reason", "")
                    .register(registry);
        }
        for (RefusalReason reason : RefusalReason.values()) {
            FunctionCounter.builder("tessera.dataplane.decisions", outcomes, o -> o.refused(reason))
                    .description("Data-plane decisions: grants by access level, refusals by reason")
                    .tags("outcome", "refused", "level", "", "reason", reason.name())
                    .register(registry);
        }
        Timer decision = Timer.builder("tessera.dataplane.decision")
                .description("Time to decide one data-plane request (token, rules, quota), without the network")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100))
                .maximumExpectedValue(Duration.ofMillis(100))
                .register(registry);
        outcomes.onLatency(nanos -> decision.record(nanos, TimeUnit.NANOSECONDS));
    }
}
