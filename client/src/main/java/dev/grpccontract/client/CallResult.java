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

/** What every finished call has: status, headers, trailers, duration. Shared by the responses. */
final class CallResult {

  private static final Metadata.Key<byte[]> STATUS_DETAILS_KEY =
      Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

  final String method;
  final Status status;
  final Metadata headers;
  final Metadata trailers;
  final Duration duration;
  final JsonFormat.TypeRegistry typeRegistry;

  /**
   * Creates a result.
   *
   * @param owned whether the metadata objects were made for this call alone (the client's own
   *     captures), so they need no defensive copy; accessors copy them either way
   */
  CallResult(
      String method,
      Status status,
      Metadata headers,
      Metadata trailers,
      Duration duration,
      JsonFormat.TypeRegistry typeRegistry,
      boolean owned) {
    this.method = Objects.requireNonNull(method, "method");
    this.status = Objects.requireNonNull(status, "status");
    this.headers = owned && headers != null ? headers : copy(headers);
    this.trailers = owned && trailers != null ? trailers : copy(trailers);
    this.duration = Objects.requireNonNull(duration, "duration");
    this.typeRegistry = Objects.requireNonNull(typeRegistry, "typeRegistry");
  }

  /** Returns a JSON printer that resolves {@code Any} with the call's registry. */
  JsonFormat.Printer printer() {
    return typeRegistry == JsonFormat.TypeRegistry.getEmptyTypeRegistry()
        ? Json.defaultPrinter()
        : JsonFormat.printer().usingTypeRegistry(typeRegistry);
  }

  static Metadata copy(Metadata metadata) {
    Metadata copy = new Metadata();
    if (metadata != null) {
      copy.merge(metadata);
    }
    return copy;
  }

  Optional<com.google.rpc.Status> errorDetails() {
    if (!trailers.containsKey(STATUS_DETAILS_KEY)) {
      return Optional.empty();
    }
    return Optional.ofNullable(StatusProto.fromStatusAndTrailers(status, trailers));
  }

  /** The code and the quoted description, on one line: line breaks are written as escapes. */
  String statusText() {
    String description = status.getDescription();
    return status.getCode()
        + (description == null
            ? ""
            : " \"" + description.replace("\r", "\\r").replace("\n", "\\n") + "\"");
  }

  static DynamicMessage toDynamic(Message raw) {
    if (raw instanceof DynamicMessage) {
      return (DynamicMessage) raw;
    }
    Descriptor type = raw.getDescriptorForType();
    try {
      return DynamicMessage.parseFrom(type, raw.toByteString());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(
          "Cannot copy " + type.getFullName() + ": " + e.getMessage(), e);
    }
  }

  static <T extends Message> T as(String method, Message raw, Class<T> type) {
    Objects.requireNonNull(type, "type");
    if (type.isInstance(raw)) {
      return type.cast(raw);
    }
    Message prototype = Json.defaultInstanceOf(type);
    try {
      return type.cast(prototype.getParserForType().parseFrom(raw.toByteString()));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "A message of "
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
}
