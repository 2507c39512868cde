package dev.grpccontract.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs the compat benchmark for a moment in this JVM: proof for CI that setup finds breaking
 * changes in the mutated corpus, every variant runs, and the ratio is computed. Its figures mean
 * nothing. Maven sets the corpus location.
 */
class CompatBenchmarkSmokeTest {

  @Test
  void everyVariantRunsAndTheRatioIsComputed() throws RunnerException {
    Properties smoke = new Properties();
    smoke.putAll(System.getProperties());
    smoke.setProperty("bench.forks", "0");
    smoke.setProperty("bench.warmupIterations", "0");
    smoke.setProperty("bench.iterations", "1");
    smoke.setProperty("bench.time", "200ms");

    Collection<RunResult> results = new Runner(CompatBenchmarkMain.options(smoke)).run();

    assertThat(results).hasSize(3);
    assertThat(results)
        .allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    assertThat(CompatBenchmarkMain.summary(results))
        .startsWith("check of two corpus versions: ")
        .contains("check/compile: ")
        .doesNotContain("NaN");
  }
}
