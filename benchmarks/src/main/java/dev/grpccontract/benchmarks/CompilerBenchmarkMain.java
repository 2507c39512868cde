package dev.grpccontract.benchmarks;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;

/**
 * Runs {@link CompilerBenchmark}'s three variants in one JMH run and prints their times and the
 * ratios protoc-time / our-time per workload, above 1 when ours is faster.
 *
 * <p>From the repository root, after {@code mvn -pl benchmarks -am package}:
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.grpccontract.benchmarks.CompilerBenchmarkMain
 * }</pre>
 *
 * <p>System properties tune the run (defaults in brackets): {@code bench.forks} [1], {@code
 * bench.warmupIterations} [8], {@code bench.warmupTime} [2s], {@code bench.iterations} [5], {@code
 * bench.time} [2s], {@code bench.workloads} [hello,corpus], {@code bench.resultFile} (JMH's JSON
 * results, when set), {@code bench.corpus} [the module's {@code target/corpus}] and {@code
 * bench.protoc} [the module's {@code target/protoc/protoc.exe}], both found next to the jar or
 * class folder this class was loaded from, so the command works from any directory. When protoc is
 * not there, the run leaves it out and says so.
 */
public final class CompilerBenchmarkMain {

  /**
   * The default number of warmup iterations. Compiling the corpus exercises much code; on two cores
   * the JIT needs about ten seconds before the warm compiler's times settle.
   */
  static final int WARMUP_ITERATIONS = 8;

  private CompilerBenchmarkMain() {}

  /**
   * Runs the benchmark with options from the system properties and prints the comparison.
   *
   * @throws RunnerException when JMH cannot run it, or a benchmark fails
   */
  public static void main(String[] args) throws RunnerException {
    Properties properties = System.getProperties();
    Path target = moduleTarget();
    if (properties.getProperty(CompilerWorkload.CORPUS_PROPERTY) == null) {
      properties.setProperty(CompilerWorkload.CORPUS_PROPERTY, target.resolve("corpus").toString());
    }
    if (properties.getProperty(CompilerBenchmark.PROTOC_PROPERTY) == null) {
      properties.setProperty(
          CompilerBenchmark.PROTOC_PROPERTY, target.resolve("protoc/protoc.exe").toString());
    }
    Optional<Path> protoc = CompilerBenchmark.protocExecutable();
    if (protoc.isEmpty()) {
      System.out.println(
          "protoc not found at "
              + properties.getProperty(CompilerBenchmark.PROTOC_PROPERTY)
              + " (is there a protoc for this platform?): measuring our compiler only");
    }
    Collection<RunResult> results = new Runner(options(properties)).run();
    System.out.println();
    System.out.printf(
        "JDK %s (%s), %d processors; protoc %s%n",
        System.getProperty("java.vm.version"),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(),
        protoc.map(Path::toString).orElse("not found"));
    System.out.print(CompilerComparison.format(CompilerComparison.rows(results)));
  }

  /**
   * Returns the JMH options of a run of {@link CompilerBenchmark} tuned by {@code properties}. The
   * corpus and protoc locations are passed on to forked JVMs; the protoc variant is left out when
   * {@link CompilerBenchmark#protocExecutable(Properties)} finds no protoc.
   *
   * @throws IllegalArgumentException when a property has a value of the wrong form
   */
  public static Options options(Properties properties) {
    ChainedOptionsBuilder builder =
        BenchmarkProperties.options(CompilerBenchmark.class, properties, WARMUP_ITERATIONS);
    String[] workloads = BenchmarkProperties.list(properties, "bench.workloads");
    if (workloads.length > 0) {
      builder.param("workload", workloads);
    }
    // One call: JMH keeps only the last jvmArgsAppend.
    List<String> locations = new ArrayList<>();
    for (String name :
        List.of(CompilerWorkload.CORPUS_PROPERTY, CompilerBenchmark.PROTOC_PROPERTY)) {
      String value = properties.getProperty(name);
      if (value != null) {
        locations.add("-D" + name + "=" + value);
      }
    }
    if (!locations.isEmpty()) {
      builder.jvmArgsAppend(locations.toArray(new String[0]));
    }
    if (CompilerBenchmark.protocExecutable(properties).isEmpty()) {
      builder.exclude("^" + Pattern.quote(CompilerBenchmark.class.getName() + ".protoc") + "$");
    }
    return builder.build();
  }

  /**
   * Returns the module's {@code target} folder: the one holding the jar or class folder this class
   * came from, else {@code benchmarks/target} under the working directory.
   */
  static Path moduleTarget() {
    try {
      Path location =
          Path.of(
              CompilerBenchmarkMain.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      Path parent = location.toAbsolutePath().getParent();
      if (parent != null && Files.isDirectory(parent.resolve("corpus"))) {
        return parent;
      }
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      // Fall back below.
    }
    return Path.of("benchmarks", "target").toAbsolutePath();
  }
}
