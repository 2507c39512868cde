package dev.grpccontract.assertj;

import com.google.protobuf.Message;
import dev.grpccontract.client.GrpcResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;

/**
 * The entry point of the gRPC assertions: one {@code assertThat} per kind of value a contract test
 * checks, and a {@code then} twin of each for BDD-style tests.
 *
 * <p>Import statically next to AssertJ's own {@code Assertions.assertThat}; the overloads here are
 * more specific, so both resolve without casts:
 *
 * <pre>{@code
 * assertThat(client.invoke("hello.HelloService/SayHello", "{\"greeting\": \"Bert\"}"))
 *     .isOk()
 *     .hasMessageJson("{\"reply\": \"hello Bert\"}");
 * }</pre>
 *
 * <p>Every method accepts {@code null}; the returned assertion then fails on its first check.
 */
public final class GrpcAssertions {

  private GrpcAssertions() {}

  /**
   * Creates an assertion on a response of the dynamic client.
   *
   * @param actual the response under test
   * @return a new assertion on {@code actual}
   */
  public static GrpcResponseAssert assertThat(GrpcResponse actual) {
    return new GrpcResponseAssert(actual);
  }

  /**
   * Creates an assertion on a status.
   *
   * @param actual the status under test
   * @return a new assertion on {@code actual}
   */
  public static StatusAssert assertThat(Status actual) {
    return new StatusAssert(actual);
  }

  /**
   * Creates an assertion on the status of an exception a generated blocking stub threw; failure
   * messages also show its trailers.
   *
   * @param actual the exception under test
   * @return a new assertion on the exception's status
   */
  public static StatusAssert assertThat(StatusRuntimeException actual) {
    return new StatusAssert(actual);
  }

  /**
   * Creates an assertion on the status of a checked {@link StatusException}; failure messages also
   * show its trailers.
   *
   * @param actual the exception under test
   * @return a new assertion on the exception's status
   */
  public static StatusAssert assertThat(StatusException actual) {
    return new StatusAssert(actual);
  }

  /**
   * Creates an assertion on a protobuf message, compared by protobuf meaning.
   *
   * @param actual the message under test
   * @return a new assertion on {@code actual}
   */
  public static ProtoMessageAssert assertThat(Message actual) {
    return new ProtoMessageAssert(actual);
  }

  /**
   * Creates an assertion on gRPC metadata (headers or trailers).
   *
   * @param actual the metadata under test
   * @return a new assertion on {@code actual}
   */
  public static MetadataAssert assertThat(Metadata actual) {
    return new MetadataAssert(actual);
  }

  /**
   * Creates an assertion on a response of the dynamic client; the BDD twin of {@link
   * #assertThat(GrpcResponse)}.
   *
   * @param actual the response under test
   * @return a new assertion on {@code actual}
   */
  public static GrpcResponseAssert then(GrpcResponse actual) {
    return assertThat(actual);
  }

  /**
   * Creates an assertion on a status; the BDD twin of {@link #assertThat(Status)}.
   *
   * @param actual the status under test
   * @return a new assertion on {@code actual}
   */
  public static StatusAssert then(Status actual) {
    return assertThat(actual);
  }

  /**
   * Creates an assertion on the status of an exception; the BDD twin of {@link
   * #assertThat(StatusRuntimeException)}.
   *
   * @param actual the exception under test
   * @return a new assertion on the exception's status
   */
  public static StatusAssert then(StatusRuntimeException actual) {
    return assertThat(actual);
  }

  /**
   * Creates an assertion on the status of a checked exception; the BDD twin of {@link
   * #assertThat(StatusException)}.
   *
   * @param actual the exception under test
   * @return a new assertion on the exception's status
   */
  public static StatusAssert then(StatusException actual) {
    return assertThat(actual);
  }

  /**
   * Creates an assertion on a protobuf message; the BDD twin of {@link #assertThat(Message)}.
   *
   * @param actual the message under test
   * @return a new assertion on {@code actual}
   */
  public static ProtoMessageAssert then(Message actual) {
    return assertThat(actual);
  }

  /**
   * Creates an assertion on gRPC metadata; the BDD twin of {@link #assertThat(Metadata)}.
   *
   * @param actual the metadata under test
   * @return a new assertion on {@code actual}
   */
  public static MetadataAssert then(Metadata actual) {
    return assertThat(actual);
  }
}
