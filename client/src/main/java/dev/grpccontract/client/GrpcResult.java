package dev.grpccontract.client;

import com.google.protobuf.util.JsonFormat;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;

/**
 * What every finished call of the dynamic client has, whatever its kind: the method, the final
 * status, the headers and trailers, the rich error details and the duration. Implemented by {@link
 * GrpcResponse} (unary and client-streaming calls) and {@link StreamResponse} (server and
 * bidirectional streams); code that only looks at the outcome of a call can take either.
 */
public sealed interface GrpcResult permits GrpcResponse, StreamResponse {

  /** Returns the full name of the method that was called, {@code "package.Service/Method"}. */
  String method();

  /** Returns the final status of the call. */
  Status status();

  /** Returns the code of the final status. */
  default Status.Code code() {
    return status().getCode();
  }

  /** Returns the status description, or {@code null} when there is none. */
  default String description() {
    return status().getDescription();
  }

  /** Returns whether the call ended with {@link Status.Code#OK}. */
  default boolean isOk() {
    return status().isOk();
  }

  /** Returns a copy of the headers the server sent (empty when it sent none). */
  Metadata headers();

  /** Returns a copy of the trailers the server sent (empty when it sent none). */
  Metadata trailers();

  /**
   * Returns the rich error model the server attached to a failed call ({@code google.rpc.Status} in
   * the {@code grpc-status-details-bin} trailer), if any.
   */
  Optional<com.google.rpc.Status> errorDetails();

  /** Returns how long the call took, from its start to its final status. */
  Duration duration();

  /** Returns the registry that resolves {@code google.protobuf.Any} types in the messages' JSON. */
  JsonFormat.TypeRegistry typeRegistry();
}
