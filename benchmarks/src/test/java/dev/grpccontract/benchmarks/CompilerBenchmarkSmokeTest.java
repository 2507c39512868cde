package dev.grpccontract.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs the real compiler benchmark for a moment in this JVM: proof for CI that every variant works
 * on both workloads (setup checks ours against protoc) and that the ratios are computed, in
 * seconds. Its figures mean nothing. Maven sets the corpus and protoc locations.
 */
class CompilerBenchmarkSmokeTest {

  @Test
  void everyVariantCompilesEveryWorkloadAndTheRatiosAreComputed() throws RunnerException {
    Properties smoke = new Properties();
    smoke.putAll(System.getProperties());
    smoke.setProperty("bench.forks", "0");
    smoke.setProperty("bench.warmupIterations", "0");
    smoke.setProperty("bench.iterations", "1");
    smoke.setProperty("bench.time", "200ms");
    boolean protoc = CompilerBenchmark.protocExecutable(smoke).isPresent();

    Collection<RunResult> results = new Runner(CompilerBenchmarkMain.options(smoke)).run();

    assertThat(results).hasSize(protoc ? 8 : 6);
    assertThat(results)
        .allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    List<CompilerComparison.Row> rows = CompilerComparison.rows(results);
    assertThat(rows)
        .extracting(CompilerComparison.Row::workload)
        .containsExactly(CompilerWorkload.HELLO, CompilerWorkload.CORPUS);
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row.warm().millis()).isPositive();
              assertThat(row.fresh().millis()).isPositive();
              assertThat(row.sourceInfoCost()).isFinite().isPositive();
            });
    assumeTrue(
        protoc,
        "protoc was not found at "
            + smoke.getProperty(CompilerBenchmark.PROTOC_PROPERTY)
            + " (none for this platform?): our compiler was measured, the ratios were not");
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row.warmRatio()).isFinite().isPositive();
              assertThat(row.freshRatio()).isFinite().isPositive();
            });
    assertThat(CompilerComparison.format(rows))
        .contains("workload hello", "workload corpus", "Target: ")
        .doesNotContain("not measured", "n/a");
  }
}
