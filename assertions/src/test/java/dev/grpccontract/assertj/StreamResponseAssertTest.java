package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static dev.grpccontract.assertj.GrpcAssertions.then;
import static dev.grpccontract.assertj.TestProtos.hello;
import static dev.grpccontract.assertj.TestProtos.metadata;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Message;
import com.google.rpc.ErrorInfo;
import dev.grpccontract.client.StreamResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The stream response assertion: status, messages in order, truncation, metadata. */
class StreamResponseAssertTest {

  static final String LIST = "hello.HelloService/SayHellos";

  static StreamResponse stream(Status status, boolean truncated, Message... messages) {
    return StreamResponse.of(
        LIST,
        status,
        List.of(messages),
        metadata("x-request-id", "r-1"),
        metadata("x-trace", "t-9"),
        Duration.ofMillis(40),
        truncated);
  }

  static StreamResponse threeHellos() {
    return stream(Status.OK, false, hello("a"), hello("b"), hello("c"));
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertError(
      Throwable error) {
    return org.assertj.core.api.Assertions.assertThat(error);
  }

  @Test
  void statusChecksComeFromTheSharedStatusAssertion() {
    assertThat(threeHellos()).isOk().hasMessageCount(3);
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () ->
                assertThat(stream(Status.NOT_FOUND.withDescription("no such list"), false)).isOk());

    assertError(error)
        .hasMessage(
            String.format(
                "%nExpecting gRPC status code:%n  OK%nbut was:%n  NOT_FOUND \"no such list\"%n"
                    + "method: hello.HelloService/SayHellos%n"
                    + "messages (0):%n  none%n"
                    + "trailers:%n  x-trace: t-9"));
    org.assertj.core.api.Assertions.assertThat(error.getExpected().getValue())
        .isEqualTo(Status.Code.OK);
  }

  @Test
  void anErrorAfterSomeMessagesShowsTheMessages() {
    StreamResponse broken = stream(Status.INTERNAL, false, hello("a"), hello("b"));

    assertThat(broken).isInternal().hasMessageCount(2);
    assertError(catchThrowableOfType(AssertionFailedError.class, () -> assertThat(broken).isOk()))
        .hasMessageContaining(
            String.format(
                "messages (2):%n  [0] {\"reply\":\"a\"}%n  [1] {\"reply\":\"b\"}%ntrailers:"));
  }

