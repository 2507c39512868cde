package dev.grpccontract.assertj;

import com.google.protobuf.Message;
import dev.grpccontract.assertj.internal.Metadatas;
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
import java.util.Set;

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
   * Creates an assertion on the outcome of a server stream, or of a bidirectional stream once it
   * ended.
   *
   * @param actual the stream response under test
   * @return a new assertion on {@code actual}
   */
  public static StreamResponseAssert assertThat(StreamResponse actual) {
    return new StreamResponseAssert(actual);
  }

  /**
   * Creates an assertion on the answer of the standard health service.
   *
   * @param actual the health check under test
   * @return a new assertion on {@code actual}
   */
  public static HealthCheckAssert assertThat(HealthCheck actual) {
    return new HealthCheckAssert(actual);
  }

  /**
   * Creates an assertion on a schema, for breaking-change checks against an older one.
   *
   * @param actual the schema under test (the new version)
   * @return a new assertion on {@code actual}
   */
  public static ProtoSchemaAssert assertThat(dev.grpccontract.proto.ProtoSchema actual) {
    return new ProtoSchemaAssert(actual);
  }

  /**
   * Creates an assertion on a schema; the BDD twin of {@link
   * #assertThat(dev.grpccontract.proto.ProtoSchema)}.
   *
   * @param actual the schema under test (the new version)
   * @return a new assertion on {@code actual}
   */
  public static ProtoSchemaAssert then(dev.grpccontract.proto.ProtoSchema actual) {
    return assertThat(actual);
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
   * Creates an assertion on a list of protobuf messages whose element checks ({@code
   * containsExactlyInAnyOrder}, {@code contains}, {@code doesNotContain}...) compare by protobuf
   * meaning (see {@link ProtoMessageListAssert}). A name of its own, so that {@code
   * assertThat(list)} stays AssertJ's, typed by the list's element type.
   *
   * @param actual the messages under test
   * @return a new assertion on {@code actual}
   */
  public static ProtoMessageListAssert assertThatMessages(List<? extends Message> actual) {
    return new ProtoMessageListAssert(actual);
  }

  /**
   * Creates an assertion on a map whose values are protobuf messages, compared by protobuf meaning
   * (see {@link ProtoMessageMapAssert}). A name of its own, so that {@code assertThat(map)} stays
   * AssertJ's, typed by the map's value type.
   *
   * @param actual the map under test; read, never copied or changed
   * @param <K> the type of the keys
   * @return a new assertion on {@code actual}
   */
  public static <K> ProtoMessageMapAssert<K> assertThatMessages(Map<K, ? extends Message> actual) {
    return new ProtoMessageMapAssert<K>(
        actual == null ? null : Collections.<K, Message>unmodifiableMap(actual));
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
   * Creates an assertion on a stream response; the BDD twin of {@link #assertThat(StreamResponse)}.
   *
   * @param actual the stream response under test
   * @return a new assertion on {@code actual}
   */
  public static StreamResponseAssert then(StreamResponse actual) {
    return assertThat(actual);
  }

  /**
   * Creates an assertion on a health check; the BDD twin of {@link #assertThat(HealthCheck)}.
   *
   * @param actual the health check under test
   * @return a new assertion on {@code actual}
   */
  public static HealthCheckAssert then(HealthCheck actual) {
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
   * Creates an assertion on a list of protobuf messages; the BDD twin of {@link
   * #assertThatMessages(List)}.
   *
   * @param actual the messages under test
   * @return a new assertion on {@code actual}
   */
  public static ProtoMessageListAssert thenMessages(List<? extends Message> actual) {
    return assertThatMessages(actual);
  }

  /**
   * Creates an assertion on a map whose values are protobuf messages; the BDD twin of {@link
   * #assertThatMessages(Map)}.
   *
   * @param actual the map under test
   * @param <K> the type of the keys
   * @return a new assertion on {@code actual}
   */
  public static <K> ProtoMessageMapAssert<K> thenMessages(Map<K, ? extends Message> actual) {
    return assertThatMessages(actual);
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

  /**
   * Adds metadata keys whose values failure messages must never show (they print as {@code ***}),
   * besides the built-in {@code authorization}, {@code cookie}, {@code set-cookie} and {@code
   * x-api-key}.
   *
   * <p>The set is JVM-wide and only grows: call this once, e.g. in a {@code static} block of a base
   * test class or a JUnit {@code LauncherSessionListener}. It is thread-safe. Keys can also be
   * given without code in the system property {@value Metadatas#MASKED_KEYS_PROPERTY}, a
   * comma-separated list read at each failure. Keys are case-insensitive; binary keys ({@code
   * -bin}) are allowed.
   *
   * @param keys the key names to mask, not {@code null}
   * @throws IllegalArgumentException when a key is blank
   */
  public static void maskMetadataKeys(String... keys) {
    Metadatas.mask(keys);
  }

  /**
   * Returns the metadata keys whose values failure messages mask: the built-in ones, those added
   * with {@link #maskMetadataKeys(String...)} and those of the system property {@value
   * Metadatas#MASKED_KEYS_PROPERTY}, in lower case.
   *
   * @return an immutable snapshot of the masked keys
   */
  public static Set<String> maskedMetadataKeys() {
    return Metadatas.maskedKeys();
  }
}
