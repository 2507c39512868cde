package dev.grpccontract.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;

/**
 * Runs {@link MockBenchmark}'s two variants in one JMH run and prints their throughputs and the
 * ratio of the mock's to the fake's; with {@code bench.rounds} above 1, runs that many such JMH
 * runs one after the other and prints each round's ratio and their median, so that load from other
 * processes on a shared machine, which falls on one variant of a round, weighs less.
 *
 * <p>System properties tune the run as for {@link UnaryBenchmarkMain}: {@code bench.forks} [1],
 * {@code bench.warmupIterations} [3], {@code bench.warmupTime} [2s], {@code bench.iterations} [5],
 * {@code bench.time} [2s], {@code bench.rounds} [1], {@code bench.resultFile}.
 */
public final class MockBenchmarkMain {

  private MockBenchmarkMain() {}

  /**
   * Runs the benchmark with options from the system properties and prints the comparison.
   *
   * @throws RunnerException when JMH cannot run it, or a benchmark fails
   */
  public static void main(String[] args) throws RunnerException {
    int rounds = Math.max(1, BenchmarkProperties.count(System.getProperties(), "bench.rounds", 1));
    List<Collection<RunResult>> all = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      all.add(new Runner(options(System.getProperties())).run());
    }
    System.out.println();
    System.out.printf(
        "JDK %s (%s), %d processors%n",
        System.getProperty("java.vm.version"),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors());
    for (int round = 0; round < rounds; round++) {
      if (rounds > 1) {
        System.out.printf("round %d:%n", round + 1);
      }
      System.out.print(MockComparison.format(all.get(round)));
    }
    if (rounds > 1) {
      System.out.print(MockComparison.median(all));
    }
  }

  /**
   * Returns the JMH options of a run of {@link MockBenchmark} tuned by {@code properties}.
   *
   * @throws IllegalArgumentException when a property has a value of the wrong form
   */
  public static Options options(Properties properties) {
    return BenchmarkProperties.options(MockBenchmark.class, properties, 3).build();
  }
}
