package dev.grpccontract.junit.internal;

import dev.grpccontract.coverage.CoverageRecorder;
import dev.grpccontract.coverage.CoverageReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writes the coverage report when the test run ends: kept in the root store of the Jupiter run,
 * which JUnit closes after the last test. Fails the run when a threshold is not met.
 */
@SuppressWarnings(
    "deprecation") // CloseableResource: implemented beside AutoCloseable for JUnit 5.x
public final class CoverageWriter
    implements AutoCloseable, ExtensionContext.Store.CloseableResource {

  /** Where the report goes; default {@code target/grpc-contract}. */
  public static final String DIR = "grpccontract.coverage.dir";

  /** The least share of methods called, in percent, below which the run fails. */
  public static final String MIN_METHODS = "grpccontract.coverage.minMethods";

  /** Whether to merge the reports of every JVM (test fork) that wrote to the directory. */
  public static final String MERGE = "grpccontract.coverage.merge";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(CoverageWriter.class);

  private final ExtensionContext root;
  private final Path directory;
  private final Double minMethods;
  private final boolean merge;

  private CoverageWriter(ExtensionContext root, Path directory, Double minMethods, boolean merge) {
    this.root = root;
    this.directory = directory;
    this.minMethods = minMethods;
    this.merge = merge;
  }

  /** Makes sure the run of {@code context} writes the report when it ends. */
  public static void register(ExtensionContext context) {
    if (!CoverageRecorder.global().enabled()) {
      return;
    }
    ExtensionContext root = context.getRoot();
    root.getStore(NAMESPACE)
        .getOrComputeIfAbsent(CoverageWriter.class, k -> of(root), CoverageWriter.class);
  }

  private static CoverageWriter of(ExtensionContext context) {
    Function<String, Optional<String>> setting =
        key ->
            context
                .getConfigurationParameter(key)
                .or(() -> Optional.ofNullable(System.getProperty(key)));
    Path directory = Paths.get(setting.apply(DIR).orElse("target/grpc-contract"));
    Double minMethods = null;
    Optional<String> min = setting.apply(MIN_METHODS);
    if (min.isPresent()) {
      try {
        minMethods = Double.parseDouble(min.get().trim().replace("%", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            MIN_METHODS + " must be a percentage such as 90, but was \"" + min.get() + "\"", e);
      }
    }
    return new CoverageWriter(
        context, directory, minMethods, Boolean.parseBoolean(setting.apply(MERGE).orElse("false")));
  }

  @Override
  public void close() {
    CoverageRecorder recorder = CoverageRecorder.global();
    if (recorder.isEmpty()) {
      return;
    }
    CoverageReport report = recorder.report();
    if (merge) {
      report = mergeWithOtherForks(report);
    }
    report.writeTo(directory);
    publish();
    System.out.println(report.summary() + " Report: " + directory.resolve("coverage.html"));
    if (minMethods != null && report.methodPercent() + 1e-9 < minMethods) {
      throw new AssertionError(
          String.format(
              Locale.ROOT,
              "grpc-contract coverage: %.1f%% of methods called, below %s=%s. Never called: %s."
                  + " Test them, or lower the threshold.",
              report.methodPercent(),
              MIN_METHODS,
              minMethods,
              report.uncalledMethods()));
    }
  }

  /**
   * Attaches the report files to the run with JUnit's reporting API, so that tools collecting a
   * run's files (and the Open Test Reporting XML) have them. Where the launcher has no output
   * directory for such files (EngineTestKit's default), JUnit refuses and the files in the report
   * directory are the report.
   */
  private void publish() {
    for (String name : java.util.List.of("coverage.html", "coverage.json")) {
      Path file = directory.resolve(name);
      org.junit.jupiter.api.MediaType type =
          name.endsWith(".html")
              ? org.junit.jupiter.api.MediaType.create("text", "html")
              : org.junit.jupiter.api.MediaType.APPLICATION_JSON;
      try {
        root.publishFile("grpc-contract-" + name, type, target -> Files.copy(file, target));
      } catch (org.junit.platform.commons.JUnitException e) {
        return; // the launcher writes no output files
      }
    }
  }

  private CoverageReport mergeWithOtherForks(CoverageReport own) {
    Path data = directory.resolve("coverage-data");
    try {
      Files.createDirectories(data);
      String name =
          "jvm-"
              + ManagementFactory.getRuntimeMXBean().getName().replaceAll("[^A-Za-z0-9]", "_")
              + ".json";
      Files.writeString(data.resolve(name), own.toJson());
      List<CoverageReport> all = new ArrayList<>();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(data, "*.json")) {
        for (Path file : files) {
          all.add(CoverageReport.read(file));
        }
      }
      return CoverageReport.merge(all);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot merge coverage data in " + data, e);
    }
  }
}
