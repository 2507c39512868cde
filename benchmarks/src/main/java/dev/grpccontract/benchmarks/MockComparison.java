package dev.grpccontract.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;

/** The ratio of a {@link MockBenchmark} run: the mock's throughput to the fake service's. */
final class MockComparison {

  /** The least ratio the mock is meant to reach. */
  static final double TARGET = 0.8;

  private MockComparison() {}

  /** Returns the throughput (calls per second) of each variant, by method name. */
  static Map<String, Double> throughputs(Collection<RunResult> results) {
    Map<String, Double> throughputs = new HashMap<>();
    for (RunResult result : results) {
      throughputs.put(result.getPrimaryResult().getLabel(), result.getPrimaryResult().getScore());
    }
    return throughputs;
  }

  /** Returns mock/fake of one run, or NaN when a variant was not measured. */
  static double ratio(Collection<RunResult> results) {
    Map<String, Double> throughputs = throughputs(results);
    Double fake = throughputs.get("fake");
    Double mock = throughputs.get("mock");
    return fake == null || mock == null ? Double.NaN : mock / fake;
  }

  /** Returns the line with the median of the rounds' ratios against the target. */
  static String median(List<Collection<RunResult>> rounds) {
    List<Double> ratios = new ArrayList<>();
    rounds.forEach(r -> ratios.add(ratio(r)));
    Collections.sort(ratios);
    int n = ratios.size();
    double median =
        n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
    return String.format(
        Locale.ROOT,
        "median b/a of %d rounds = %.2f (target >= %.2f: %s); the rounds' b/a: %s%n",
        n,
        median,
        TARGET,
        median >= TARGET ? "met" : "missed",
        ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList());
  }

  /** Returns the report: both throughputs and mock/fake against the target. */
  static String format(Collection<RunResult> results) {
    Map<String, Double> throughputs = throughputs(results);
    Double fake = throughputs.get("fake");
    Double mock = throughputs.get("mock");
    if (fake == null || mock == null) {
      return "not measured: " + throughputs.keySet() + "\n";
    }
    double ratio = mock / fake;
    return String.format(
        Locale.ROOT,
        "(a) hand-written fake service: %.0f calls/s%n"
            + "(b) GrpcMockServer stub: %.0f calls/s, b/a = %.2f (target >= %.2f: %s)%n",
        fake,
        mock,
        ratio,
        TARGET,
        ratio >= TARGET ? "met" : "missed");
  }
}
