package dev.grpccontract.samples.hello;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.grpccontract.client.BidiStream;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.client.StreamResponse;
import dev.grpccontract.junit.GrpcTarget;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hello service's three streaming methods, as k6's stream examples call them. */
@GrpcTarget(services = HelloServiceImpl.class)
class HelloStreamingContractTest {

  @Test
  void aLongStreamCanBeCutShort(GrpcClient client) {
    assertThat(
            client.serverStream(
                "hello.HelloService/LotsOfReplies",
                "{\"greeting\": \"Bert\"}",
                dev.grpccontract.client.CallParams.withMaxMessages(2)))
        .isTruncated()
        .hasMessageCount(2);
  }

  @Test
  void lotsOfRepliesSendsThreeGreetings(GrpcClient client) {
    StreamResponse replies =
        client.serverStream("hello.HelloService/LotsOfReplies", "{\"greeting\": \"Bert\"}");

    assertThat(replies)
        .isOk()
        .hasMessagesJson(
            "{\"reply\": \"hello Bert #1\"}",
            "{\"reply\": \"hello Bert #2\"}",
            "{\"reply\": \"hello Bert #3\"}");
    assertThat(replies.as(HelloResponse.class))
        .extracting(HelloResponse::getReply)
        .endsWith("hello Bert #3");
  }

  @Test
  void lotsOfGreetingsGreetsEveryone(GrpcClient client) {
    assertThat(
            client.clientStream(
                "hello.HelloService/LotsOfGreetings",
                Map.of("greeting", "Bert"),
                Map.of("greeting", "Ernie")))
        .isOk()
        .hasMessageJson("{\"reply\": \"hello Bert, Ernie\"}");
  }

  @Test
  void bidiHelloAnswersEachGreeting(GrpcClient client) {
    try (BidiStream stream = client.bidiStream("hello.HelloService/BidiHello")) {
      stream.send("{\"greeting\": \"Bert\"}");
      assertThat(stream.receive(Duration.ofSeconds(2)).toString()).contains("hello Bert");
      stream.send("{\"greeting\": \"Ernie\"}");
      assertThat(stream.receive(Duration.ofSeconds(2)).toString()).contains("hello Ernie");
      stream.halfClose();

      assertThat(stream.awaitCompletion(Duration.ofSeconds(2))).isOk().hasMessageCount(2);
    }
  }
}
