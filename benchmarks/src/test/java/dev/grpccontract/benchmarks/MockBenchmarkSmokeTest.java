package dev.grpccontract.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs the mock benchmark for a moment, so CI proves the mock and the fake give the same answer
 * (the set-up checks it) and the ratio is computed. Its figures mean nothing.
 */
class MockBenchmarkSmokeTest {

  @Test
  void theMockAndTheFakeAnswerAndTheRatioIsComputed() throws RunnerException {
    Properties smoke = new Properties();
    smoke.setProperty("bench.forks", "0");
    smoke.setProperty("bench.warmupIterations", "0");
    smoke.setProperty("bench.iterations", "1");
    smoke.setProperty("bench.time", "200ms");

    Collection<RunResult> results = new Runner(MockBenchmarkMain.options(smoke)).run();

    assertThat(results).hasSize(2);
    assertThat(MockComparison.throughputs(results))
        .containsOnlyKeys("fake", "mock")
        .allSatisfy((name, calls) -> assertThat(calls).as(name).isPositive());
    assertThat(MockComparison.format(results))
        .contains("b/a = ", "target >= 0.80")
        .doesNotContain("not measured");
    assertThat(MockComparison.ratio(results)).isPositive();
    assertThat(MockComparison.median(List.of(results, results, results)))
        .startsWith(
            String.format(
                java.util.Locale.ROOT,
                "median b/a of 3 rounds = %.2f",
                MockComparison.ratio(results)));
  }
}
