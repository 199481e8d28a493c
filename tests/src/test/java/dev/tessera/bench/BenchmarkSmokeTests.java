package dev.tessera.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Storage;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Keeps the benchmarks of issue #7 compiling and running in {@code mvn -B verify}: each runs once,
 * briefly, and must produce a result. No timing is asserted; the figures live in
 * benchmarks/RESULTS.md, from the full runs.
 */
class BenchmarkSmokeTests {

    @Test
    void verifyBenchmarkRunsEveryCaseAndTheFloor() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("\\." + VerifyBenchmark.class.getSimpleName() + "\\.") // not EmbeddedVerifyBenchmark
                .param("activeTokens", "1000")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .timeUnit(TimeUnit.NANOSECONDS)
                .shouldFailOnError(true)
                .build()).run();
        assertThat(results).extracting(r -> r.getParams().getBenchmark().replaceAll(".*\\.", ""))
                .containsExactlyInAnyOrder("verifyValid", "verifyValidWithoutQuota", "verifyUnknown", "verifyMalformed",
                        "floorHmacPlusMapGet");
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void indexFootprintMeasuresBytesPerToken() {
        System.setProperty("jol.magicFieldOffset", "true");
        Map<String, Double> perToken = IndexFootprint.memory(2_000);
        assertThat(perToken.get("jol") > 0 || perToken.get("heap") > 0).as("bytes per token %s", perToken).isTrue();
    }

    @Test
    void resetRaceRunsAndFindsNoLateAccept() throws Exception {
        ResetRace.Result result = ResetRace.run(2, 5, 2, Storage.H2);
        assertThat(result.resets()).isPositive();
        assertThat(result.requests()).isPositive();
        // The product's promise (issue #7): once a reset returned, its old token is refused.
        assertThat(result.lateAccepted()).isZero();
    }
}
