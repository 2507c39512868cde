package dev.grpccontract.samples.routeguide;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.grpccontract.client.BidiStream;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.client.StreamResponse;
import dev.grpccontract.junit.GrpcService;
import dev.grpccontract.junit.ProtoSource;
import io.grpc.BindableService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * All four call kinds, with the schema asked from the server through reflection: the test knows
 * nothing of the service but its address (here: in-process) and method names, as it would for a
 * server written in another language.
 */
@ProtoSource(reflection = true)
class RouteGuideReflectionContractTest {

  @GrpcService static final RouteGuideService ROUTE_GUIDE = new RouteGuideService();

  @GrpcService static final BindableService REFLECTION = ProtoReflectionServiceV1.newInstance();

  static final String LIGHTHOUSE = "{\"latitude\": 408122808, \"longitude\": -743999179}";

  @Test
  void discoversTheServiceThroughReflection(GrpcClient client) {
    assertThat(client.services()).contains("routeguide.RouteGuide");
    assertThat(client.describe("routeguide.RouteGuide/ListFeatures"))
        .isEqualTo("rpc ListFeatures(.routeguide.Rectangle) returns (stream .routeguide.Feature);\n");
  }

  @Test
  void unaryFindsAFeature(GrpcClient client) {
    assertThat(client.invoke("routeguide.RouteGuide/GetFeature", LIGHTHOUSE))
        .isOk()
        .hasMessageJson(
            "{\"name\": \"Lighthouse\", \"location\": " + LIGHTHOUSE + "}");
  }

  @Test
  void unaryAnswersNotFoundForAnEmptyPoint(GrpcClient client) {
    assertThat(client.invoke("routeguide.RouteGuide/GetFeature", "{\"latitude\": 1, \"longitude\": 2}"))
        .isNotFound()
        .hasDescription("no feature at 1,2");
  }

  @Test
  void serverStreamListsFeaturesWestToEast(GrpcClient client) {
    StreamResponse response =
        client.serverStream(
            "routeguide.RouteGuide/ListFeatures",
            "{\"lo\": {\"latitude\": 400000000, \"longitude\": -750000000},"
                + " \"hi\": {\"latitude\": 420000000, \"longitude\": -740000000}}");

    assertThat(response.isOk()).isTrue();
    assertThat(response.json())
        .hasSize(3)
        .satisfies(json -> assertThat(json.get(0)).contains("Clock Tower"))
        .satisfies(json -> assertThat(json.get(2)).contains("Lighthouse"));
  }

  @Test
  void serverStreamRejectsAnIncompleteRectangle(GrpcClient client) {
    StreamResponse response = client.serverStream("routeguide.RouteGuide/ListFeatures", "{}");

    assertThat(response.code()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
    assertThat(response.messageCount()).isZero();
  }

  @Test
  void clientStreamSummarisesARoute(GrpcClient client) {
    assertThat(
            client.clientStream(
                "routeguide.RouteGuide/RecordRoute",
                List.of(LIGHTHOUSE, "{\"latitude\": 5, \"longitude\": 5}", LIGHTHOUSE)))
        .isOk()
        .hasMessageJson("{\"pointCount\": 3, \"featureCount\": 2}");
  }

  @Test
  void bidiStreamEchoesEarlierNotesAtTheSamePoint(GrpcClient client) {
    String at = "{\"latitude\": 7, \"longitude\": 7}";
    try (BidiStream chat = client.bidiStream("routeguide.RouteGuide/RouteChat")) {
      chat.send("{\"location\": " + at + ", \"message\": \"first\"}");
      chat.send("{\"location\": " + at + ", \"message\": \"second\"}");
      assertThat(chat.receive(Duration.ofSeconds(2)).toString()).contains("first");
      chat.halfClose();

      StreamResponse done = chat.awaitCompletion(Duration.ofSeconds(2));
      assertThat(done.isOk()).isTrue();
      assertThat(done.messageCount()).isEqualTo(1);
    }
  }
}
