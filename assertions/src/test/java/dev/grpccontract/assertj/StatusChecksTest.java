package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static dev.grpccontract.assertj.TestProtos.SAY_HELLO;
import static dev.grpccontract.assertj.TestProtos.failed;
import static dev.grpccontract.assertj.TestProtos.hello;
import static dev.grpccontract.assertj.TestProtos.metadata;
import static dev.grpccontract.assertj.TestProtos.ok;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.grpccontract.client.GrpcResponse;
import io.grpc.Status;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/** The status checks of the response assertion: codes, named codes, descriptions. */
class StatusChecksTest {

  /** Each code's named check, as a function from a response assertion to its result. */
  static final Map<Status.Code, Function<GrpcResponseAssert, GrpcResponseAssert>> NAMED =
      new EnumMap<>(Status.Code.class);

  static {
    NAMED.put(Status.Code.OK, GrpcResponseAssert::isOk);
    NAMED.put(Status.Code.CANCELLED, GrpcResponseAssert::isCancelled);
    NAMED.put(Status.Code.UNKNOWN, GrpcResponseAssert::isUnknown);
    NAMED.put(Status.Code.INVALID_ARGUMENT, GrpcResponseAssert::isInvalidArgument);
    NAMED.put(Status.Code.DEADLINE_EXCEEDED, GrpcResponseAssert::isDeadlineExceeded);
    NAMED.put(Status.Code.NOT_FOUND, GrpcResponseAssert::isNotFound);
    NAMED.put(Status.Code.ALREADY_EXISTS, GrpcResponseAssert::isAlreadyExists);
    NAMED.put(Status.Code.PERMISSION_DENIED, GrpcResponseAssert::isPermissionDenied);
    NAMED.put(Status.Code.RESOURCE_EXHAUSTED, GrpcResponseAssert::isResourceExhausted);
    NAMED.put(Status.Code.FAILED_PRECONDITION, GrpcResponseAssert::isFailedPrecondition);
    NAMED.put(Status.Code.ABORTED, GrpcResponseAssert::isAborted);
    NAMED.put(Status.Code.OUT_OF_RANGE, GrpcResponseAssert::isOutOfRange);
    NAMED.put(Status.Code.UNIMPLEMENTED, GrpcResponseAssert::isUnimplemented);
    NAMED.put(Status.Code.INTERNAL, GrpcResponseAssert::isInternal);
    NAMED.put(Status.Code.UNAVAILABLE, GrpcResponseAssert::isUnavailable);
    NAMED.put(Status.Code.DATA_LOSS, GrpcResponseAssert::isDataLoss);
    NAMED.put(Status.Code.UNAUTHENTICATED, GrpcResponseAssert::isUnauthenticated);
  }

  static Stream<Status.Code> codes() {
    return Arrays.stream(Status.Code.values());
  }

  @Test
  void everyStandardCodeHasANamedCheck() {
    org.assertj.core.api.Assertions.assertThat(NAMED.keySet())
        .hasSize(17)
        .containsExactlyInAnyOrder(Status.Code.values());
  }

  @ParameterizedTest
  @MethodSource("codes")
  void namedCheckPassesOnItsCode(Status.Code code) {
    GrpcResponse response =
        code == Status.Code.OK ? ok(SAY_HELLO, hello("hi")) : failed(code.toStatus());

    GrpcResponseAssert assertion = assertThat(response);

    org.assertj.core.api.Assertions.assertThat(NAMED.get(code).apply(assertion))
        .isSameAs(assertion);
  }

