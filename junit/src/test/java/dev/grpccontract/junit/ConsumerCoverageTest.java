package dev.grpccontract.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grpccontract.contract.ContractWriter;
import dev.grpccontract.contract.Interaction;
import dev.grpccontract.coverage.CoverageReport;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.testing.EchoRequest;
import dev.grpccontract.testing.EchoResponse;
import dev.grpccontract.testing.Item;
import dev.grpccontract.testing.TestServiceGrpc;
import dev.grpccontract.testing.TestServiceImpl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A provider verifying its consumers' contract files gets a coverage report that says which
 * consumer relies on which method and fields.
 */
class ConsumerCoverageTest {

  static final String FOLDER = "target/consumer-coverage-test";
  static final String ECHO = "grpccontract.test.TestService/Echo";

  @GrpcTarget(services = TestServiceImpl.class)
  @GrpcContracts(FOLDER)
  static class ProviderExample {
    @ContractTest
    void verify(Interaction interaction) {}
  }

  @Test
  void theReportNamesEachConsumerWithTheFieldsItReliesOn(@TempDir Path dir) throws Exception {
    ProtoSchema schema = ProtoSchema.fromClasses(TestServiceGrpc.class);
    Path folder = Paths.get(FOLDER);
    Files.createDirectories(folder);
    try (var old = Files.list(folder)) {
      for (Path file : old.toList()) {
        Files.delete(file); // files of an earlier run
      }
    }
    EchoRequest web = EchoRequest.newBuilder().setText("ab").build();
    Files.writeString(
        folder.resolve("cov_web-echo.grpc.yaml"),
        ContractWriter.write(
            "cov_web",
            "echo",
            List.of(
                ContractWriter.call("web echoes", schema.method(ECHO))
                    .request(web)
                    .response(EchoResponse.newBuilder().setText("ab").setRequest(web).build()))));
    EchoRequest mobile =
        EchoRequest.newBuilder().setText("m").addItems(Item.newBuilder().setSku("B-7")).build();
    Files.writeString(
        folder.resolve("cov_mobile-echo.grpc.yaml"),
        ContractWriter.write(
            "cov_mobile",
            "echo",
            List.of(
                ContractWriter.call("mobile echoes", schema.method(ECHO))
                    .request(mobile)
                    .response(EchoResponse.newBuilder().setText("m").setRequest(mobile).build()))));

    EngineExecutionResults results =
        EngineRunner.run(
            Map.of("grpccontract.coverage.dir", dir.toString()), ProviderExample.class);

    EngineRunner.assertAllSucceeded(results, 2);
    CoverageReport report = CoverageReport.read(dir.resolve("coverage.json"));
    Map<String, Set<String>> consumers = report.consumers(ECHO);
    // the recorder is the JVM's: other tests' consumers may show too
    assertThat(consumers).containsKeys("cov_mobile", "cov_web");
    assertThat(consumers.get("cov_web"))
        .containsExactly(
            "request.text", "response.request", "response.request.text", "response.text");
    assertThat(consumers.get("cov_mobile"))
        .contains("request.items[]", "request.items[].sku", "response.request.items[].sku")
        .doesNotContain("request.times");
    assertThat(report.consumers("grpccontract.test.TestService/Repeat"))
        .doesNotContainKeys("cov_mobile", "cov_web");
    String html = Files.readString(dir.resolve("coverage.html"));
    assertThat(html)
        .contains("<h2>Consumers</h2>")
        .contains(
            "<tr><td>cov_web</td><td class=\"name\">grpccontract.test.TestService/Echo</td><td>text</td>");
  }

  @Test
  void mergingReportsOfSeveralForksUnitesTheConsumersFields(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    Files.writeString(a, report("web", "[\"text\"]"));
    Files.writeString(b, report("web", "[\"times\"]"));

    CoverageReport merged =
        CoverageReport.merge(List.of(CoverageReport.read(a), CoverageReport.read(b)));

    assertThat(merged.consumers(ECHO).get("web")).containsExactly("request.text", "request.times");
  }

  private static String report(String consumer, String requestFields) {
    return "{\"services\": [{\"name\": \"grpccontract.test.TestService\", \"methods\": [{"
        + "\"name\": \""
        + ECHO
        + "\", \"kind\": \"unary\", \"calls\": 1, \"statusCodes\": {\"OK\": 1},"
        + " \"request\": {\"type\": \"grpccontract.test.EchoRequest\", \"fields\": [], \"seen\": [],"
        + " \"enums\": {}, \"oneofs\": {}},"
        + " \"response\": {\"type\": \"grpccontract.test.EchoResponse\", \"fields\": [], \"seen\": [],"
        + " \"asserted\": [], \"enums\": {}, \"oneofs\": {}},"
        + " \"consumers\": {\""
        + consumer
        + "\": {\"request\": "
        + requestFields
        + ", \"response\": []}}}]}]}";
  }
}
