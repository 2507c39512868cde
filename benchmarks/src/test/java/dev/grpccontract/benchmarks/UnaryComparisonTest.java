package dev.grpccontract.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.grpccontract.benchmarks.UnaryComparison.Row;
import dev.grpccontract.benchmarks.UnaryComparison.Throughput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnaryComparisonTest {

  @Test
  void ratiosAreTheClientThroughputsOverTheStubs() {
    Row row = row(Payloads.SMALL, 1000, 950, 400);

    assertThat(row.messageRatio()).isCloseTo(0.95, within(1e-9));
    assertThat(row.jsonRatio()).isCloseTo(0.40, within(1e-9));
    assertThat(row.meetsMessageTarget()).isTrue();
    assertThat(row.meetsJsonTarget()).isFalse();
    assertThat(row.messageRatioToDeadlineStub()).isCloseTo(1.9, within(1e-9));
    assertThat(row.jsonRatioToDeadlineStub()).isCloseTo(0.8, within(1e-9));
  }

  @Test
  void reportNamesEachRatioItsTargetAndTheVerdict() {
    String text = UnaryComparison.format(List.of(row(Payloads.LARGE, 2000, 1700, 1200)));

    assertThat(text)
        .contains("payload large (request ", "server direct")
        .contains("b/a = 0.850 (target >= 0.90: MISSED)")
        .contains("c/a = 0.600 (target >= 0.50: met)")
        .contains("b/a' = 1.700", "c/a' = 1.200");
  }

  @Test
  void aVariantLeftOutOfTheRunIsReportedAsNotMeasured() {
    Map<String, Map<String, Throughput>> scores = new LinkedHashMap<>();
    scores.put(Payloads.SMALL, Map.of("stub", new Throughput(1000, 10)));

    Row row = UnaryComparison.rows(scores).get(0);

    assertThat(row.meetsMessageTarget()).isFalse();
    assertThat(UnaryComparison.format(List.of(row))).contains("not measured", "b/a = n/a");
  }

  private static Row row(String payload, double stub, double message, double json) {
    return new Row(
        payload,
        "direct",
        new Throughput(stub, Double.NaN),
        new Throughput(message, Double.NaN),
        new Throughput(json, Double.NaN),
        new Throughput(stub / 2, Double.NaN));
  }
}
