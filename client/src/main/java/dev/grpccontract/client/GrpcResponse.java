package dev.grpccontract.client;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.client.internal.Json;
import dev.grpccontract.proto.compare.FieldPath;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one unary (or client-streaming) gRPC call: its status, the response message when
 * the call succeeded, the headers and trailers the server sent, and how long the call took.
 *
 * <p>A call that ends with a non-OK status is still a response, never an exception: test the error
 * path with {@code assertThat(response).isNotFound()} and friends. Instances are immutable and safe
 * to share between threads.
 */
public final class GrpcResponse implements GrpcResult {

  private final CallResult result;
  private final Message message;
  private volatile DynamicMessage dynamicMessage;

  private GrpcResponse(CallResult result, Message message) {
    this.result = result;
    this.message = message;
  }

  /**
   * Creates a response from its parts, for tests of code that consumes responses and for other
   * clients that want this library's assertions.
   *
   * @param method the full method name, {@code "package.Service/Method"}
   * @param status the final status of the call
   * @param message the response message, or {@code null} when the call carried none
   * @param headers the response headers, or {@code null} for none; copied
   * @param trailers the response trailers, or {@code null} for none; copied
   * @param duration how long the call took
   * @return a new response
   */
  public static GrpcResponse of(
      String method,
      Status status,
      Message message,
      Metadata headers,
      Metadata trailers,
      Duration duration) {
    return of(
        method,
        status,
        message,
        headers,
        trailers,
        duration,
        JsonFormat.TypeRegistry.getEmptyTypeRegistry());
  }

  /**
   * Creates a response whose JSON form resolves {@code google.protobuf.Any} fields with {@code
   * typeRegistry}. See {@link #of(String, Status, Message, Metadata, Metadata, Duration)}.
   */
  public static GrpcResponse of(
      String method,
      Status status,
      Message message,
      Metadata headers,
      Metadata trailers,
      Duration duration,
      JsonFormat.TypeRegistry typeRegistry) {
    return new GrpcResponse(
        new CallResult(method, status, headers, trailers, duration, typeRegistry, false), message);
  }

  /** A response of the client's own call: its metadata objects are its alone, so not copied. */
  static GrpcResponse received(
      String method,
      Status status,
      Message message,
      Metadata headers,
      Metadata trailers,
      Duration duration,
      JsonFormat.TypeRegistry typeRegistry) {
    return new GrpcResponse(
        new CallResult(method, status, headers, trailers, duration, typeRegistry, true), message);
  }

  /** Returns the full name of the method that was called, {@code "package.Service/Method"}. */
  @Override
  public String method() {
    return result.method;
  }

  /** Returns the final status of the call. */
  @Override
  public Status status() {
    return result.status;
  }

  /** Returns whether the call produced a response message (a failed call has none). */
  public boolean hasMessage() {
    return message != null;
  }

  /**
   * Returns the response message as a {@link DynamicMessage} of the method's output type.
   *
   * @throws IllegalStateException when the call produced no message (it failed); the exception
   *     names the status, so check {@link #hasMessage()} or assert the status first
   */
  public DynamicMessage message() {
    Message raw = requireMessage();
    DynamicMessage converted = dynamicMessage;
    if (converted == null) {
      converted = CallResult.toDynamic(raw);
      dynamicMessage = converted;
    }
    return converted;
  }

  /**
   * Returns the response message exactly as it was received: a generated message when the schema
   * came from generated classes, otherwise a {@link DynamicMessage}. Empty when the call failed.
   */
  public Optional<Message> rawMessage() {
    return Optional.ofNullable(message);
  }

  /**
   * Returns the response message as an instance of a generated message class.
   *
   * @param type the generated class of the method's output type (or of any wire-compatible type)
   * @throws IllegalStateException when the call produced no message
   * @throws IllegalArgumentException when {@code type} is not a generated protobuf message class or
   *     the bytes do not parse as it
   */
  public <T extends Message> T as(Class<T> type) {
    return CallResult.as(result.method, requireMessage(), type);
  }

