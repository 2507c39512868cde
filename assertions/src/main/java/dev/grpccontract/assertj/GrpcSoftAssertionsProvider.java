package dev.grpccontract.assertj;

import com.google.protobuf.Message;
import dev.grpccontract.client.GrpcResponse;
import dev.grpccontract.client.HealthCheck;
import dev.grpccontract.client.StreamResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * The soft versions of every {@link GrpcAssertions} entry point, as default methods, so that any
 * AssertJ soft assertions class can offer them: {@code class MySoftly extends SoftAssertions
 * implements GrpcSoftAssertionsProvider {}} gives AssertJ's checks and these in one object.
 *
 * <p>Failures of the returned assertions are collected instead of thrown, as AssertJ does for its
 * own soft assertions. Checks on parts reached through navigation methods AssertJ does not know
 * ({@code headers()}, {@code trailers()}, {@code messages()}, {@code hasErrorDetail(...)}, {@code
 * extractingField(...)}) throw at once; start a new soft assertion on the part instead ({@code
 * softly.assertThat(response.trailers())}). {@code message()} and {@code message(int)} are
 * collected.
 */
public interface GrpcSoftAssertionsProvider extends SoftAssertionsProvider {

  /**
   * Creates a soft assertion on a response of the dynamic client.
   *
   * @param actual the response under test
   * @return a new soft assertion on {@code actual}
   */
  default GrpcResponseAssert assertThat(GrpcResponse actual) {
    return proxy(GrpcResponseAssert.class, GrpcResponse.class, actual);
  }

  /**
   * Creates a soft assertion on a stream response.
   *
   * @param actual the stream response under test
   * @return a new soft assertion on {@code actual}
   */
  default StreamResponseAssert assertThat(StreamResponse actual) {
    return proxy(StreamResponseAssert.class, StreamResponse.class, actual);
  }

  /**
   * Creates a soft assertion on a health check.
   *
   * @param actual the health check under test
   * @return a new soft assertion on {@code actual}
   */
  default HealthCheckAssert assertThat(HealthCheck actual) {
    return proxy(HealthCheckAssert.class, HealthCheck.class, actual);
  }

  /**
   * Creates a soft assertion on a status.
   *
   * @param actual the status under test
   * @return a new soft assertion on {@code actual}
   */
  default StatusAssert assertThat(Status actual) {
    return proxy(StatusAssert.class, Status.class, actual);
  }

  /**
   * Creates a soft assertion on the status of an exception; failure messages show its trailers.
   *
   * @param actual the exception under test
   * @return a new soft assertion on the exception's status
   */
  // The proxy's bounds want the assert's actual type (Status); the constructor taking the
  // exception is found through the raw class.
  @SuppressWarnings({"unchecked", "rawtypes"})
  default StatusAssert assertThat(StatusRuntimeException actual) {
    return (StatusAssert) proxy((Class) StatusAssert.class, StatusRuntimeException.class, actual);
  }

  /**
   * Creates a soft assertion on the status of a checked exception; failure messages show its
   * trailers.
   *
   * @param actual the exception under test
   * @return a new soft assertion on the exception's status
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  default StatusAssert assertThat(StatusException actual) {
    return (StatusAssert) proxy((Class) StatusAssert.class, StatusException.class, actual);
  }

  /**
   * Creates a soft assertion on a protobuf message.
   *
   * @param actual the message under test
   * @return a new soft assertion on {@code actual}
   */
  default ProtoMessageAssert assertThat(Message actual) {
    return proxy(ProtoMessageAssert.class, Message.class, actual);
  }

  /**
   * Creates a soft assertion on gRPC metadata.
   *
   * @param actual the metadata under test
   * @return a new soft assertion on {@code actual}
   */
  default MetadataAssert assertThat(Metadata actual) {
    return proxy(MetadataAssert.class, Metadata.class, actual);
  }
}
