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
 * Runs the real benchmark for a moment in this JVM: proof for CI that every variant works and the
 * comparison is computed, in seconds. Its figures mean nothing.
 */
class UnaryBenchmarkSmokeTest {

  @Test
  void everyVariantRunsForEveryPayloadAndTheRatiosAreComputed() throws RunnerException {
    Properties smoke = new Properties();
    smoke.setProperty("bench.forks", "0");
    smoke.setProperty("bench.warmupIterations", "0");
    smoke.setProperty("bench.iterations", "1");
    smoke.setProperty("bench.time", "200ms");

    Collection<RunResult> results = new Runner(UnaryBenchmarkMain.options(smoke)).run();

    assertThat(results).hasSize(8);
    assertThat(results)
        .allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    List<UnaryComparison.Row> rows = UnaryComparison.rows(results);
    assertThat(rows)
        .extracting(UnaryComparison.Row::payload)
        .containsExactly(Payloads.SMALL, Payloads.LARGE);
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row.messageRatio()).isFinite().isPositive();
              assertThat(row.jsonRatio()).isFinite().isPositive();
              assertThat(row.messageRatioToDeadlineStub()).isFinite().isPositive();
            });
    assertThat(UnaryComparison.format(rows))
        .contains("payload small", "payload large", "b/a = ", "c/a = ")
        .doesNotContain("not measured");
  }
}
