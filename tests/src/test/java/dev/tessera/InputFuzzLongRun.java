package dev.tessera;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The checks of {@link InputFuzzTests} with a 10-minute budget each, for a long fuzzing session
 * (issue 12), one test per command:
 * {@code JAZZER_FUZZ=1 mvn -B test -Dfuzz.skip=true -Dtest='InputFuzzLongRun#tokenShape'}
 * (likewise {@code #customerId}, {@code #originalUri}, {@code #contactEmail}). Without
 * {@code JAZZER_FUZZ} these only replay saved inputs, so the ordinary build runs them in no time.
 */
class InputFuzzLongRun {

    @FuzzTest(maxDuration = "10m")
    void tokenShape(FuzzedDataProvider data) {
        InputFuzzTests.tokenShape(data.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "10m")
    void customerId(FuzzedDataProvider data) {
        InputFuzzTests.customerId(data.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "10m")
    void originalUri(FuzzedDataProvider data) {
        InputFuzzTests.originalUri(data.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "10m")
    void contactEmail(FuzzedDataProvider data) {
        InputFuzzTests.contactEmail(data.consumeRemainingAsString());
    }
}
