package dev.grpccontract.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The figures of one {@link CompilerBenchmark} run side by side: for each workload, the time of
 * each variant and how many times faster our compiler is than the protoc process.
 */
public final class CompilerComparison {

  /** The least ratio protoc-time / our-time that counts as faster than the protoc process. */
  public static final double TARGET = 1.0;

  private CompilerComparison() {}

  /**
   * A mean time per compilation in milliseconds and its error (half the 99.9% confidence interval;
   * {@code NaN} when there were too few iterations to compute one).
   */
  public record Timing(double millis, double error) {

    /** A time that was not measured. */
    public static final Timing MISSING = new Timing(Double.NaN, Double.NaN);

    /** Returns whether this variant was measured. */
    public boolean measured() {
      return !Double.isNaN(millis);
    }
  }

  /** The variants' times for one workload. */
  public record Row(
      String workload, Timing warm, Timing fresh, Timing protoc, Timing warmWithSourceInfo) {

    /** Returns protoc's time over the warm compiler's: above 1 when ours is faster. */
    public double warmRatio() {
      return protoc.millis() / warm.millis();
    }

    /** Returns protoc's time over the fresh compiler's: above 1 when ours is faster. */
    public double freshRatio() {
      return protoc.millis() / fresh.millis();
    }

    /** Returns the warm compiler's time with source code info over its time without. */
    public double sourceInfoCost() {
      return warmWithSourceInfo.millis() / warm.millis();
    }

    /**
     * Returns whether both the warm and the fresh compiler beat the protoc process; false when a
     * variant was not measured.
     */
    public boolean meetsTarget() {
      return warmRatio() > TARGET && freshRatio() > TARGET;
    }
  }

  /**
   * Groups the results of a run by workload, in the order the run measured them. Results of other
   * benchmarks are ignored; a variant the run left out is {@link Timing#MISSING}.
   */
  public static List<Row> rows(Collection<RunResult> results) {
    String prefix = CompilerBenchmark.class.getName() + ".";
    Map<String, Map<String, Timing>> byWorkload = new LinkedHashMap<>();
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      if (!benchmark.startsWith(prefix)) {
        continue;
      }
      Result<?> primary = result.getPrimaryResult();
      byWorkload
          .computeIfAbsent(result.getParams().getParam("workload"), key -> new LinkedHashMap<>())
          .put(
              benchmark.substring(prefix.length()),
              new Timing(primary.getScore(), primary.getScoreError()));
    }
    return rows(byWorkload);
  }

  /**
   * Builds the rows from times keyed by workload, then by benchmark method name ({@code warm},
   * {@code fresh}, {@code protoc}, {@code warmWithSourceInfo}).
   */
  public static List<Row> rows(Map<String, Map<String, Timing>> byWorkload) {
    List<Row> rows = new ArrayList<>();
    byWorkload.forEach(
        (workload, times) ->
            rows.add(
                new Row(
                    workload,
                    times.getOrDefault("warm", Timing.MISSING),
                    times.getOrDefault("fresh", Timing.MISSING),
                    times.getOrDefault("protoc", Timing.MISSING),
                    times.getOrDefault("warmWithSourceInfo", Timing.MISSING))));
    return rows;
  }

  /**
   * Returns the rows as a short plain-text report, one block per workload, ending with whether the
   * target is met for every workload.
   */
  public static String format(List<Row> rows) {
    StringBuilder text =
        new StringBuilder(".proto compilation: mean time in ms per compilation,")
            .append(" ± half its 99.9% confidence interval\n");
    for (Row row : rows) {
      text.append(String.format(Locale.ROOT, "%nworkload %s%n", row.workload()));
      text.append(
          String.format(
              Locale.ROOT,
              "  %-36s %12s %12s   %s%n",
              "variant",
              "ms/op",
              "± error",
              "protoc / ours"));
      text.append(line("(1) ProtoCompiler, warm", row.warm()))
          .append(ratio(row.warmRatio()))
          .append('\n');
      text.append(line("(2) ProtoCompiler, fresh per compile", row.fresh()))
          .append(ratio(row.freshRatio()))
          .append('\n');
      text.append(line("(3) protoc process", row.protoc())).append('\n');
      text.append(line("(4) ProtoCompiler, warm, source info", row.warmWithSourceInfo()))
          .append(
              Double.isNaN(row.sourceInfoCost())
                  ? ""
                  : String.format(Locale.ROOT, "   %.2f × (1)", row.sourceInfoCost()))
          .append('\n');
    }
    text.append(String.format(Locale.ROOT, "%n%s%n", verdict(rows)));
    return text.toString();
  }

  private static String verdict(List<Row> rows) {
    String target = "Target: faster than the protoc process, warm and fresh, for every workload: ";
    if (rows.isEmpty() || rows.stream().anyMatch(row -> !row.protoc().measured())) {
      return target + "not measured (protoc was not run)";
    }
    List<String> missed = new ArrayList<>();
    for (Row row : rows) {
      if (!row.meetsTarget()) {
        missed.add(row.workload());
      }
    }
    return missed.isEmpty() ? target + "met" : target + "MISSED for " + String.join(", ", missed);
  }

  private static String line(String variant, Timing timing) {
    if (!timing.measured()) {
      return String.format(Locale.ROOT, "  %-36s %12s %12s", variant, "not measured", "");
    }
    return String.format(
        Locale.ROOT,
        "  %-36s %,12.3f %12s",
        variant,
        timing.millis(),
        Double.isNaN(timing.error()) ? "" : String.format(Locale.ROOT, "%,.3f", timing.error()));
  }

  private static String ratio(double ratio) {
    return Double.isNaN(ratio)
        ? "   n/a"
        : String.format(
            Locale.ROOT, "   %.2f (%s)", ratio, ratio > TARGET ? "ours faster" : "protoc faster");
  }
}
