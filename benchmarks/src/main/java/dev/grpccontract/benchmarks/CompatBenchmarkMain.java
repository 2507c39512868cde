package dev.grpccontract.benchmarks;

import java.util.Collection;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link CompatBenchmark} and prints the time of a check of two versions of the corpus, and
 * its ratio to compiling the corpus once, measured in the same run.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.grpccontract.benchmarks.CompatBenchmarkMain
 * }</pre>
 *
 * <p>System properties tune the run as for {@link CompilerBenchmarkMain}: {@code bench.forks} [1],
 * {@code bench.warmupIterations} [5], {@code bench.warmupTime} [2s], {@code bench.iterations} [5],
 * {@code bench.time} [2s], {@code bench.corpus} [the module's {@code target/corpus}].
 */
public final class CompatBenchmarkMain {
  private CompatBenchmarkMain() {}

  /**
   * Runs the benchmark and prints the comparison.
   *
   * @throws RunnerException when JMH cannot run it, or a benchmark fails
   */
  public static void main(String[] args) throws RunnerException {
    Properties properties = System.getProperties();
    if (properties.getProperty(CompilerWorkload.CORPUS_PROPERTY) == null) {
      properties.setProperty(
          CompilerWorkload.CORPUS_PROPERTY,
          CompilerBenchmarkMain.moduleTarget().resolve("corpus").toString());
    }
    Collection<RunResult> results = new Runner(options(properties)).run();
    System.out.println();
    System.out.print(summary(results));
  }

  /** Returns the JMH options of a run of {@link CompatBenchmark} tuned by {@code properties}. */
  public static Options options(Properties properties) {
    return options(properties, CompatBenchmark.class);
  }

  /**
   * Returns the JMH options of a run of {@code benchmark}'s methods tuned by {@code properties}
   * (forks, iterations, times, and the corpus folder passed on to the forked JVM).
   */
  static Options options(Properties properties, Class<?> benchmark) {
    OptionsBuilder builder = new OptionsBuilder();
    builder
        .include("^" + Pattern.quote(benchmark.getName() + "."))
        .forks(BenchmarkProperties.count(properties, "bench.forks", 1))
        .warmupIterations(BenchmarkProperties.count(properties, "bench.warmupIterations", 5))
        .warmupTime(BenchmarkProperties.time(properties, "bench.warmupTime", "2s"))
        .measurementIterations(BenchmarkProperties.count(properties, "bench.iterations", 5))
        .measurementTime(BenchmarkProperties.time(properties, "bench.time", "2s"))
        .shouldFailOnError(true);
    String corpus = properties.getProperty(CompilerWorkload.CORPUS_PROPERTY);
    if (corpus != null) {
      builder.jvmArgsAppend("-D" + CompilerWorkload.CORPUS_PROPERTY + "=" + corpus);
    }
    return builder.build();
  }

  /** Returns the mean time in milliseconds of {@code benchmark} ("check", "compile", ...). */
  static double millis(Collection<RunResult> results, String benchmark) {
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      if (label.endsWith("." + benchmark)) {
        return r.getPrimaryResult().getScore();
      }
    }
    return Double.NaN;
  }

  /** Returns the lines the run prints: each time, and check time over compile time. */
  static String summary(Collection<RunResult> results) {
    double check = millis(results, "check");
    double unchanged = millis(results, "unchanged");
    double compile = millis(results, "compile");
    return String.format(
        Locale.ROOT,
        "check of two corpus versions: %.2f ms; corpus against itself: %.2f ms;"
            + " compiling the corpus: %.2f ms; check/compile: %.3f%n",
        check,
        unchanged,
        compile,
        check / compile);
  }
}
