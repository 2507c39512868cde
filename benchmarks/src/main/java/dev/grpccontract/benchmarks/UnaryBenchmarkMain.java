package dev.grpccontract.benchmarks;

import java.util.Collection;
import java.util.Properties;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;

/**
 * Runs {@link UnaryBenchmark}'s three variants in one JMH run and prints their throughputs and the
 * ratios (b)/(a) and (c)/(a) per payload size.
 *
 * <p>System properties tune the run (defaults in brackets): {@code bench.forks} [1], {@code
 * bench.warmupIterations} [3], {@code bench.warmupTime} [2s], {@code bench.iterations} [5], {@code
 * bench.time} [2s], {@code bench.payloads} [small,large], {@code bench.server} [direct; also {@code
 * inprocess} and {@code loopback}, see {@link UnaryBenchmark#server}], and {@code bench.resultFile}
 * (JMH's JSON results, when set). Several payloads or servers are separated by commas. Times take
 * JMH's forms: {@code 200ms}, {@code 2s}.
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
        BenchmarkProperties.options(UnaryBenchmark.class, properties, 3);
    String[] payloads = BenchmarkProperties.list(properties, "bench.payloads");
    if (payloads.length > 0) {
      builder.param("payload", payloads);
    }
    String[] servers = BenchmarkProperties.list(properties, "bench.server");
    if (servers.length > 0) {
      builder.param("server", servers);
    }
    return builder.build();
  }
}
