package dev.grpccontract.benchmarks;

import dev.grpccontract.compat.Profile;
import dev.grpccontract.compat.SchemaCompatibility;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;

/**
 * Runs {@link CompatHistoryBenchmark} and, where a {@code buf} binary is found ({@code
 * -Dbuf.path=...} or {@code buf} on the {@code PATH}), times {@code buf breaking} on the same two
 * versions written as descriptor sets, in the same run, and prints the ratio.
 *
 * <pre>{@code
 * java -Dbuf.path=node_modules/.bin/buf -cp benchmarks/target/benchmarks.jar \
 *     dev.grpccontract.benchmarks.CompatHistoryBenchmarkMain
 * }</pre>
 *
 * <p>The ratio sets a warm in-JVM check against buf's whole process (start included), which is how
 * each is used: a check inside a test run against a command in a build. System properties tune the
 * run as for {@link CompatBenchmarkMain}; {@code bench.bufRuns} [5] is how many times buf runs (the
 * median is taken).
 */
public final class CompatHistoryBenchmarkMain {
  private CompatHistoryBenchmarkMain() {}

  /**
   * Runs the benchmark and buf, and prints the comparison.
   *
   * @throws RunnerException when JMH cannot run it, or a benchmark fails
   * @throws IOException when the descriptor sets cannot be written for buf
   * @throws InterruptedException when interrupted while buf runs
   */
  public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
    Properties properties = System.getProperties();
    if (properties.getProperty(CompilerWorkload.CORPUS_PROPERTY) == null) {
      properties.setProperty(
          CompilerWorkload.CORPUS_PROPERTY,
          CompilerBenchmarkMain.moduleTarget().resolve("corpus").toString());
    }
    Collection<RunResult> results = new Runner(options(properties)).run();
    SchemaHistory history =
        SchemaHistory.load(Path.of(properties.getProperty(CompilerWorkload.CORPUS_PROPERTY)));
    System.out.println();
    System.out.print(summary(results, history));
    Optional<Path> buf = findBuf(properties);
    if (buf.isEmpty()) {
      System.out.println(
          "buf not found (pass -Dbuf.path=..., or put buf on the PATH; npm install @bufbuild/buf"
              + " puts it in node_modules/.bin): no ratio to buf in this run");
      return;
    }
    int runs = BenchmarkProperties.count(properties, "bench.bufRuns", 5);
    BufRun bufRun = timeBuf(buf.get(), history, runs);
    double check = CompatBenchmarkMain.millis(results, "check");
    System.out.printf(
        Locale.ROOT,
        "buf breaking (WIRE_JSON) on the same pair: median %.0f ms of %d runs (process start"
            + " included), %d findings; our warm check/buf: %.4f%n",
        bufRun.medianMillis(),
        runs,
        bufRun.findings(),
        check / bufRun.medianMillis());
  }

  /**
   * Returns the JMH options of a run of {@link CompatHistoryBenchmark} tuned by {@code properties}.
   */
  public static Options options(Properties properties) {
    return CompatBenchmarkMain.options(properties, CompatHistoryBenchmark.class);
  }

  /** Returns the lines the run prints about the two versions and the check times. */
  static String summary(Collection<RunResult> results, SchemaHistory history) {
    SchemaHistory.Version before = history.before();
    SchemaHistory.Version after = history.after();
    int findings =
        SchemaCompatibility.withProfile(Profile.WIRE_JSON)
            .findings(before.schema(), after.schema())
            .size();
    int clientFindings =
        SchemaCompatibility.withProfile(Profile.GRPC_CLIENTS)
            .findings(before.schema(), after.schema())
            .size();
    return String.format(
        Locale.ROOT,
        "history: %d files before, %d after (%d and %d with imports); %d WIRE_JSON findings,"
            + " %d GRPC_CLIENTS findings%n"
            + "check (WIRE_JSON), warm: %.2f ms; check (GRPC_CLIENTS), warm: %.2f ms%n",
        before.files(),
        after.files(),
        before.descriptorSet().getFileCount(),
        after.descriptorSet().getFileCount(),
        findings,
        clientFindings,
        CompatBenchmarkMain.millis(results, "check"),
        CompatBenchmarkMain.millis(results, "checkGrpcClients"));
  }

  /** A timed buf run: the median wall time and the number of findings it printed. */
  record BufRun(double medianMillis, int findings) {}

  /** Runs {@code buf breaking} on the two versions {@code runs} times. */
  static BufRun timeBuf(Path buf, SchemaHistory history, int runs)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("grpc-contract-history");
    try {
      Path before = dir.resolve("before.binpb");
      Path after = dir.resolve("after.binpb");
      Files.write(before, history.before().descriptorSet().toByteArray());
      Files.write(after, history.after().descriptorSet().toByteArray());
      List<String> command =
          List.of(
              buf.toString(),
              "breaking",
              after.toString(),
              "--against",
              before.toString(),
              "--error-format",
              "json",
              "--config",
              "{\"version\":\"v2\",\"breaking\":{\"use\":[\"WIRE_JSON\"]}}");
      double[] millis = new double[runs];
      int findings = -1;
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        Process process =
            new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new IllegalStateException("buf did not finish in 2 minutes: " + command);
        }
        millis[i] = (System.nanoTime() - start) / 1e6;
        int exit = process.exitValue();
        String text = new String(output, StandardCharsets.UTF_8);
        if (exit != 0 && exit != 100) {
          throw new IllegalStateException("buf failed with exit code " + exit + ":\n" + text);
        }
        findings = (int) text.lines().filter(line -> line.startsWith("{")).count();
      }
      Arrays.sort(millis);
      return new BufRun(millis[runs / 2], findings);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  /** Returns buf from {@code buf.path}, or the first {@code buf} on the {@code PATH}. */
  static Optional<Path> findBuf(Properties properties) {
    String property = properties.getProperty("buf.path");
    if (property != null && !property.isBlank()) {
      Path path = Path.of(property);
      if (!Files.isExecutable(path)) {
        throw new IllegalArgumentException("buf.path=" + property + " is not an executable file");
      }
      return Optional.of(path);
    }
    String pathVariable = System.getenv("PATH");
    if (pathVariable == null) {
      return Optional.empty();
    }
    return Arrays.stream(pathVariable.split(java.io.File.pathSeparator))
        .map(dir -> Path.of(dir, "buf"))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
