package dev.grpccontract.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs the history benchmark for a moment in this JVM: proof for CI that both releases unpack and
 * compile, both variants run and the summary is computed, and that a buf run is timed and its
 * findings counted (with a stand-in for buf that answers as buf does). Its figures mean nothing.
 */
class CompatHistoryBenchmarkSmokeTest {

  private static SchemaHistory history;

  /** Both versions, compiled once for the class. */
  private static synchronized SchemaHistory history() {
    if (history == null) {
      history = SchemaHistory.load(Path.of(System.getProperty(CompilerWorkload.CORPUS_PROPERTY)));
    }
    return history;
  }

  @Test
  void bothVersionsCompileAndEveryVariantRuns() throws RunnerException {
    Properties smoke = new Properties();
    smoke.putAll(System.getProperties());
    smoke.setProperty("bench.forks", "0");
    smoke.setProperty("bench.warmupIterations", "0");
    smoke.setProperty("bench.iterations", "1");
    smoke.setProperty("bench.time", "200ms");

    Collection<RunResult> results = new Runner(CompatHistoryBenchmarkMain.options(smoke)).run();

    assertThat(results).hasSize(2);
    assertThat(results)
        .allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
    SchemaHistory compiled = history();
    assertThat(compiled.before().files() + compiled.after().files())
        .as("about 300 files a version")
        .isGreaterThan(550);
    assertThat(CompatHistoryBenchmarkMain.summary(results, compiled))
        .startsWith("history: " + compiled.before().files() + " files before, ")
        .contains("check (WIRE_JSON), warm: ")
        .doesNotContain("NaN");
  }

  @Test
  void aBufRunIsTimedAndItsFindingsCounted(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path fake = dir.resolve("buf");
    Files.writeString(
        fake,
        "#!/bin/sh\n"
            + "echo '{\"path\":\"a.proto\",\"type\":\"FIELD_NO_DELETE\"}'\n"
            + "echo '{\"path\":\"b.proto\",\"type\":\"FIELD_SAME_TYPE\"}'\n"
            + "exit 100\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));

    CompatHistoryBenchmarkMain.BufRun run = CompatHistoryBenchmarkMain.timeBuf(fake, history(), 3);

    assertThat(run.findings()).isEqualTo(2);
    assertThat(run.medianMillis()).isPositive();
  }

  @Test
  void aBufThatFailsIsReportedWithItsOutput(@TempDir Path dir) throws IOException {
    Path fake = dir.resolve("buf");
    Files.writeString(fake, "#!/bin/sh\necho 'Failure: no such flag'\nexit 1\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));

    assertThatThrownBy(() -> CompatHistoryBenchmarkMain.timeBuf(fake, history(), 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("buf failed with exit code 1:")
        .hasMessageContaining("Failure: no such flag");
  }

  @Test
  void aBufPathThatIsNotExecutableIsNamed(@TempDir Path dir) {
    Properties properties = new Properties();
    properties.setProperty("buf.path", dir.resolve("missing-buf").toString());

    assertThatThrownBy(() -> CompatHistoryBenchmarkMain.findBuf(properties))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("missing-buf is not an executable file");
  }
}