  @Test
  void hasMessageCountFailureNamesBothCounts() {
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class, () -> assertThat(threeHellos()).hasMessageCount(2)))
        .hasMessage(
            String.format(
                "%nExpecting the stream of hello.HelloService/SayHellos to have 2 messages but it"
                    + " has 3 messages%n"
                    + "method: hello.HelloService/SayHellos%n"
                    + "messages (3):%n"
                    + "  [0] {\"reply\":\"a\"}%n  [1] {\"reply\":\"b\"}%n  [2] {\"reply\":\"c\"}%n"
                    + "trailers:%n  x-trace: t-9"));
  }

  @Test
  void hasMessagesJsonComparesInOrderByProtobufMeaning() {
    assertThat(threeHellos())
        .hasMessagesJson("{\"reply\": \"a\"}", "{ \"reply\" : \"b\" }", "{\"reply\":\"c\"}");
    assertThat(stream(Status.OK, false)).hasMessagesJson();
  }

  @Test
  void hasMessagesJsonReportsEachDifferenceByIndexAndFieldPath() {
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () ->
                assertThat(threeHellos())
                    .hasMessagesJson("{\"reply\": \"a\"}", "{\"reply\": \"B\"}", "{}"));

    assertError(error)
        .hasMessageStartingWith(
            String.format(
                "%nExpecting the messages of the stream of hello.HelloService/SayHellos to be"
                    + " equal by protobuf meaning to:%n"
                    + "  [0] {\"reply\":\"a\"}%n  [1] {\"reply\":\"B\"}%n  [2] {}%n"
                    + "but 2 fields differ:%n"
                    + "  [1].reply: expected \"B\" but was \"b\"%n"
                    + "  [2].reply: expected \"\" but was \"c\"%n"
                    + "method: hello.HelloService/SayHellos%n"));
    org.assertj.core.api.Assertions.assertThat(error.getExpected().getValue())
        .isEqualTo(
            "[\n  {\n    \"reply\": \"a\"\n  },\n  {\n    \"reply\": \"B\"\n  },\n  {\n  }\n]");
  }

  @Test
  void hasMessagesJsonFailsOnAnotherNumberOfMessages() {
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(threeHellos()).hasMessagesJson("{\"reply\": \"a\"}")))
        .hasMessageStartingWith(
            String.format(
                "%nExpecting the stream of hello.HelloService/SayHellos to have 1 message but it"
                    + " has 3 messages"));
  }

  @Test
  void containsMessageJsonPassesWhenAnyMessageIsEqual() {
    assertThat(threeHellos()).containsMessageJson("{\"reply\": \"b\"}");
  }

  @Test
  void containsMessageJsonFailureListsAllMessages() {
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () -> assertThat(threeHellos()).containsMessageJson("{\"reply\": \"z\"}"));

    assertError(error)
        .hasMessage(
            String.format(
                "%nExpecting the stream of hello.HelloService/SayHellos to contain a message equal"
                    + " by protobuf meaning to:%n  {\"reply\":\"z\"}%n"
                    + "but none of its 3 messages is%n"
                    + "method: hello.HelloService/SayHellos%n"
                    + "messages (3):%n"
                    + "  [0] {\"reply\":\"a\"}%n  [1] {\"reply\":\"b\"}%n  [2] {\"reply\":\"c\"}%n"
                    + "trailers:%n  x-trace: t-9"));
  }

  @Test
  void containsMessageJsonFailsOnAnEmptyStream() {
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () ->
                    assertThat(stream(Status.OK, false)).containsMessageJson("{\"reply\": \"z\"}")))
        .hasMessageContaining("but it has no messages");
  }

  @Test
  void truncationChecks() {
    StreamResponse truncated = stream(Status.CANCELLED, true, hello("a"));
    assertThat(truncated).isTruncated();
    assertThat(threeHellos()).isNotTruncated();

    assertError(
            catchThrowableOfType(
                AssertionFailedError.class, () -> assertThat(truncated).isNotTruncated()))
        .hasMessageStartingWith(
            String.format(
                "%nExpecting the stream of hello.HelloService/SayHellos not to be truncated but the"
                    + " client stopped reading at its message limit, so the server may have had"
                    + " more to send%n"))
        .hasMessageContaining("(truncated: the client stopped reading)");
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class, () -> assertThat(threeHellos()).isTruncated()))
        .hasMessageContaining("to be truncated (the client stopped reading at its message limit)");
  }

  @Test
  void messagesNavigatesToAListOfMessageAssertions() {
    assertThat(threeHellos()).messages().hasSize(3).first().isEqualToJson("{\"reply\": \"a\"}");
    assertThat(threeHellos()).messages().element(2).hasField("reply", "c");
    assertThat(threeHellos()).messages().last().isEqualTo(hello("c"));
    assertThat(threeHellos())
        .messages()
        .filteredOn(m -> !m.equals(hello("a")))
        .first()
        .isEqualToJson("{\"reply\": \"b\"}");
  }

  @Test
  void messageElementFailureKeepsTheDescriptionAndNamesTheStreamMessage() {
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () ->
                assertThat(threeHellos())
                    .as("greetings")
                    .messages()
                    .element(1)
                    .isEqualToJson("{\"reply\": \"x\"}"));

    assertError(error)
        .hasMessageStartingWith("[greetings element at index 1] ")
        .hasMessageContaining(
            String.format(
                "Expecting stream message to be equal by protobuf meaning to:%n"
                    + "  {\"reply\":\"x\"}%n"
                    + "but 1 field differs:%n"
                    + "  reply: expected \"x\" but was \"b\"%n"))
        .hasMessageEndingWith(String.format("method: hello.HelloService/SayHellos"));
  }

  @Test
  void messageAtIndexNavigatesAndFailsOutOfRange() {
    assertThat(threeHellos()).as("greetings").message(1).isEqualToJson("{\"reply\": \"b\"}");

    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(threeHellos()).as("greetings").message(3)))
        .hasMessageStartingWith(
            String.format(
                "[greetings] %nExpecting the stream of hello.HelloService/SayHellos to have a"
                    + " message at index 3 but it has 3 messages%n"));
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(threeHellos()).as("greetings").message(0).isEqualTo(hello("b"))))
        .hasMessageStartingWith(
            String.format(
                "[greetings] %nExpecting stream message [0] to be equal by protobuf meaning to:"));
  }

  @Test
  void headersAndTrailersWorkAsForResponses() {
    assertThat(threeHellos())
        .hasHeader("X-Request-Id", "r-1")
        .hasTrailer("x-trace", "t-9")
        .hasDurationLessThan(Duration.ofSeconds(1));
    assertThat(threeHellos()).headers().containsKey("x-request-id");
    assertThat(threeHellos()).trailers().hasValue("x-trace", "t-9");

    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(threeHellos()).hasTrailer("x-trace", "t-0")))
        .hasMessageContaining("Expecting trailers to have key \"x-trace\" with value:")
        .hasMessageEndingWith("method: hello.HelloService/SayHellos");
  }

  @Test
  void errorDetailsOfAFailedStream() {
    com.google.rpc.Status details =
        com.google.rpc.Status.newBuilder()
            .setCode(Status.Code.RESOURCE_EXHAUSTED.value())
            .setMessage("quota")
            .addDetails(
                com.google.protobuf.Any.pack(
                    ErrorInfo.newBuilder().setReason("QUOTA").setDomain("shop.example").build()))
            .build();
    Metadata trailers = StatusProto.toStatusRuntimeException(details).getTrailers();
    StreamResponse failed =
        StreamResponse.of(
            LIST,
            Status.RESOURCE_EXHAUSTED.withDescription("quota"),
            List.of(hello("a")),
            null,
            trailers,
            Duration.ofMillis(5),
            false);

    assertThat(failed).isResourceExhausted().hasErrorInfo("QUOTA", "shop.example");
    assertThat(failed).hasErrorDetail(ErrorInfo.class).hasField("reason", "QUOTA");
  }

  @Test
  void nullStreamFails() {
    assertError(
            catchThrowableOfType(
                AssertionError.class, () -> assertThat((StreamResponse) null).hasMessageCount(0)))
        .hasMessageContaining("Expecting actual not to be null");
  }

  @Test
  void thenIsTheBddTwin() {
    then(threeHellos()).isOk().containsMessageJson("{\"reply\": \"c\"}");
  }
}
