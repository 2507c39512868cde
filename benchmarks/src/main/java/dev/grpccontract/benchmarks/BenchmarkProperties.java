package dev.grpccontract.benchmarks;

import java.util.Properties;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Reads the {@code bench.*} system properties that tune a benchmark run. */
final class BenchmarkProperties {

  private BenchmarkProperties() {}

  /**
   * Returns the options every benchmark main shares: the benchmarks of {@code benchmark}, forks,
   * warm-up and measurement from {@code bench.forks} [1], {@code bench.warmupIterations} [{@code
   * warmupIterations}], {@code bench.warmupTime} [2s], {@code bench.iterations} [5], {@code
   * bench.time} [2s], JMH's JSON results to {@code bench.resultFile} when set, and failing on
   * errors.
   *
   * @throws IllegalArgumentException when a property has a value of the wrong form
   */
  static ChainedOptionsBuilder options(
      Class<?> benchmark, Properties properties, int warmupIterations) {
    ChainedOptionsBuilder builder =
        new OptionsBuilder()
            .include("^" + Pattern.quote(benchmark.getName() + "."))
            .forks(count(properties, "bench.forks", 1))
            .warmupIterations(count(properties, "bench.warmupIterations", warmupIterations))
            .warmupTime(time(properties, "bench.warmupTime", "2s"))
            .measurementIterations(count(properties, "bench.iterations", 5))
            .measurementTime(time(properties, "bench.time", "2s"))
            .shouldFailOnError(true);
    String resultFile = properties.getProperty("bench.resultFile", "").trim();
    if (!resultFile.isEmpty()) {
      builder.result(resultFile).resultFormat(ResultFormatType.JSON);
    }
    return builder;
  }

  /**
   * Returns the whole number {@code >= 0} of property {@code name}, or {@code defaultValue} when it
   * is unset or blank.
   *
   * @throws IllegalArgumentException when the value is not such a number
   */
  static int count(Properties properties, String name, int defaultValue) {
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

  /**
   * Returns the time of property {@code name} in JMH's forms ({@code 200ms}, {@code 2s}), or {@code
   * defaultValue} when it is unset.
   *
   * @throws IllegalArgumentException when the value is not such a time
   */
  static TimeValue time(Properties properties, String name, String defaultValue) {
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

  /**
   * Returns the comma-separated values of property {@code name}, or an empty array when it is unset
   * or blank.
   */
  static String[] list(Properties properties, String name) {
    String value = properties.getProperty(name, "").trim();
    return value.isEmpty() ? new String[0] : value.split("\\s*,\\s*");
  }
}
