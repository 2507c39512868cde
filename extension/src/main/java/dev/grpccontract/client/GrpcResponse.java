package dev.grpccontract.client;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.client.internal.Json;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
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
public final class GrpcResponse {

  private final String method;
  private final Status status;
  private final Message message;
  private final Metadata headers;
  private final Metadata trailers;
  private final Duration duration;
  private final JsonFormat.Printer printer;
  private volatile DynamicMessage dynamicMessage;

  private GrpcResponse(
      String method,
      Status status,
      Message message,
      Metadata headers,
      Metadata trailers,
      Duration duration,
      JsonFormat.Printer printer) {
    this.method = Objects.requireNonNull(method, "method");
    this.status = Objects.requireNonNull(status, "status");
    this.message = message;
    this.headers = copy(headers);
    this.trailers = copy(trailers);
    this.duration = Objects.requireNonNull(duration, "duration");
    this.printer = Objects.requireNonNull(printer, "printer");
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
    return new GrpcResponse(
        method, status, message, headers, trailers, duration, Json.defaultPrinter());
  }

  /**
   * Creates a response whose {@link #json()} prints {@code google.protobuf.Any} fields with the
   * given printer (typically one built with the schema's type registry).
   */
  static GrpcResponse of(
      String method,
      Status status,
      Message message,
      Metadata headers,
      Metadata trailers,
      Duration duration,
      JsonFormat.Printer printer) {
    return new GrpcResponse(method, status, message, headers, trailers, duration, printer);
  }

  private static Metadata copy(Metadata metadata) {
    Metadata copy = new Metadata();
    if (metadata != null) {
      copy.merge(metadata);
    }
    return copy;
  }

  /** Returns the full name of the method that was called, {@code "package.Service/Method"}. */
  public String method() {
    return method;
  }

  /** Returns the final status of the call. */
  public Status status() {
    return status;
  }

  /** Returns the code of the final status; a shortcut for {@code status().getCode()}. */
  public Status.Code code() {
    return status.getCode();
  }

  /** Returns the status description, or {@code null} when the server gave none. */
  public String description() {
    return status.getDescription();
  }

  /** Returns whether the call ended with {@link Status.Code#OK}. */
  public boolean isOk() {
    return status.isOk();
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
    if (raw instanceof DynamicMessage) {
      return (DynamicMessage) raw;
    }
    DynamicMessage converted = dynamicMessage;
    if (converted == null) {
      converted = toDynamic(raw);
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
    Objects.requireNonNull(type, "type");
    Message raw = requireMessage();
    if (type.isInstance(raw)) {
      return type.cast(raw);
    }
    Message prototype = Json.defaultInstanceOf(type);
    try {
      return type.cast(prototype.getParserForType().parseFrom(raw.toByteString()));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "The response of "
              + method
              + " ("
              + raw.getDescriptorForType().getFullName()
              + ") does not parse as "
              + type.getName()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Returns the response message as canonical protobuf JSON (proto field names as
   * {@code lowerCamelCase}, default values omitted), the form {@code hasMessageJson} compares with.
   *
   * @throws IllegalStateException when the call produced no message
   */
  public String json() {
    return Json.print(printer, requireMessage());
  }

  /** Returns a copy of the headers the server sent (empty when it sent none). */
  public Metadata headers() {
    return copy(headers);
  }

  /** Returns a copy of the trailers the server sent (empty when it sent none). */
  public Metadata trailers() {
    return copy(trailers);
  }

  /**
   * Returns the rich error model the server attached to a failed call ({@code google.rpc.Status}
   * in the {@code grpc-status-details-bin} trailer), if any.
   */
  public Optional<com.google.rpc.Status> errorDetails() {
    return Optional.ofNullable(StatusProto.fromStatusAndTrailers(status, trailers))
        .filter(details -> trailers.containsKey(STATUS_DETAILS_KEY));
  }

  /** Returns how long the call took, from its start to its final status. */
  public Duration duration() {
    return duration;
  }

  private Message requireMessage() {
    if (message == null) {
      throw new IllegalStateException(
          "The call to "
              + method
              + " has no response message: it ended with "
              + status.getCode()
              + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")")
              + ". Check hasMessage() or assert the status before reading the message.");
    }
    return message;
  }

  private static DynamicMessage toDynamic(Message raw) {
    Descriptor type = raw.getDescriptorForType();
    try {
      return DynamicMessage.parseFrom(type, raw.toByteString());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("Cannot copy " + type.getFullName() + ": " + e.getMessage(), e);
    }
  }

  private static final Metadata.Key<byte[]> STATUS_DETAILS_KEY =
      Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

  /** Returns a one-line summary: method, status code and description, and the message as JSON. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("GrpcResponse{").append(method).append(' ');
    text.append(status.getCode());
    if (status.getDescription() != null) {
      text.append(" \"").append(status.getDescription()).append('"');
    }
    if (message != null) {
      text.append(", message=").append(Json.printCompact(printer, message));
    }
    return text.append(", duration=").append(duration.toMillis()).append("ms}").toString();
  }
}
