package dev.grpccontract.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs the contract benchmark for a moment with a small set, so CI proves every variant passes and
 * the ratios are computed. Its figures mean nothing.
 */
class ContractBenchmarkSmokeTest {

  @Test
  void everyVariantVerifiesTheSetAndTheRatiosAreComputed() throws RunnerException {
    Properties smoke = new Properties();
    smoke.setProperty("bench.forks", "0");
    smoke.setProperty("bench.warmupIterations", "0");
    smoke.setProperty("bench.iterations", "1");
    smoke.setProperty("bench.time", "200ms");
    smoke.setProperty("bench.interactions", "20");

    Collection<RunResult> results = new Runner(ContractBenchmarkMain.options(smoke)).run();

    assertThat(results).hasSize(3);
    assertThat(ContractComparison.times(results).values())
        .allSatisfy(t -> assertThat(t).isPositive());
    assertThat(ContractComparison.format(results))
        .contains("b/a = ", "c/a = ")
        .doesNotContain("not measured");
  }
}
