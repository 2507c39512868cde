package dev.grpccontract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.DynamicMessage;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.testing.EchoRequest;
import dev.grpccontract.testing.EchoResponse;
import dev.grpccontract.testing.InProcessTarget;
import dev.grpccontract.testing.TestServiceImpl;
import io.grpc.Status;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamingTest {

  static final String REPEAT = "grpccontract.test.TestService/Repeat";
  static final String COLLECT = "grpccontract.test.TestService/Collect";
  static final String CHAT = "grpccontract.test.TestService/Chat";

  InProcessTarget target;
  GrpcClient client;

  @BeforeEach
  void start() throws Exception {
    target = InProcessTarget.start(new TestServiceImpl());
    client =
        GrpcClient.create(
            target.channel(),
            ProtoSchema.fromDescriptorSet(
                Paths.get("target/test-classes/protosets/testing.protoset")));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    target.close();
  }

  static String text(DynamicMessage message) {
    return (String) message.getField(message.getDescriptorForType().findFieldByName("text"));
  }

  @Test
  void serverStreamReadsEveryMessageInOrder() {
    StreamResponse response = client.serverStream(REPEAT, "{\"text\": \"m\", \"times\": 3}");

    assertThat(response.code()).isEqualTo(Status.Code.OK);
    assertThat(response.messageCount()).isEqualTo(3);
    assertThat(response.messages())
        .extracting(StreamingTest::text)
        .containsExactly("m0", "m1", "m2");
    assertThat(response.json()).hasSize(3).first().asString().contains("\"text\": \"m0\"");
    assertThat(response.as(EchoResponse.class).get(2).getText()).isEqualTo("m2");
    assertThat(response.truncated()).isFalse();
    assertThat(response.toString()).contains("OK", "3 messages");
  }

  @Test
  void serverStreamThatFailsKeepsTheMessagesBeforeTheError() {
    StreamResponse response = client.serverStream(REPEAT, Map.of("text", "e", "times", -2));

    assertThat(response.code()).isEqualTo(Status.Code.ABORTED);
    assertThat(response.description()).isEqualTo("gave up after 2");
    assertThat(response.messages()).extracting(StreamingTest::text).containsExactly("e0", "e1");
  }

  @Test
  void maxMessagesCancelsTheStreamAfterTheLimit() {
    StreamResponse response =
        client.serverStream(
            REPEAT, "{\"text\": \"n\", \"times\": 1000000}", CallParams.withMaxMessages(4));

    assertThat(response.messageCount()).isEqualTo(4);
    assertThat(response.truncated()).isTrue();
    assertThat(response.code()).isEqualTo(Status.Code.CANCELLED);
    assertThat(response.description()).contains("read the 4 messages CallParams allowed");
  }

  @Test
  void maxMessagesBelowAShortStreamEndsTheCallToo() {
    StreamResponse response =
        client.serverStream(
            REPEAT, "{\"text\": \"s\", \"times\": 3}", CallParams.withMaxMessages(2));

    assertThat(response.messageCount()).isEqualTo(2);
    assertThat(response.truncated()).isTrue();
  }

  @Test
  void maxMessagesAboveTheStreamLengthReadsItAll() {
    StreamResponse response =
        client.serverStream(
            REPEAT, "{\"text\": \"s\", \"times\": 3}", CallParams.withMaxMessages(3));

    assertThat(response.messageCount()).isEqualTo(3);
    assertThat(response.code()).isIn(Status.Code.OK, Status.Code.CANCELLED);
  }

  @Test
  void messageIndexOutOfRangeSaysHowManyThereAre() {
    StreamResponse response = client.serverStream(REPEAT, "{\"times\": 2}");

    assertThatThrownBy(() -> response.message(5))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("has 2 messages, no message 5");
  }

  @Test
  void clientStreamSendsEveryRequestKind() {
    GrpcResponse response =
        client.clientStream(
            COLLECT,
            "{\"text\": \"a\"}",
            Map.of("text", "b"),
            EchoRequest.newBuilder().setText("c"));

    assertThat(response.code()).isEqualTo(Status.Code.OK);
    assertThat(response.as(EchoResponse.class).getText()).isEqualTo("abc");
    assertThat(
            client.clientStream(COLLECT, List.of("{\"text\": \"x\"}", "{\"text\": \"y\"}")).json())
        .contains("xy");
    assertThat(client.clientStream(COLLECT, Stream.of("{\"text\": \"z\"}")).json()).contains("z");
  }

  @Test
  void clientStreamNamesTheBadRequestBeforeSendingAnything() {
    assertThatThrownBy(() -> client.clientStream(COLLECT, "{\"text\": \"a\"}", "{\"txt\": \"b\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Request 1: ")
        .hasMessageContaining("did you mean 'text'");
  }

  @Test
  void bidiStreamSendsAndReceivesInTurn() {
    try (BidiStream stream = client.bidiStream(CHAT)) {
      stream.send("{\"text\": \"one\"}");
      assertThat(text(stream.receive())).isEqualTo("ONE");
      stream.send(Map.of("text", "two")).send("{\"text\": \"three\"}");
      assertThat(text(stream.receive(Duration.ofSeconds(2)))).isEqualTo("TWO");
      stream.halfClose();
      assertThat(stream.receiveAll()).extracting(StreamingTest::text).containsExactly("THREE");

      StreamResponse done = stream.awaitCompletion(Duration.ofSeconds(2));
      assertThat(done.code()).isEqualTo(Status.Code.OK);
      assertThat(done.messages())
          .extracting(StreamingTest::text)
          .containsExactly("ONE", "TWO", "THREE");
      assertThat(stream.isFinished()).isTrue();
    }
  }

  @Test
  void receiveTimesOutWithAClearMessage() {
    try (BidiStream stream = client.bidiStream(CHAT)) {
      Throwable timeout = catchThrowable(() -> stream.receive(Duration.ofMillis(100)));

      assertThat(timeout)
          .isInstanceOf(AssertionError.class)
          .hasMessage(
              "No message from grpccontract.test.TestService/Chat within PT0.1S (0 received so far;"
                  + " the stream is still open)");
    }
  }

  @Test
  void receiveOnAnEndedStreamNamesTheStatus() {
    try (BidiStream stream = client.bidiStream(CHAT)) {
      stream.send("{\"text\": \"fail\"}");
      StreamResponse done = stream.awaitCompletion(Duration.ofSeconds(2));
      assertThat(done.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);

      assertThatThrownBy(stream::receive)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "The stream of grpccontract.test.TestService/Chat ended with FAILED_PRECONDITION"
                  + " (told to fail) after 0 messages; there is nothing more to receive");
      assertThatThrownBy(() -> stream.send("{}"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("it ended with FAILED_PRECONDITION");
    }
  }

  @Test
  void awaitCompletionOfAStreamThatDoesNotEndSaysWhy() {
    try (BidiStream stream = client.bidiStream(CHAT)) {
      assertThatThrownBy(() -> stream.awaitCompletion(Duration.ofMillis(100)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("did not end within PT0.1S")
          .hasMessageContaining("the client has not called halfClose()");
    }
  }

  @Test
  void cancelEndsTheStreamWithCancelled() {
    BidiStream stream = client.bidiStream(CHAT);
    stream.cancel("test is done");

    assertThat(stream.awaitCompletion(Duration.ofSeconds(2)).code())
        .isEqualTo(Status.Code.CANCELLED);
  }

  @Test
  void closingTheClientCancelsItsOpenStreamsOnly() {
    GrpcClient scope = client.newScope();
    BidiStream left = scope.bidiStream(CHAT);
    BidiStream other = client.bidiStream(CHAT);
    assertThat(scope.openStreamCount()).isEqualTo(1);

    scope.close();

    assertThat(left.awaitCompletion(Duration.ofSeconds(2)).code()).isEqualTo(Status.Code.CANCELLED);
    assertThat(other.isFinished()).isFalse();
    other.close();
  }

  @Test
  void eachKindOfMethodNamesTheRightCall() {
    assertThatThrownBy(() -> client.invoke(CHAT, "{}"))
        .hasMessage(
            "grpccontract.test.TestService/Chat is a bidirectional-streaming method; call it with"
                + " bidiStream(...), not invoke(...) or invokeAsync(...)");
    assertThatThrownBy(() -> client.serverStream("grpccontract.test.TestService/Echo", "{}"))
        .hasMessageContaining(
            "is a unary method; call it with invoke(...) or invokeAsync(...), not serverStream(...)");
    assertThatThrownBy(() -> client.clientStream(REPEAT, "{}"))
        .hasMessageContaining("is a server-streaming method; call it with serverStream(...)");
    assertThatThrownBy(() -> client.bidiStream(COLLECT))
        .hasMessageContaining("is a client-streaming method; call it with clientStream(...)");
  }
}
