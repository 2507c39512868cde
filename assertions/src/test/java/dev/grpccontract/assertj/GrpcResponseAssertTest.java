package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static dev.grpccontract.assertj.GrpcAssertions.then;
import static dev.grpccontract.assertj.TestProtos.SAY_HELLO;
import static dev.grpccontract.assertj.TestProtos.failed;
import static dev.grpccontract.assertj.TestProtos.hello;
import static dev.grpccontract.assertj.TestProtos.metadata;
import static dev.grpccontract.assertj.TestProtos.ok;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.grpccontract.client.GrpcResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The response assertion's checks besides status and {@code hasMessageJson}. */
class GrpcResponseAssertTest {

  private static final Metadata.Key<byte[]> TRACE_BIN =
      Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER);

  private static GrpcResponse withMetadata() {
    Metadata headers =
        metadata("content-type", "application/grpc", "x-version", "2", "x-version", "3");
    headers.put(TRACE_BIN, new byte[] {1, 2, 3});
    Metadata trailers = metadata("x-request-id", "42", "set-cookie", "session=abc");
    trailers.put(TRACE_BIN, new byte[] {9});
    return ok(SAY_HELLO, hello("hello Bert"), headers, trailers);
  }

  @Test
  void hasHeaderPassesOnAnyOfTheKeysValuesInAnyCase() {
    assertThat(withMetadata())
        .hasHeader("X-Version", "2")
        .hasHeader("x-version", "3")
        .hasHeader("trace-bin", new byte[] {1, 2, 3});
  }

  @Test
  void hasHeaderFailureShowsTheValuesAndTheHeaders() {
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () -> assertThat(withMetadata()).hasHeader("x-version", "4"));

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessage(
            String.format(
                "%nExpecting headers to have key \"x-version\" with value:%n  \"4\"%n"
                    + "but its values were:%n  \"2\", \"3\"%n"
                    + "headers:%n  content-type: application/grpc%n  trace-bin: AQID%n"
                    + "  x-version: 2%n  x-version: 3%n"
                    + "method: hello.HelloService/SayHello"));
    org.assertj.core.api.Assertions.assertThat(error.getExpected().getValue()).isEqualTo("4");
    org.assertj.core.api.Assertions.assertThat(error.getActual().getValue())
        .isEqualTo("\"2\", \"3\"");
  }

  @Test
  void hasHeaderFailsOnAnAbsentKey() {
    Throwable error = catchThrowable(() -> assertThat(withMetadata()).hasHeader("x-tenant", "a"));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining(
            String.format("with value:%n  \"a\"%nbut the key was absent%nheaders:%n"));
  }

  @Test
  void hasHeaderWithBytesFailureShowsBase64() {
    Throwable error =
        catchThrowable(() -> assertThat(withMetadata()).hasHeader("trace-bin", new byte[] {7}));

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessageStartingWith(
            String.format(
                "%nExpecting headers to have key \"trace-bin\" with value:%n  Bw==%n"
                    + "but its value was:%n  AQID%n"));
  }

  @Test
  void binaryKeyWithTextValueIsAMistakeInTheTest() {
    Throwable error = catchThrowable(() -> assertThat(withMetadata()).hasHeader("trace-bin", "x"));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "\"trace-bin\" is a binary metadata key (it ends with -bin): pass its value as byte[]");
  }

  @Test
  void textKeyWithBytesIsAMistakeInTheTest() {
    Throwable error =
        catchThrowable(
            () ->
                assertThat(withMetadata())
                    .hasTrailer("x-request-id", "42".getBytes(StandardCharsets.US_ASCII)));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("\"x-request-id\" is an ASCII metadata key");
  }

  @Test
  void hasTrailerPasses() {
    assertThat(withMetadata())
        .hasTrailer("x-request-id", "42")
        .hasTrailer("trace-bin", new byte[] {9});
  }

  @Test
  void hasTrailerFailureMasksSecrets() {
    Throwable error =
        catchThrowable(() -> assertThat(withMetadata()).hasTrailer("set-cookie", "session=xyz"));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            String.format(
                "%nExpecting trailers to have key \"set-cookie\" with value:%n  \"session=xyz\"%n"
                    + "but its value was:%n  ***%n"
                    + "trailers:%n  set-cookie: ***%n  trace-bin: CQ==%n  x-request-id: 42%n"
                    + "method: hello.HelloService/SayHello"))
        .hasMessageNotContaining("abc");
    org.assertj.core.api.Assertions.assertThat(
            ((AssertionFailedError) error).getActual().getValue())
        .isEqualTo("***");
  }

  @Test
  void hasTrailerWithBytesFailsOnAnAbsentKey() {
    Throwable error =
        catchThrowable(() -> assertThat(withMetadata()).hasTrailer("other-bin", new byte[] {9}));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("but the key was absent");
  }

  @Test
  void hasMessageSatisfyingRunsTheRequirementsOnTheMessage() {
    assertThat(ok(SAY_HELLO, hello("hello Bert")))
        .hasMessageSatisfying(
            message ->
                org.assertj.core.api.Assertions.assertThat(
                        message.getField(message.getDescriptorForType().findFieldByName("reply")))
                    .isEqualTo("hello Bert"));
  }

  @Test
  void hasMessageSatisfyingPropagatesTheRequirementsFailure() {
    Throwable error =
        catchThrowable(
            () ->
                assertThat(ok(SAY_HELLO, hello("hello Bert")))
                    .hasMessageSatisfying(
                        message ->
                            org.assertj.core.api.Assertions.assertThat(message.getAllFields())
                                .isEmpty()));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting empty");
  }

  @Test
  void hasMessageSatisfyingFailsWithoutAMessage() {
    Throwable error =
        catchThrowable(
            () -> assertThat(failed(Status.INTERNAL)).hasMessageSatisfying(message -> {}));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            String.format(
                "%nExpecting the call to hello.HelloService/SayHello to have a response message but"
                    + " it has none; it ended with:%n  INTERNAL (no description)%ntrailers:%n "
                    + " none"));
  }

  @Test
  void messageNavigatesToAMessageAssertionKeepingTheDescription() {
    GrpcResponse response = ok(SAY_HELLO, hello("hello Bart"));

    assertThat(response).message().isEqualToJson("{\"reply\": \"hello Bart\"}");
    Throwable error =
        catchThrowable(
            () ->
                assertThat(response)
                    .as("greeting Bert")
                    .message()
                    .isEqualToJson("{\"reply\": \"hello Bert\"}"));
    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            String.format(
                "[greeting Bert] %nExpecting response message to be equal by protobuf meaning to:%n"
                    + "  {\"reply\":\"hello Bert\"}%n"
                    + "but 1 field differs:%n"
                    + "  reply: expected \"hello Bert\" but was \"hello Bart\"%n"
                    + "actual response message:%n  {%n    \"reply\": \"hello Bart\"%n  }%n"
                    + "method: hello.HelloService/SayHello"));
  }

  @Test
  void messageFailsWithoutAMessage() {
    Throwable error = catchThrowable(() -> assertThat(failed(Status.NOT_FOUND)).message());

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("to have a response message but it has none");
  }

  @Test
  void trailersNavigatesToAMetadataAssertionKeepingTheDescription() {
    assertThat(withMetadata())
        .trailers()
        .containsKey("x-request-id")
        .hasValue("x-request-id", "42");

    Throwable error =
        catchThrowable(
            () -> assertThat(withMetadata()).as("call 1").trailers().containsKey("x-tenant"));
    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            String.format(
                "[call 1] %nExpecting trailers to contain key:%n  \"x-tenant\"%n"
                    + "but it did not; trailers:%n  set-cookie: ***%n  trace-bin: CQ==%n"
                    + "  x-request-id: 42%n"
                    + "method: hello.HelloService/SayHello"));
  }

  @Test
  void headersNavigatesToAMetadataAssertion() {
    assertThat(withMetadata())
        .headers()
        .containsKey("content-type")
        .doesNotContainKey("x-request-id");

    Throwable error =
        catchThrowable(() -> assertThat(withMetadata()).headers().doesNotContainKey("X-Version"));
    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith(
            String.format(
                "%nExpecting headers not to contain key:%n  \"x-version\"%nbut it did;"
                    + " headers:%n"));
  }

  @Test
  void hasDurationLessThanPassesOnAFasterCall() {
    assertThat(ok(SAY_HELLO, hello("hi"))).hasDurationLessThan(Duration.ofMillis(13));
  }

  @Test
  void hasDurationLessThanFailsOnASlowerOrEqualCall() {
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () ->
                assertThat(ok(SAY_HELLO, hello("hi"))).hasDurationLessThan(Duration.ofMillis(12)));

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessage(
            String.format(
                "%nExpecting the call to hello.HelloService/SayHello to take less than:%n "
                    + " PT0.012S%nbut it took:%n  PT0.012S"));
    org.assertj.core.api.Assertions.assertThat(error.getExpected().getValue())
        .isEqualTo(Duration.ofMillis(12));
  }

  @Test
  void thenIsTheBddTwin() {
    then(ok(SAY_HELLO, hello("hello Bert"))).isOk().hasMessageJson("{\"reply\": \"hello Bert\"}");
  }

  @Test
  void theReadmeExampleReadsAsWritten() {
    assertThat(ok(SAY_HELLO, hello("hello Bert")))
        .hasStatus(Status.Code.OK)
        .hasMessageJson("{\"reply\": \"hello Bert\"}");
    assertThat(failed(Status.INVALID_ARGUMENT.withDescription("greeting must not be empty")))
        .isInvalidArgument()
        .hasDescriptionContaining("greeting");
  }
}
