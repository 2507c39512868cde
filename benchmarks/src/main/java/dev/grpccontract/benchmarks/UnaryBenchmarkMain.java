package dev.grpccontract.benchmarks;

import java.util.Collection;
import java.util.Properties;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link UnaryBenchmark}'s three variants in one JMH run and prints their throughputs and the
 * ratios (b)/(a) and (c)/(a) per payload size.
 *
 * <p>System properties tune the run (defaults in brackets): {@code bench.forks} [1], {@code
 * bench.warmupIterations} [3], {@code bench.warmupTime} [2s], {@code bench.iterations} [5], {@code
 * bench.time} [2s], {@code bench.payloads} [small,large], {@code bench.server} [direct; also
 * {@code inprocess} and {@code loopback}, see {@link UnaryBenchmark#server}], and {@code
 * bench.resultFile} (JMH's JSON results, when set). Several payloads or servers are separated by
 * commas. Times take JMH's forms: {@code 200ms}, {@code 2s}.
 */
public final class UnaryBenchmarkMain {

  private UnaryBenchmarkMain() {}

  /**
   * Runs the benchmark with options from the system properties and prints the comparison.
   *
   * @throws RunnerException when JMH cannot run it, or a benchmark fails
   */
  public static void main(String[] args) throws RunnerException {
    Collection<RunResult> results = new Runner(options(System.getProperties())).run();
    System.out.println();
    System.out.printf(
        "JDK %s (%s), %d processors%n",
        System.getProperty("java.vm.version"),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors());
    System.out.print(UnaryComparison.format(UnaryComparison.rows(results)));
  }

  /**
   * Returns the JMH options of a run of {@link UnaryBenchmark} tuned by {@code properties}.
   *
   * @throws IllegalArgumentException when a property has a value of the wrong form
   */
  public static Options options(Properties properties) {
    ChainedOptionsBuilder builder =
        new OptionsBuilder()
            .include("^" + Pattern.quote(UnaryBenchmark.class.getName() + "."))
            .forks(count(properties, "bench.forks", 1))
            .warmupIterations(count(properties, "bench.warmupIterations", 3))
            .warmupTime(time(properties, "bench.warmupTime", "2s"))
            .measurementIterations(count(properties, "bench.iterations", 5))
            .measurementTime(time(properties, "bench.time", "2s"))
            .shouldFailOnError(true);
    String payloads = properties.getProperty("bench.payloads", "").trim();
    if (!payloads.isEmpty()) {
      builder.param("payload", payloads.split("\\s*,\\s*"));
    }
    String servers = properties.getProperty("bench.server", "").trim();
    if (!servers.isEmpty()) {
      builder.param("server", servers.split("\\s*,\\s*"));
    }
    String resultFile = properties.getProperty("bench.resultFile", "").trim();
    if (!resultFile.isEmpty()) {
      builder.result(resultFile).resultFormat(ResultFormatType.JSON);
    }
    return builder.build();
  }

  private static int count(Properties properties, String name, int defaultValue) {
    String value = properties.getProperty(name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      int count = Integer.parseInt(value.trim());
      if (count >= 0) {
        return count;
      }
    } catch (NumberFormatException e) {
      // Reported below with the expected form.
    }
    throw new IllegalArgumentException(
        "System property " + name + " must be a whole number >= 0, but was '" + value + "'");
  }

  private static TimeValue time(Properties properties, String name, String defaultValue) {
    String value = properties.getProperty(name, defaultValue);
    try {
      return TimeValue.fromString(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "System property "
              + name
              + " must be a time such as 200ms or 2s, but was '"
              + value
              + "'",
          e);
    }
  }
}
