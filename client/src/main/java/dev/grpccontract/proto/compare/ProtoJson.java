package dev.grpccontract.proto.compare;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.ErrorDetailsProto;
import dev.grpccontract.client.internal.Json;
import dev.grpccontract.internal.JsonLocator;
import java.util.Base64;
import java.util.Objects;

/**
 * Protobuf JSON for assertions: parses expected JSON into a message type and prints messages.
 *
 * <p>The type registry for {@code google.protobuf.Any} fields holds every message type of the
 * message's own file and its transitive imports, plus the {@code google.rpc} error details ({@code
 * BadRequest}, {@code ErrorInfo}, ...) that rich gRPC errors carry.
 */
public final class ProtoJson {

  private ProtoJson() {}

  /**
   * Returns {@code text} as a JSON string literal, as failure messages and field paths quote it:
   * double quotes, with escapes for quotes, backslashes and control characters; {@code null} for
   * null.
   */
  public static String quote(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }

  /** Returns {@code bytes} in base64, as protobuf JSON prints a {@code bytes} field. */
  public static String base64(ByteString bytes) {
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  /** Returns the registry for messages of {@code type}; see the class comment. */
  public static JsonFormat.TypeRegistry registryFor(Descriptor type) {
    // Building a registry walks the type's files and imports; assertions ask for it on every
    // check, so the registries of recent types are kept.
    synchronized (REGISTRIES) {
      return REGISTRIES.computeIfAbsent(
          type,
          t ->
              JsonFormat.TypeRegistry.newBuilder()
                  .add(t)
                  .add(ErrorDetailsProto.getDescriptor().getMessageTypes())
                  .build());
    }
  }

  /** The registries of the types used last, at most 256 (a registry holds its type). */
  private static final java.util.Map<Descriptor, JsonFormat.TypeRegistry> REGISTRIES =
      new java.util.LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(
            java.util.Map.Entry<Descriptor, JsonFormat.TypeRegistry> eldest) {
          return size() > 256;
        }
      };

