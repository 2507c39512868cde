package dev.grpccontract.assertj.internal;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.client.internal.Json;
import java.util.Objects;

/**
 * Protobuf JSON for assertions: parses expected JSON into a message type and prints messages, with
 * a type registry built from the type's own file and its imports so {@code google.protobuf.Any}
 * fields of those types print and parse.
 */
public final class ProtoJson {

  private ProtoJson() {}

  /** Returns a registry of every message type in {@code type}'s file and its transitive imports. */
  public static JsonFormat.TypeRegistry registryFor(Descriptor type) {
    return JsonFormat.TypeRegistry.newBuilder().add(type).build();
  }

  /** Prints {@code message} as pretty protobuf JSON, never failing. */
  public static String pretty(MessageOrBuilder message) {
    return Json.print(printerFor(message.getDescriptorForType()), message);
  }

  /** Prints {@code message} as single-line protobuf JSON, never failing. */
  public static String compact(MessageOrBuilder message) {
    return Json.printCompact(printerFor(message.getDescriptorForType()), message);
  }

  private static JsonFormat.Printer printerFor(Descriptor type) {
    return Json.defaultPrinter().usingTypeRegistry(registryFor(type));
  }

  /**
   * Parses {@code json} as a message of {@code type}.
   *
   * @param what names the JSON in the exception message, e.g. {@code "the expected JSON"}
   * @throws IllegalArgumentException when the JSON is malformed or does not fit the type; the
   *     message names the type and, where protobuf reports it, the field
   */
  public static Message parse(String json, Descriptor type, String what) {
    Objects.requireNonNull(json, what);
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    try {
      JsonFormat.parser().usingTypeRegistry(registryFor(type)).merge(json, builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new IllegalArgumentException(
          what
              + " does not fit "
              + type.getFullName()
              + ": "
              + causeText(e)
              + ". Fix the JSON in the test: use the message's field names (lowerCamelCase or"
              + " as in the .proto) and values of the fields' types.",
          e);
    }
    return builder.build();
  }

  private static String causeText(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    Throwable cause = e.getCause();
    while (cause != null && cause != e) {
      String message = cause.getMessage();
      if (message != null && text.indexOf(message) < 0) {
        text.append(" (").append(message).append(')');
      }
      e = cause;
      cause = cause.getCause();
    }
    return text.toString();
  }
}
