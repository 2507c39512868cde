package dev.grpccontract.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grpccontract.client.ClientStream;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.testing.TestServiceImpl;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Client streams opened through the injected client, as a user's test sees them. */
class ClientStreamLifecycleTest {

  static final List<ClientStream> STREAMS = new CopyOnWriteArrayList<>();

  @GrpcTarget(services = TestServiceImpl.class)
  static class LeftOpenClientStreamExample {
    @Test
    void opensAndForgets(GrpcClient client) {
      ClientStream stream = client.openClientStream("grpccontract.test.TestService/Collect");
      stream.send("{\"text\": \"hi\"}");
      STREAMS.add(stream);
    }

    @Test
    void feedsAndTakesTheResponse(GrpcClient client) {
      try (ClientStream stream = client.openClientStream("grpccontract.test.TestService/Collect")) {
        stream.send("{\"text\": \"a\"}").send("{\"text\": \"b\"}");
        assertThat(stream.response().json()).contains("\"text\": \"ab\"");
      }
      assertThat(client.openStreamCount()).isZero();
    }
  }

  @Test
  void clientStreamsLeftOpenAreCancelledWhenTheTestEnds() {
    STREAMS.clear();

    EngineRunner.assertAllSucceeded(EngineRunner.run(LeftOpenClientStreamExample.class), 2);

    assertThat(STREAMS).hasSize(1);
    assertThat(STREAMS.get(0).isFinished()).isTrue();
    assertThat(STREAMS.get(0).response().code()).isEqualTo(Status.Code.CANCELLED);
    assertThat(STREAMS.get(0).response().description()).isEqualTo("closed by the test");
  }
}
