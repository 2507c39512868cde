package dev.grpccontract.assertj;

import dev.grpccontract.assertj.internal.Details;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Optional;

/**
 * Assertions on an {@link io.grpc.Status}, or on the status of a {@link StatusRuntimeException} or
 * {@link StatusException}, so tests that call generated stubs use the same checks as tests of a
 * {@link dev.grpccontract.client.GrpcResponse}.
 *
 * <p>Create instances with {@link GrpcAssertions#assertThat(Status)} and its overloads. For an
 * exception, failure messages also show the exception's trailers, with secrets masked. The class is
 * not final so that soft assertions can proxy it.
 */
public class StatusAssert extends AbstractStatusAssert<StatusAssert, Status> {

  private static final Metadata.Key<byte[]> STATUS_DETAILS_KEY =
      Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

  private final Metadata trailers;

  /**
   * Creates an assertion on a status.
   *
   * @param actual the status under test; {@code null} fails every check
   */
  public StatusAssert(Status actual) {
    this(actual, (Metadata) null);
  }

  /**
   * Creates an assertion on the status of an exception a generated blocking stub threw.
   *
   * @param actual the exception under test; {@code null} fails every check
   */
  public StatusAssert(StatusRuntimeException actual) {
    this(
        actual == null ? null : actual.getStatus(),
        trailersOf(actual == null ? null : actual.getTrailers()));
  }

  /**
   * Creates an assertion on the status of a checked {@link StatusException}.
   *
   * @param actual the exception under test; {@code null} fails every check
   */
  public StatusAssert(StatusException actual) {
    this(
        actual == null ? null : actual.getStatus(),
        trailersOf(actual == null ? null : actual.getTrailers()));
  }

  private StatusAssert(Status actual, Metadata trailers) {
    super(actual, StatusAssert.class);
    this.trailers = trailers;
  }

  private static Metadata trailersOf(Metadata trailers) {
    // An exception without trailers still has "trailers: none" in failure messages.
    return trailers == null ? new Metadata() : trailers;
  }

  @Override
  Status actualStatus() {
    return actual;
  }

  @Override
  String failureDetails() {
    return Details.trailers(trailers);
  }

  @Override
  Optional<com.google.rpc.Status> actualErrorDetails() {
    if (trailers == null || !trailers.containsKey(STATUS_DETAILS_KEY)) {
      return Optional.empty();
    }
    return Optional.ofNullable(StatusProto.fromStatusAndTrailers(actual, trailers));
  }
}
