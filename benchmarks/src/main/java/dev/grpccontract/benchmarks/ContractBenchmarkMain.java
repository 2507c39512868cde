package dev.grpccontract.benchmarks;

import java.util.Collection;
import java.util.Properties;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;

/**
 * Runs {@link ContractBenchmark}'s three variants in one JMH run and prints their times and the
 * ratios of the contract runs to the hand-written calls.
 *
 * <p>System properties tune the run as for {@link UnaryBenchmarkMain}: {@code bench.forks} [1],
 * {@code bench.warmupIterations} [3], {@code bench.warmupTime} [2s], {@code bench.iterations} [5],
 * {@code bench.time} [2s], {@code bench.interactions} [1000], {@code bench.resultFile}.
 */
public final class ContractBenchmarkMain {

  private ContractBenchmarkMain() {}

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
    System.out.print(ContractComparison.format(results));
  }

  /**
   * Returns the JMH options of a run of {@link UnaryBenchmark} tuned by {@code properties}.
   *
   * @throws IllegalArgumentException when a property has a value of the wrong form
   */
  public static Options options(Properties properties) {
    ChainedOptionsBuilder builder =
        BenchmarkProperties.options(ContractBenchmark.class, properties, 3);
    String[] interactions = BenchmarkProperties.list(properties, "bench.interactions");
    if (interactions.length > 0) {
      builder.param("interactions", interactions);
    }
    return builder.build();
  }
}
