package dev.grpccontract.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.testing.TestServiceImpl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The coverage report at the end of a run, and its threshold, as a user's build sees them. */
class CoverageReportTest {

  @GrpcTarget(services = TestServiceImpl.class)
  @ProtoSource(importPaths = "src/test/resources/protos", files = "coverage/idle.proto")
  static class IdleExample {
    @Test
    void callsNothing(GrpcClient client) {
      assertThat(client.methods()).contains("coverage.Idle/Ping");
    }
  }

  @Test
  void theRunWritesTheReportAndFailsBelowTheThreshold(@TempDir Path dir) throws Exception {
    EngineExecutionResults results =
        EngineRunner.run(
            Map.of(
                "grpccontract.coverage.dir",
                dir.toString(),
                "grpccontract.coverage.minMethods",
                "100"),
            IdleExample.class);

    results.testEvents().assertStatistics(s -> s.succeeded(1));
    Throwable failure =
        results.containerEvents().failed().stream()
            .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
            .findFirst()
            .orElseThrow(() -> new AssertionError("the run did not fail"));
    assertThat(failure)
        .hasMessageStartingWith("grpc-contract coverage: ")
        .hasMessageContaining("below grpccontract.coverage.minMethods=100.0")
        .hasMessageContaining("coverage.Idle/Ping")
        .hasMessageContaining("coverage.Idle/Watch");
    assertThat(Files.readString(dir.resolve("coverage.json")))
        .contains("\"name\": \"coverage.Idle/Ping\"");
    assertThat(Files.readString(dir.resolve("coverage.html"))).contains("<h2>coverage.Idle</h2>");
  }

  @Test
  void aRunAboveTheThresholdPasses(@TempDir Path dir) {
    EngineExecutionResults results =
        EngineRunner.run(
            Map.of(
                "grpccontract.coverage.dir",
                dir.toString(),
                "grpccontract.coverage.minMethods",
                "0"),
            IdleExample.class);

    results.allEvents().assertStatistics(s -> s.failed(0));
    assertThat(dir.resolve("coverage.html")).exists();
  }

  @Test
  void theReportIsPublishedThroughJUnitsReportingApi(@TempDir Path dir) {
    Path outputs = dir.resolve("outputs");
    EngineExecutionResults results =
        org.junit.platform.testkit.engine.EngineTestKit.engine("junit-jupiter")
            .selectors(
                org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(
                    IdleExample.class))
            .configurationParameter("grpccontract.coverage.dir", dir.resolve("report").toString())
            .outputDirectoryCreator(
                new org.junit.platform.engine.OutputDirectoryCreator() {
                  @Override
                  public Path getRootDirectory() {
                    return outputs;
                  }

                  @Override
                  public Path createOutputDirectory(
                      org.junit.platform.engine.TestDescriptor descriptor)
                      throws java.io.IOException {
                    return Files.createDirectories(
                        outputs.resolve(Integer.toHexString(descriptor.getUniqueId().hashCode())));
                  }
                })
            .execute();

    results.allEvents().assertStatistics(s -> s.failed(0));
    assertThat(
            results.allEvents().stream()
                .filter(
                    e ->
                        e.getType()
                            == org.junit.platform.testkit.engine.EventType.FILE_ENTRY_PUBLISHED)
                .map(e -> e.getRequiredPayload(org.junit.platform.engine.reporting.FileEntry.class))
                .map(entry -> entry.getPath().getFileName().toString()))
        .containsExactlyInAnyOrder("grpc-contract-coverage.html", "grpc-contract-coverage.json");
  }
}
