package dev.grpccontract.assertj;

import com.google.protobuf.Message;
import dev.grpccontract.client.GrpcResponse;
import dev.grpccontract.client.HealthCheck;
import dev.grpccontract.client.StreamResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * The soft versions of every {@link GrpcAssertions} entry point, as default methods, so that any
 * AssertJ soft assertions class can offer them: {@code class MySoftly extends SoftAssertions
 * implements GrpcSoftAssertionsProvider {}} gives AssertJ's checks and these in one object.
 *
 * <p>Failures of the returned assertions are collected instead of thrown, as AssertJ does for its
 * own soft assertions, and so are the failures of the parts they navigate to ({@code headers()},
 * {@code trailers()}, {@code message()}, {@code messages()}, {@code hasErrorDetail(...)}, {@code
 * extractingField(...)}), which keep their descriptions and {@code Any} registries. When a part is
 * not there (no message, no such error detail), that failure is collected and the part's own checks
 * fail too, rather than throwing.
 */
public interface GrpcSoftAssertionsProvider extends SoftAssertionsProvider {

  /**
   * Creates a soft assertion on a response of the dynamic client.
   *
   * @param actual the response under test
   * @return a new soft assertion on {@code actual}
   */
  default GrpcResponseAssert assertThat(GrpcResponse actual) {
    return SoftNavigation.remember(
        proxy(GrpcResponseAssert.class, GrpcResponse.class, actual), this);
  }

  /**
   * Creates a soft assertion on a stream response.
   *
   * @param actual the stream response under test
   * @return a new soft assertion on {@code actual}
   */
  default StreamResponseAssert assertThat(StreamResponse actual) {
    return SoftNavigation.remember(
        proxy(StreamResponseAssert.class, StreamResponse.class, actual), this);
  }

  /**
   * Creates a soft assertion on a health check.
   *
   * @param actual the health check under test
   * @return a new soft assertion on {@code actual}
   */
  default HealthCheckAssert assertThat(HealthCheck actual) {
    return SoftNavigation.remember(proxy(HealthCheckAssert.class, HealthCheck.class, actual), this);
  }

  /**
   * Creates a soft assertion on a status.
   *
   * @param actual the status under test
   * @return a new soft assertion on {@code actual}
   */
  default StatusAssert assertThat(Status actual) {
    return SoftNavigation.remember(proxy(StatusAssert.class, Status.class, actual), this);
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
    return SoftNavigation.remember(
        (StatusAssert) proxy((Class) StatusAssert.class, StatusRuntimeException.class, actual),
        this);
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
    return SoftNavigation.remember(
        (StatusAssert) proxy((Class) StatusAssert.class, StatusException.class, actual), this);
  }

  /**
   * Creates a soft assertion on a protobuf message.
   *
   * @param actual the message under test
   * @return a new soft assertion on {@code actual}
   */
  default ProtoMessageAssert assertThat(Message actual) {
    return SoftNavigation.remember(proxy(ProtoMessageAssert.class, Message.class, actual), this);
  }

  /**
   * Creates a soft assertion on a list of protobuf messages, compared by protobuf meaning.
   *
   * @param actual the messages under test
   * @return a new soft assertion on {@code actual}
   */
  default ProtoMessageListAssert assertThatMessages(List<? extends Message> actual) {
    return SoftNavigation.remember(proxy(ProtoMessageListAssert.class, List.class, actual), this);
  }

  /**
   * Creates a soft assertion on a map whose values are protobuf messages, compared by protobuf
   * meaning.
   *
   * @param actual the map under test
   * @param <K> the type of the keys
   * @return a new soft assertion on {@code actual}
   */
  @SuppressWarnings("unchecked")
  default <K> ProtoMessageMapAssert<K> assertThatMessages(Map<K, ? extends Message> actual) {
    return proxy(
        ProtoMessageMapAssert.class,
        Map.class,
        actual == null ? null : Collections.<K, Message>unmodifiableMap(actual));
  }

  /**
   * Creates a soft assertion on gRPC metadata.
   *
   * @param actual the metadata under test
   * @return a new soft assertion on {@code actual}
   */
  default MetadataAssert assertThat(Metadata actual) {
    return SoftNavigation.remember(proxy(MetadataAssert.class, Metadata.class, actual), this);
  }
}
