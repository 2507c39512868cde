package dev.grpccontract.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grpccontract.benchmarks.suite.SuiteCostMainAccess;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Runs the suite-cost comparison with a handful of classes, so CI proves every suite passes and the
 * ratios are computed. Its figures mean nothing.
 */
class SuiteCostSmokeTest {

  @Test
  void everySuitePassesAndTheRatiosAreComputed() {
    Properties smoke = new Properties();
    smoke.setProperty("bench.classes", "3");
    smoke.setProperty("bench.rounds", "1");
    smoke.setProperty("bench.warmupRounds", "0");

    String report = SuiteCostMainAccess.run(smoke);

    assertThat(report)
        .contains("3 classes x 10 unary tests")
        .contains("hand-written (stub, directExecutor)", "extension (services, messages)")
        .contains("extension (.proto files, JSON)", "extension (directExecutor = true)")
        .contains("extension (.proto files, JSON, directExecutor = true)")
        .contains("ratio 1.00", "one class, one test:");
  }
}
