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
        .isEqualTo(
            "rpc ListFeatures(.routeguide.Rectangle) returns (stream .routeguide.Feature);\n");
  }

  @Test
  void unaryFindsAFeature(GrpcClient client) {
    assertThat(client.invoke("routeguide.RouteGuide/GetFeature", LIGHTHOUSE))
        .isOk()
        .hasMessageJson("{\"name\": \"Lighthouse\", \"location\": " + LIGHTHOUSE + "}");
  }

  @Test
  void unaryAnswersNotFoundForAnEmptyPoint(GrpcClient client) {
    assertThat(
            client.invoke(
                "routeguide.RouteGuide/GetFeature", "{\"latitude\": 1, \"longitude\": 2}"))
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

    assertThat(response)
        .isOk()
        .hasMessageCount(3)
        .containsMessageJson(
            "{\"name\": \"Old Mill\", \"location\": {\"latitude\": 407838351, \"longitude\": -746143763}}");
    assertThat(response).message(0).hasField("name", "Clock Tower");
    assertThat(response).message(2).hasField("location.latitude", 408122808);
  }

  @Test
  void serverStreamRejectsAnIncompleteRectangle(GrpcClient client) {
    assertThat(client.serverStream("routeguide.RouteGuide/ListFeatures", "{}"))
        .isInvalidArgument()
        .hasDescription("a rectangle needs lo and hi")
        .hasMessageCount(0);
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

      assertThat(chat.awaitCompletion(Duration.ofSeconds(2)))
          .isOk()
          .hasMessagesJson("{\"location\": " + at + ", \"message\": \"first\"}");
    }
  }
}
