package dev.grpccontract.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.grpccontract.benchmarks.CompilerComparison.Row;
import dev.grpccontract.benchmarks.CompilerComparison.Timing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompilerComparisonTest {

  @Test
  void ratiosAreProtocsTimeOverOurs() {
    Row row = row(CompilerWorkload.CORPUS, 20, 25, 100);

    assertThat(row.warmRatio()).isCloseTo(5.0, within(1e-9));
    assertThat(row.freshRatio()).isCloseTo(4.0, within(1e-9));
    assertThat(row.sourceInfoCost()).isCloseTo(1.25, within(1e-9));
    assertThat(row.meetsTarget()).isTrue();
  }

  @Test
  void theTargetIsMissedWhenEitherOfOursIsSlower() {
    assertThat(row(CompilerWorkload.HELLO, 1, 3, 2).meetsTarget()).isFalse();
    assertThat(row(CompilerWorkload.HELLO, 3, 1, 2).meetsTarget()).isFalse();
  }

  @Test
  void reportShowsEachRatioAndTheVerdictOverAllWorkloads() {
    String text =
        CompilerComparison.format(
            List.of(
                row(CompilerWorkload.HELLO, 0.5, 1, 2), row(CompilerWorkload.CORPUS, 50, 80, 40)));

    assertThat(text)
        .contains("workload hello", "workload corpus")
        .contains("4.00 (ours faster)", "2.00 (ours faster)")
        .contains("0.80 (protoc faster)", "0.50 (protoc faster)")
        .contains("(4) ProtoCompiler, warm, source info", "1.25 × (1)")
        .contains("Target: faster than the protoc process, warm and fresh, for every workload:")
        .contains("MISSED for corpus");
  }

  @Test
  void withoutProtocTheVerdictSaysNotMeasured() {
    Map<String, Map<String, Timing>> times = new LinkedHashMap<>();
    times.put(
        CompilerWorkload.HELLO,
        Map.of("warm", new Timing(0.1, 0.01), "fresh", new Timing(0.2, 0.01)));

    Row row = CompilerComparison.rows(times).get(0);

    assertThat(row.meetsTarget()).isFalse();
    assertThat(CompilerComparison.format(List.of(row)))
        .contains("not measured", "n/a")
        .contains("not measured (protoc was not run)");
  }

  private static Row row(String workload, double warm, double fresh, double protoc) {
    return new Row(
        workload,
        new Timing(warm, Double.NaN),
        new Timing(fresh, Double.NaN),
        new Timing(protoc, Double.NaN),
        new Timing(warm * 1.25, Double.NaN));
  }
}