  @ParameterizedTest
  @MethodSource("codes")
  void namedCheckFailsOnAnotherCodeNamingBoth(Status.Code code) {
    Status.Code other = code == Status.Code.ABORTED ? Status.Code.DATA_LOSS : Status.Code.ABORTED;
    GrpcResponse response = failed(other.toStatus().withDescription("lost the race"));

    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class, () -> NAMED.get(code).apply(assertThat(response)));

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessage(
            "%nExpecting gRPC status code:%n  %s%nbut was:%n  %s \"lost the race\"%n"
                + "method: %s%nresponse message:%n  no message%ntrailers:%n  none",
            code, other, SAY_HELLO);
    org.assertj.core.api.Assertions.assertThat(error.getExpected().getValue()).isEqualTo(code);
    org.assertj.core.api.Assertions.assertThat(error.getActual().getValue()).isEqualTo(other);
  }

  @Test
  void hasStatusPassesOnTheSameCode() {
    assertThat(failed(Status.NOT_FOUND)).hasStatus(Status.Code.NOT_FOUND);
  }

  @Test
  void hasStatusFailureShowsTheResponseMessageAsJson() {
    Throwable error =
        catchThrowable(() -> assertThat(ok(SAY_HELLO, hello("hello Bert"))).isNotFound());

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            String.format(
                "%nExpecting gRPC status code:%n  NOT_FOUND%nbut was:%n  OK (no description)%n"
                    + "method: hello.HelloService/SayHello%n"
                    + "response message:%n  {%n    \"reply\": \"hello Bert\"%n  }%n"
                    + "trailers:%n  none"));
  }

  @Test
  void hasStatusFailureShowsTrailersWithSecretsMasked() {
    GrpcResponse response =
        failed(
            Status.PERMISSION_DENIED.withDescription("no"),
            metadata("x-request-id", "42", "Authorization", "Bearer s3cret", "x-api-key", "k3y"));

    Throwable error = catchThrowable(() -> assertThat(response).isOk());

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessageEndingWith(
            String.format("trailers:%n  authorization: ***%n  x-api-key: ***%n  x-request-id: 42"))
        .hasMessageNotContaining("s3cret")
        .hasMessageNotContaining("k3y");
  }

  @Test
  void failureStartsWithTheDescriptionGivenWithAs() {
    Throwable error =
        catchThrowable(() -> assertThat(failed(Status.INTERNAL)).as("greeting Bert").isOk());

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessageStartingWith(String.format("[greeting Bert] %nExpecting gRPC status code:"));
  }

  @Test
  void overridingErrorMessageReplacesTheMessage() {
    Throwable error =
        catchThrowable(
            () -> assertThat(failed(Status.INTERNAL)).overridingErrorMessage("boom").isOk());

    org.assertj.core.api.Assertions.assertThat(error).hasMessage("boom");
  }

  @Test
  void checksFailOnANullResponse() {
    Throwable error = catchThrowable(() -> assertThat((GrpcResponse) null).isOk());

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }

  @Test
  void hasDescriptionPassesOnTheExactDescription() {
    assertThat(failed(Status.INVALID_ARGUMENT.withDescription("greeting is empty")))
        .isInvalidArgument()
        .hasDescription("greeting is empty");
  }

  @Test
  void hasDescriptionOfNullPassesWhenThereIsNone() {
    assertThat(failed(Status.INTERNAL)).hasDescription(null);
  }

  @Test
  void hasDescriptionFailureShowsBoth() {
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () ->
                assertThat(failed(Status.INVALID_ARGUMENT.withDescription("greeting is empty")))
                    .hasDescription("greeting is blank"));

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessageStartingWith(
            String.format(
                "%nExpecting gRPC status description:%n  \"greeting is blank\"%n"
                    + "but was:%n  INVALID_ARGUMENT \"greeting is empty\"%n"
                    + "method: hello.HelloService/SayHello%n"));
    org.assertj.core.api.Assertions.assertThat(error.getExpected().getValue())
        .isEqualTo("greeting is blank");
    org.assertj.core.api.Assertions.assertThat(error.getActual().getValue())
        .isEqualTo("greeting is empty");
  }

  @Test
  void hasDescriptionContainingPassesOnAPart() {
    assertThat(failed(Status.INVALID_ARGUMENT.withDescription("field greeting is empty")))
        .hasDescriptionContaining("greeting");
  }

  @Test
  void hasDescriptionContainingFailureShowsTheText() {
    Throwable error =
        catchThrowable(
            () ->
                assertThat(failed(Status.INVALID_ARGUMENT.withDescription("name is empty")))
                    .hasDescriptionContaining("greeting"));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith(
            String.format(
                "%nExpecting gRPC status description to contain:%n  \"greeting\"%n"
                    + "but was:%n  INVALID_ARGUMENT \"name is empty\"%n"));
  }

  @Test
  void hasDescriptionContainingFailsWithoutDescription() {
    Throwable error =
        catchThrowable(() -> assertThat(failed(Status.NOT_FOUND)).hasDescriptionContaining("x"));

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessageContaining(String.format("but was:%n  NOT_FOUND (no description)"));
  }

  @Test
  void hasDescriptionMatchingPassesOnAWholeMatch() {
    assertThat(failed(Status.NOT_FOUND.withDescription("order 42 not found")))
        .hasDescriptionMatching("order \\d+ not found");
  }

  @Test
  void hasDescriptionMatchingFailsOnAPartialMatch() {
    Throwable error =
        catchThrowable(
            () ->
                assertThat(failed(Status.NOT_FOUND.withDescription("order 42 not found")))
                    .hasDescriptionMatching("order \\d+"));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith(
            String.format(
                "%nExpecting gRPC status description to match:%n  \"order \\\\d+\"%n"
                    + "but was:%n  NOT_FOUND \"order 42 not found\"%n"));
  }

  @Test
  void failureShowsTheCauseOfAClientSideStatus() {
    Status status =
        Status.UNAVAILABLE
            .withDescription("io exception")
            .withCause(new java.net.ConnectException("Connection refused"));

    Throwable error = catchThrowable(() -> assertThat(failed(status)).isOk());

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessageContaining(
            "UNAVAILABLE \"io exception\", cause: java.net.ConnectException: Connection refused");
  }
}
