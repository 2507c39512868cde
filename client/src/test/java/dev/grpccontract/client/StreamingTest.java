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
    }
  }

  @Test
  void sendAfterTheStreamEndedIsRecordedNotThrown() {
    try (BidiStream stream = client.bidiStream(CHAT)) {
      stream.send("{\"text\": \"fail\"}");
      assertThat(stream.awaitCompletion(Duration.ofSeconds(2)).code())
          .isEqualTo(Status.Code.FAILED_PRECONDITION);

      stream.send("{\"text\": \"late\"}");

      assertThat(stream.unsent())
          .containsExactly("request 1: the call had ended with FAILED_PRECONDITION (told to fail)");
      assertThat(stream.toString()).contains("unsent=1");
    }
  }

  @Test
  void sendOnAStreamWhoseDeadlineHasExpiredIsANoOpAndTheStatusIsDeadlineExceeded() {
    try (BidiStream stream =
        client.bidiStream(CHAT, CallParams.withDeadline(Duration.ofNanos(1)))) {
      stream.send("{\"text\": \"one\"}").send("{\"text\": \"two\"}");

      assertThat(stream.awaitCompletion(Duration.ofSeconds(5)).code())
          .isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(stream.unsent())
          .hasSize(2)
          .allMatch(why -> why.contains("DEADLINE_EXCEEDED"))
          .noneMatch(why -> why.contains("not reading"));
    }
  }

  @Test
  void sendAfterTheDeadlinePassedIsANoOpAndTheStatusIsDeadlineExceeded() {
    try (BidiStream stream =
        client.bidiStream(CHAT, CallParams.withDeadline(Duration.ofMillis(100)))) {
      stream.send("{\"text\": \"one\"}");
      assertThat(stream.awaitCompletion(Duration.ofSeconds(5)).code())
          .isEqualTo(Status.Code.DEADLINE_EXCEEDED);

      stream.send("{\"text\": \"two\"}");

      assertThat(stream.unsent()).singleElement().asString().contains("DEADLINE_EXCEEDED");
    }
  }

  @Test
  void sendAfterHalfCloseIsAMistakeInTheTest() {
    try (BidiStream stream = client.bidiStream(CHAT)) {
      stream.halfClose();

      assertThatThrownBy(() -> stream.send("{}"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "Cannot send on the stream of grpccontract.test.TestService/Chat: halfClose() was"
                  + " already called");
    }
  }

  @Test
  void pollSaysNothingHasArrivedWithoutWaitingOrFailing() {
    try (BidiStream stream = client.bidiStream(CHAT)) {
      assertThat(stream.poll()).isEmpty();

      stream.send("{\"text\": \"one\"}");
      assertThat(text(stream.receive())).isEqualTo("ONE");
      assertThat(stream.poll()).isEmpty();

      stream.send("{\"text\": \"two\"}").halfClose();
      stream.awaitCompletion(Duration.ofSeconds(2));
      assertThat(stream.poll()).map(StreamingTest::text).contains("TWO");
      assertThat(stream.poll()).isEmpty();
    }
  }

  @Test
  void clientStreamHandleSendsMessageByMessage() {
    try (ClientStream stream = client.openClientStream(COLLECT)) {
      stream.send("{\"text\": \"a\"}");
      stream.send(Map.of("text", "b")).send(EchoRequest.newBuilder().setText("c").build());

      GrpcResponse response = stream.response();

      assertThat(response.code()).isEqualTo(Status.Code.OK);
      assertThat(response.as(EchoResponse.class).getText()).isEqualTo("abc");
      assertThat(stream.unsent()).isEmpty();
      assertThat(stream.isFinished()).isTrue();
      assertThat(client.openStreamCount()).isZero();
    }
  }

  @Test
  void clientStreamHandleHalfClosedByTheTestGivesTheResponse() {
    ClientStream stream =
        client.openClientStream(COLLECT, CallParams.withDeadline(Duration.ofSeconds(3)));
    stream.send("{\"text\": \"x\"}").halfClose().halfClose();

    assertThat(stream.response().json()).contains("\"text\": \"x\"");
    assertThatThrownBy(() -> stream.send("{}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("halfClose() was already called");
  }

  @Test
  void clientStreamHandleCancelledBeforeSendingAnythingIsCancelled() {
    ClientStream stream = client.openClientStream(COLLECT);
    assertThat(client.openStreamCount()).isEqualTo(1);

    stream.cancel("nothing to send after all");
    stream.send("{\"text\": \"late\"}");

    GrpcResponse response = stream.response();
    assertThat(response.code()).isEqualTo(Status.Code.CANCELLED);
    assertThat(response.description()).isEqualTo("nothing to send after all");
    assertThat(stream.unsent()).singleElement().asString().contains("CANCELLED");
    assertThat(client.openStreamCount()).isZero();
  }

  @Test
  void clientStreamHandleRejectsABadRequestWithTheFieldPath() {
    try (ClientStream stream = client.openClientStream(COLLECT)) {
      assertThatThrownBy(() -> stream.send("{\"txt\": \"b\"}"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("did you mean 'text'");
    }
  }

  @Test
  void closingTheClientCancelsAnOpenClientStream() {
    GrpcClient scope = client.newScope();
    ClientStream stream = scope.openClientStream(COLLECT);
    stream.send("{\"text\": \"a\"}");

    scope.close();

    assertThat(stream.isFinished()).isTrue();
    assertThat(stream.response().code()).isEqualTo(Status.Code.CANCELLED);
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
    assertThatThrownBy(() -> client.openClientStream(CHAT))
        .hasMessageContaining("is a bidirectional-streaming method; call it with bidiStream(...)");
  }
}
