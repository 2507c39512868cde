package dev.grpccontract.samples.routeguide;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;

import dev.grpccontract.client.BidiStream;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.junit.GrpcTarget;
import dev.grpccontract.junit.ProtoSource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The four call kinds again, with the schema compiled from {@code route_guide.proto} at run time.
 */
@GrpcTarget(services = RouteGuideService.class)
@ProtoSource(files = "route_guide.proto")
class RouteGuideProtoFilesContractTest {

  @Test
  void unary(GrpcClient client) {
    assertThat(
            client.invoke(
                "routeguide.RouteGuide/GetFeature",
                "{\"latitude\": 413628156, \"longitude\": -749015468}"))
        .isOk()
        .message()
        .hasField("name", "Clock Tower");
  }

  @Test
  void serverStream(GrpcClient client) {
    assertThat(
            client.serverStream(
                "routeguide.RouteGuide/ListFeatures",
                "{\"lo\": {\"latitude\": 408000000, \"longitude\": -745000000},"
                    + " \"hi\": {\"latitude\": 409000000, \"longitude\": -743000000}}"))
        .isOk()
        .hasMessageCount(1)
        .messages()
        .first()
        .hasField("name", "Lighthouse");
  }

  @Test
  void clientStream(GrpcClient client) {
    assertThat(client.clientStream("routeguide.RouteGuide/RecordRoute", List.of("{}", "{}")))
        .isOk()
        .hasMessageJson("{\"pointCount\": 2}");
  }

  @Test
  void bidiStream(GrpcClient client) {
    try (BidiStream chat = client.bidiStream("routeguide.RouteGuide/RouteChat")) {
      chat.send("{\"message\": \"only note\"}").halfClose();
      assertThat(chat.awaitCompletion(Duration.ofSeconds(2))).isOk().hasMessageCount(0);
    }
  }
}