  /**
   * Returns the default instance of a generated message class.
   *
   * @throws IllegalArgumentException when {@code type} is not a concrete generated message class
   */
  public static <T extends Message> T defaultInstanceOf(Class<T> type) {
    return Json.defaultInstanceOf(type);
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
   * Prints {@code message} as pretty protobuf JSON resolving {@code Any} fields with {@code
   * registry} first and the default registry ({@link #registryFor}) second; never fails.
   */
  public static String pretty(MessageOrBuilder message, JsonFormat.TypeRegistry registry) {
    if (registry == null || registry == JsonFormat.TypeRegistry.getEmptyTypeRegistry()) {
      return pretty(message);
    }
    try {
      return Json.defaultPrinter().usingTypeRegistry(registry).print(message);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return pretty(message);
    }
  }

  /**
   * Prints {@code message} as single-line JSON, as {@link #pretty(MessageOrBuilder,
   * JsonFormat.TypeRegistry)}.
   */
  public static String compact(MessageOrBuilder message, JsonFormat.TypeRegistry registry) {
    if (registry == null || registry == JsonFormat.TypeRegistry.getEmptyTypeRegistry()) {
      return compact(message);
    }
    try {
      return Json.defaultPrinter()
          .usingTypeRegistry(registry)
          .omittingInsignificantWhitespace()
          .print(message);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return compact(message);
    }
  }

  /**
   * Prints {@code message} as pretty protobuf JSON resolving {@code Any} fields with the protobuf
   * {@code types} first and the default registry ({@link #registryFor}) second; never fails.
   */
  public static String pretty(MessageOrBuilder message, com.google.protobuf.TypeRegistry types) {
    try {
      return Json.defaultPrinter().usingTypeRegistry(types).print(message);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return pretty(message);
    }
  }

  /**
   * Prints {@code message} as single-line JSON, as {@link #pretty(MessageOrBuilder,
   * com.google.protobuf.TypeRegistry)}.
   */
  public static String compact(MessageOrBuilder message, com.google.protobuf.TypeRegistry types) {
    try {
      return Json.defaultPrinter()
          .usingTypeRegistry(types)
          .omittingInsignificantWhitespace()
          .print(message);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return compact(message);
    }
  }

  /**
   * Parses {@code json} as a message of {@code type}, resolving {@code Any} types with the protobuf
   * {@code types} first and with the default registry ({@link #registryFor}) when that fails.
   *
   * @throws IllegalArgumentException as {@link #parse(String, Descriptor, String)}
   */
  public static Message parse(
      String json, Descriptor type, String what, com.google.protobuf.TypeRegistry types) {
    Objects.requireNonNull(json, what);
    try {
      return merge(JsonFormat.parser().usingTypeRegistry(types), json, type);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return parse(json, type, what);
    }
  }

  /**
   * Parses {@code json} as a message of {@code type}, resolving {@code Any} types with {@code
   * registry} first (the schema's registry of a response) and with the default registry ({@link
   * #registryFor}) when that fails.
   *
   * @param registry the preferred registry; {@code null} or empty for the default only
   * @throws IllegalArgumentException as {@link #parse(String, Descriptor, String)}
   */
  public static Message parse(
      String json, Descriptor type, String what, JsonFormat.TypeRegistry registry) {
    Objects.requireNonNull(json, what);
    if (registry != null && registry != JsonFormat.TypeRegistry.getEmptyTypeRegistry()) {
      try {
        return merge(JsonFormat.parser().usingTypeRegistry(registry), json, type);
      } catch (InvalidProtocolBufferException | RuntimeException e) {
        // Fall through: the default registry also knows the google.rpc error details.
      }
    }
    return parse(json, type, what);
  }

  /**
   * Parses {@code json} as a message of {@code type}.
   *
   * @param what names the JSON in the exception message, e.g. {@code "The expected JSON"}
   * @throws IllegalArgumentException when the JSON is malformed or does not fit the type; the
   *     message names the type and the path of the field that does not fit
   */
  public static Message parse(String json, Descriptor type, String what) {
    Objects.requireNonNull(json, what);
    JsonFormat.Parser parser = JsonFormat.parser().usingTypeRegistry(registryFor(type));
    try {
      return merge(parser, json, type);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      String field = locate(parser, json, type).orElse(null);
      throw new IllegalArgumentException(
          what
              + " does not fit "
              + type.getFullName()
              + (field == null ? "" : " at field " + field)
              + ": "
              + causeText(e)
              + ". Fix the JSON in the test: use the message's field names (lowerCamelCase or"
              + " as in the .proto) and values of the fields' types.",
          e);
    }
  }

  private static Message merge(JsonFormat.Parser parser, String json, Descriptor type)
      throws InvalidProtocolBufferException {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    parser.merge(json, builder);
    return builder.build();
  }

  /**
   * Returns the path of the innermost field of {@code json} that does not fit {@code type} ({@code
   * items[1].quantity}, JSON names), or empty when the JSON fits or is not a JSON object. The place
   * is found by the client's locator, {@link JsonLocator}; the path ends at a field, never at a
   * list index or map key of it.
   */
  public static java.util.Optional<String> locateMismatch(String json, Descriptor type) {
    return locate(JsonFormat.parser().usingTypeRegistry(registryFor(type)), json, type);
  }

  private static java.util.Optional<String> locate(
      JsonFormat.Parser parser, String json, Descriptor type) {
    JsonElement tree;
    try {
      tree = JsonParser.parseString(json);
    } catch (JsonParseException | IllegalStateException e) {
      return java.util.Optional.empty();
    }
    if (!tree.isJsonObject()) {
      return java.util.Optional.empty();
    }
    return JsonLocator.locate(parser, DynamicMessage.getDefaultInstance(type), tree)
        .map(ProtoJson::fieldPath)
        .filter(path -> !path.isEmpty());
  }

  /** Formats a mismatch's path with JSON names and quoted string map keys, ending at a field. */
  private static String fieldPath(JsonLocator.Mismatch mismatch) {
    java.util.List<JsonLocator.Step> steps = mismatch.steps();
    int end = steps.size();
    while (end > 0 && !steps.get(end - 1).isField()) {
      end--;
    }
    StringBuilder path = new StringBuilder();
    for (JsonLocator.Step step : steps.subList(0, end)) {
      if (step.isField()) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(step.field() == null ? step.key() : step.field().getJsonName());
      } else if (step.isIndex()) {
        path.append('[').append(step.index()).append(']');
      } else {
        path.append('[')
            .append(step.stringKey() ? quote(step.mapKey()) : step.mapKey())
            .append(']');
      }
    }
    return path.toString();
  }

  private static String causeText(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    Throwable current = e;
    Throwable cause = e.getCause();
    while (cause != null && cause != current) {
      String message = cause.getMessage();
      if (message != null && text.indexOf(message) < 0) {
        text.append(" (").append(message).append(')');
      }
      current = cause;
      cause = cause.getCause();
    }
    return text.toString();
  }
}
