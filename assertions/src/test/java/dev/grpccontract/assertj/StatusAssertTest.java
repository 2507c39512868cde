package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static dev.grpccontract.assertj.GrpcAssertions.then;
import static dev.grpccontract.assertj.TestProtos.metadata;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/** Status checks on {@link Status}, {@link StatusRuntimeException} and {@link StatusException}. */
class StatusAssertTest {

  static final Map<Status.Code, Function<StatusAssert, StatusAssert>> NAMED =
      new EnumMap<>(Status.Code.class);

  static {
    NAMED.put(Status.Code.OK, StatusAssert::isOk);
    NAMED.put(Status.Code.CANCELLED, StatusAssert::isCancelled);
    NAMED.put(Status.Code.UNKNOWN, StatusAssert::isUnknown);
    NAMED.put(Status.Code.INVALID_ARGUMENT, StatusAssert::isInvalidArgument);
    NAMED.put(Status.Code.DEADLINE_EXCEEDED, StatusAssert::isDeadlineExceeded);
    NAMED.put(Status.Code.NOT_FOUND, StatusAssert::isNotFound);
    NAMED.put(Status.Code.ALREADY_EXISTS, StatusAssert::isAlreadyExists);
    NAMED.put(Status.Code.PERMISSION_DENIED, StatusAssert::isPermissionDenied);
    NAMED.put(Status.Code.RESOURCE_EXHAUSTED, StatusAssert::isResourceExhausted);
    NAMED.put(Status.Code.FAILED_PRECONDITION, StatusAssert::isFailedPrecondition);
    NAMED.put(Status.Code.ABORTED, StatusAssert::isAborted);
    NAMED.put(Status.Code.OUT_OF_RANGE, StatusAssert::isOutOfRange);
    NAMED.put(Status.Code.UNIMPLEMENTED, StatusAssert::isUnimplemented);
    NAMED.put(Status.Code.INTERNAL, StatusAssert::isInternal);
    NAMED.put(Status.Code.UNAVAILABLE, StatusAssert::isUnavailable);
    NAMED.put(Status.Code.DATA_LOSS, StatusAssert::isDataLoss);
    NAMED.put(Status.Code.UNAUTHENTICATED, StatusAssert::isUnauthenticated);
  }

  static Stream<Status.Code> codes() {
    return Arrays.stream(Status.Code.values());
  }

  @Test
  void everyStandardCodeHasANamedCheck() {
    org.assertj.core.api.Assertions.assertThat(NAMED.keySet())
        .containsExactlyInAnyOrder(Status.Code.values())
        .hasSize(17);
  }

  @ParameterizedTest
  @MethodSource("codes")
  void namedCheckPassesOnAStatusWithItsCode(Status.Code code) {
    NAMED.get(code).apply(assertThat(code.toStatus()));
  }

  @ParameterizedTest
  @MethodSource("codes")
  void namedCheckPassesOnExceptionsWithItsCode(Status.Code code) {
    NAMED.get(code).apply(assertThat(code.toStatus().asRuntimeException()));
    NAMED.get(code).apply(assertThat(code.toStatus().asException()));
  }

  @ParameterizedTest
  @MethodSource("codes")
  void namedCheckFailsOnAnotherCode(Status.Code code) {
    Status.Code other = code == Status.Code.OK ? Status.Code.INTERNAL : Status.Code.OK;

    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class, () -> NAMED.get(code).apply(assertThat(other.toStatus())));

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessage(
            String.format(
                "%nExpecting gRPC status code:%n  %s%nbut was:%n  %s (no description)",
                code, other));
    org.assertj.core.api.Assertions.assertThat(error.getExpected().getValue()).isEqualTo(code);
    org.assertj.core.api.Assertions.assertThat(error.getActual().getValue()).isEqualTo(other);
  }

  @Test
  void runtimeExceptionChecksAndDescriptionsPass() {
    StatusRuntimeException exception =
        Status.NOT_FOUND.withDescription("order 42 not found").asRuntimeException();

    assertThat(exception)
        .isNotFound()
        .hasStatus(Status.Code.NOT_FOUND)
        .hasDescription("order 42 not found")
        .hasDescriptionContaining("42")
        .hasDescriptionMatching("order \\d+ not found");
  }

  @Test
  void runtimeExceptionFailureShowsItsTrailersMasked() {
    StatusRuntimeException exception =
        Status.UNAUTHENTICATED
            .withDescription("token expired")
            .asRuntimeException(metadata("www-authenticate", "Bearer", "cookie", "id=secret"));

    Throwable error = catchThrowable(() -> assertThat(exception).isOk());

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            String.format(
                "%nExpecting gRPC status code:%n  OK%nbut was:%n  UNAUTHENTICATED \"token"
                    + " expired\"%ntrailers:%n  cookie: ***%n  www-authenticate: Bearer"));
  }

  @Test
  void checkedExceptionFailureShowsNoTrailersWhenItHasNone() {
    StatusException exception = Status.ABORTED.asException();

    Throwable error = catchThrowable(() -> assertThat(exception).isAlreadyExists());

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessage(
            String.format(
                "%nExpecting gRPC status code:%n  ALREADY_EXISTS%nbut was:%n  ABORTED (no"
                    + " description)%ntrailers:%n  none"));
  }

  @Test
  void checkedExceptionDescriptionFailure() {
    StatusException exception = Status.ABORTED.withDescription("conflict").asException();

    Throwable error = catchThrowable(() -> assertThat(exception).hasDescription("retry"));

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessage(
            String.format(
                "%nExpecting gRPC status description:%n  \"retry\"%nbut was:%n  ABORTED"
                    + " \"conflict\"%ntrailers:%n  none"));
  }

  @Test
  void thenIsTheBddTwin() {
    then(Status.DEADLINE_EXCEEDED).isDeadlineExceeded();
    then(Status.DEADLINE_EXCEEDED.asRuntimeException()).isDeadlineExceeded();
    then(Status.DEADLINE_EXCEEDED.asException()).isDeadlineExceeded();
  }

  @Test
  void nullExceptionFailsEveryCheck() {
    Throwable error = catchThrowable(() -> assertThat((StatusRuntimeException) null).isOk());

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }
}
