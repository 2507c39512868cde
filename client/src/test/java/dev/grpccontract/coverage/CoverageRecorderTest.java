package dev.grpccontract.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Descriptors.Descriptor;
import dev.grpccontract.client.CallParams;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.proto.compare.ProtoJson;
import dev.grpccontract.testing.InProcessTarget;
import dev.grpccontract.testing.TestServiceGrpc;
import dev.grpccontract.testing.TestServiceImpl;
import io.grpc.ClientInterceptors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a recorder of its own records of calls made through its interceptor. */
class CoverageRecorderTest {

  private static final String ECHO = "grpccontract.test.TestService/Echo";
  private static final String FAIL = "grpccontract.test.TestService/Fail";
  private static final String REPEAT = "grpccontract.test.TestService/Repeat";

  private InProcessTarget target;
  private CoverageRecorder recorder;
  private GrpcClient client;
  private ProtoSchema schema;

  @BeforeEach
  void start() throws Exception {
    target = InProcessTarget.start(new TestServiceImpl());
    recorder = new CoverageRecorder(true);
    schema = ProtoSchema.fromClasses(TestServiceGrpc.class);
    recorder.register(schema);
    client =
        GrpcClient.create(
            ClientInterceptors.intercept(target.channel(), recorder.interceptor()), schema);
  }

  @AfterEach
  void stop() throws Exception {
    target.close();
  }

  @Test
  void countsCallsAndStatusCodesPerMethodAndListsTheUncalled() {
    client.invoke(ECHO, "{\"text\": \"a\"}");
    client.invoke(ECHO, "{\"text\": \"b\"}");
    client.invoke(FAIL, "{\"code\": \"NOT_FOUND\"}");

    CoverageReport report = recorder.report();

    assertThat(report.methodCount()).isEqualTo(6);
    assertThat(report.calledMethodCount()).isEqualTo(2);
    assertThat(report.methodPercent()).isCloseTo(33.3, org.assertj.core.data.Offset.offset(0.1));
    assertThat(report.statusCodes(ECHO)).containsExactly(entry("OK", 2));
    assertThat(report.statusCodes(FAIL)).containsExactly(entry("NOT_FOUND", 1));
    assertThat(report.uncalledMethods())
        .containsExactly(
            "grpccontract.test.TestService/Chat",
            "grpccontract.test.TestService/Collect",
            "grpccontract.test.TestService/Repeat",
            "grpccontract.test.TestService/Slow");
    assertThat(report.summary())
        .startsWith(
            "grpc-contract coverage: 2 of 6 methods called (33%); status codes seen: OK, NOT_FOUND;")
        .contains("Never called: grpccontract.test.TestService/Chat");
  }

  @Test
  void recordsRequestFieldsEnumValuesAndOneofsSet() {
    client.invoke(
        ECHO,
        "{\"text\": \"a\", \"color\": \"RED\", \"items\": [{\"sku\": \"s\"}], \"nested\": {\"item\": {\"quantity\": 2}}}");

    CoverageReport report = recorder.report();

    assertThat(report.requestFieldsSet(ECHO))
        .containsExactlyInAnyOrder(
            "text",
            "color",
            "items[]",
            "items[].sku",
            "nested",
            "nested.item",
            "nested.item.quantity");
    JsonObject color =
        method(report, ECHO)
            .getAsJsonObject("request")
            .getAsJsonObject("enums")
            .getAsJsonObject("color");
    assertThat(color.getAsJsonArray("values").toString())
        .isEqualTo("[\"COLOR_UNSPECIFIED\",\"RED\",\"GREEN\"]");
    assertThat(color.getAsJsonArray("seen").toString()).isEqualTo("[\"RED\"]");
  }

  @Test
  void recordsAssertedResponseFieldsByType() {
    Descriptor response = schema.messageType("grpccontract.test.EchoResponse");
    recorder.asserted(response, "request.items[0].sku");
    recorder.asserted(response, "request.catalog");
    recorder.asserted(response, "notAField");
    recorder.asserted(ProtoJson.parse("{\"text\": \"x\"}", response, "expected"));

    assertThat(recorder.report().responseFieldsAsserted(ECHO))
        .containsExactly("request.catalog[]", "request.items[].sku", "text");
  }

  @Test
  void recordsStreamShapes() {
    client.serverStream(REPEAT, "{\"text\": \"x\", \"times\": 1}");
    client.serverStream(REPEAT, "{\"text\": \"x\", \"times\": 3}");
    client.serverStream(
        REPEAT, "{\"text\": \"x\", \"times\": 1000000}", CallParams.withMaxMessages(2));

    JsonObject streams = method(recorder.report(), REPEAT).getAsJsonObject("streams");

    assertThat(streams.get("minResponses").getAsInt()).isEqualTo(1);
    assertThat(streams.get("maxResponses").getAsInt()).isGreaterThanOrEqualTo(3);
    assertThat(streams.get("cancelled").getAsInt()).isEqualTo(1);
  }

  @Test
  void writesJsonAndSelfContainedHtmlThatReadBackAndMerge(@TempDir Path dir) throws Exception {
    client.invoke(ECHO, "{\"text\": \"a\"}");
    CoverageReport first = recorder.report();
    client.invoke(FAIL, "{\"code\": \"ABORTED\"}");
    client.invoke(ECHO, "{\"times\": 2}");
    CoverageReport second = recorder.report();

    first.writeTo(dir);
    CoverageReport read = CoverageReport.read(dir.resolve("coverage.json"));
    String html = Files.readString(dir.resolve("coverage.html"));
    CoverageReport merged = CoverageReport.merge(List.of(read, second));

    assertThat(read.toJson()).isEqualTo(first.toJson());
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains(
            "<h2>grpccontract.test.TestService</h2>", "<th class=\"code\">UNAUTHENTICATED</th>")
        .doesNotContain("<script", "http://", "https://");
    assertThat(merged.statusCodes(ECHO)).containsExactly(entry("OK", 3));
    assertThat(merged.statusCodes(FAIL)).containsExactly(entry("ABORTED", 1));
    assertThat(merged.requestFieldsSet(ECHO)).containsExactly("text", "times");
  }

  private static JsonObject method(CoverageReport report, String name) {
    for (var service :
        JsonParser.parseString(report.toJson()).getAsJsonObject().getAsJsonArray("services")) {
      for (var method : service.getAsJsonObject().getAsJsonArray("methods")) {
        if (method.getAsJsonObject().get("name").getAsString().equals(name)) {
          return method.getAsJsonObject();
        }
      }
    }
    throw new AssertionError("no method " + name + " in the report");
  }
}