  /**
   * Returns the response message as pretty-printed protobuf JSON: several lines, indented, field
   * names in {@code lowerCamelCase}, default values omitted; the form {@code hasMessageJson}
   * compares with. {@link #toString()} is the compact, one-line form.
   *
   * @throws IllegalStateException when the call produced no message
   */
  public String json() {
    return Json.print(result.printer(), requireMessage());
  }

  /**
   * Returns one field of the response message by path, in the syntax the assertions use: {@code
   * "items[0].sku"}, {@code "catalog[\"a\"].quantity"}, {@code "nested.item"}. A segment is a
   * field's JSON or {@code .proto} name, with an index for a repeated field or a key for a map
   * field ({@code ["env"]} for string keys, {@code [7]} or {@code [true]} for others).
   *
   * @return the value as protobuf's getters give it ({@code String}, {@code Integer}, {@code Long},
   *     {@code Boolean}, {@code Double}, {@code Float}, {@code ByteString}, a {@code Message}), an
   *     enum value as its name, a whole repeated field as a {@code List} and a whole map field as a
   *     {@code Map}; an unset field reads as its default
   * @throws IllegalStateException when the call produced no message
   * @throws IllegalArgumentException when the path is malformed or does not fit the message type
   *     (naming the segment and the closest field names)
   * @throws java.util.NoSuchElementException when the path fits the type but not this message (an
   *     index past the end, an absent map key)
   */
  public Object field(String path) {
    Objects.requireNonNull(path, "path");
    FieldPath.Value value = FieldPath.parse(path).resolve(message());
    if (!value.exists()) {
      throw new java.util.NoSuchElementException(
          "No value at '" + path + "' in the response of " + method() + ": " + value.absence());
    }
    return value.java();
  }

  /** Returns a copy of the headers the server sent (empty when it sent none). */
  @Override
  public Metadata headers() {
    return CallResult.copy(result.headers);
  }

  /** Returns a copy of the trailers the server sent (empty when it sent none). */
  @Override
  public Metadata trailers() {
    return CallResult.copy(result.trailers);
  }

  /**
   * Returns the rich error model the server attached to a failed call ({@code google.rpc.Status} in
   * the {@code grpc-status-details-bin} trailer), if any.
   */
  @Override
  public Optional<com.google.rpc.Status> errorDetails() {
    return result.errorDetails();
  }

  /** Returns how long the call took, from its start to its final status. */
  @Override
  public Duration duration() {
    return result.duration;
  }

  /**
   * Returns the registry that resolves {@code google.protobuf.Any} types in this response's JSON:
   * every message type of the schema the call was made with.
   */
  @Override
  public JsonFormat.TypeRegistry typeRegistry() {
    return result.typeRegistry;
  }

  private Message requireMessage() {
    if (message == null) {
      throw new IllegalStateException(
          "The call to "
              + result.method
              + " has no response message: it ended with "
              + result.status.getCode()
              + (result.status.getDescription() == null
                  ? ""
                  : " (" + result.status.getDescription() + ")")
              + ". Check hasMessage() or assert the status before reading the message.");
    }
    return message;
  }

  /**
   * Returns a one-line summary: method, status code and description, the message as compact JSON
   * (no line breaks; {@link #json()} is the pretty form), and the duration. Line breaks in the
   * description are written as {@code \n}, so the summary stays one line.
   */
  @Override
  public String toString() {
    StringBuilder text =
        new StringBuilder("GrpcResponse{")
            .append(result.method)
            .append(' ')
            .append(result.statusText());
    if (message != null) {
      text.append(", message=").append(Json.printCompact(result.printer(), message));
    }
    return text.append(", duration=").append(result.duration.toMillis()).append("ms}").toString();
  }
}
