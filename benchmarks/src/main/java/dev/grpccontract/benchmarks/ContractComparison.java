package dev.grpccontract.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;

/**
 * The ratios of a {@link ContractBenchmark} run: each contract variant's time to the hand-written
 * one.
 */
final class ContractComparison {

  private ContractComparison() {}

  /** Returns the mean time per operation (ms) of each variant, by method name. */
  static Map<String, Double> times(Collection<RunResult> results) {
    Map<String, Double> times = new HashMap<>();
    for (RunResult result : results) {
      String label = result.getPrimaryResult().getLabel();
      times.put(label, result.getPrimaryResult().getScore());
    }
    return times;
  }

  /** Returns the report: times and the ratios (b)/(a) and (c)/(a). */
  static String format(Collection<RunResult> results) {
    Map<String, Double> times = times(results);
    Double hand = times.get("handWritten");
    Double warm = times.get("contracts");
    Double cold = times.get("contractsColdLoad");
    if (hand == null || warm == null || cold == null) {
      return "not measured: " + times.keySet() + "\n";
    }
    return String.format(
        Locale.ROOT,
        "(a) hand-written calls and assertions: %.2f ms per set%n"
            + "(b) contract interactions, file parsed once: %.2f ms per set, b/a = %.2f%n"
            + "(c) contract interactions, file parsed and checked every time: %.2f ms per set, c/a = %.2f%n",
        hand,
        warm,
        warm / hand,
        cold,
        cold / hand);
  }
}
