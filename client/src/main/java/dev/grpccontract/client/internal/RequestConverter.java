package dev.grpccontract.client.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.ProtocolMessageEnum;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.internal.JsonLocator;
import dev.grpccontract.internal.Names;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what a test passes as a request (JSON text, a {@link Map}, or a {@link Message}) into a
 * message of a method's input type. Parsing is {@link JsonFormat}'s; when it fails, the JSON is
 * narrowed down field by field with the same parser to name the path of the first bad value.
 */
public final class RequestConverter {

  private final JsonFormat.Parser parser;
  private final JsonFormat.Printer printer;

  /** Creates a converter whose JSON parser resolves {@code Any} types with {@code registry}. */
  public RequestConverter(JsonFormat.TypeRegistry registry) {
    this.parser = JsonFormat.parser().usingTypeRegistry(registry);
    this.printer = JsonFormat.printer().usingTypeRegistry(registry);
  }

  /**
   * Converts {@code request} into a message of {@code prototype}'s type (and Java class).
   *
   * @param method the full method name, for error messages
   * @throws IllegalArgumentException naming the cause and the field path when the request does not
   *     fit the type
   */
  public Message toMessage(String method, Message prototype, Object request) {
    return convert("The request for " + method, prototype, request);
  }

  /**
   * Converts {@code value} into a message of {@code prototype}'s type, with error messages that
   * begin with {@code subject} ("The message") instead of naming a method's request.
   *
   * @throws IllegalArgumentException naming the cause and the field path when the value does not
   *     fit the type
   */
  public Message convert(String subject, Message prototype, Object request) {
    Descriptor type = prototype.getDescriptorForType();
    if (request == null) {
      throw new IllegalArgumentException(
          subject + " is null; pass \"{}\" for an empty " + type.getFullName());
    }
    if (request instanceof Message.Builder) {
      request = ((Message.Builder) request).buildPartial();
    }
    if (request instanceof Message) {
      return fromMessage(subject, prototype, (Message) request);
    }
    if (request instanceof CharSequence) {
      return fromJson(subject, prototype, request.toString(), null);
    }
    if (request instanceof Map || request instanceof JsonElement) {
      JsonElement tree = toJsonTree(subject, request, "");
      return fromJson(subject, prototype, tree.toString(), tree);
    }
    throw new IllegalArgumentException(
        subject
            + " must be JSON text, a Map or a protobuf Message of type "
            + type.getFullName()
            + ", but was a "
            + request.getClass().getName());
  }

  private static Message fromMessage(String subject, Message prototype, Message request) {
    Descriptor expected = prototype.getDescriptorForType();
    Descriptor actual = request.getDescriptorForType();
    if (actual == expected && prototype.getClass() == request.getClass()) {
      return request;
    }
    if (!actual.getFullName().equals(expected.getFullName())) {
      throw new IllegalArgumentException(
          subject
              + " must be a "
              + expected.getFullName()
              + ", but was a "
              + actual.getFullName()
              + " ("
              + request.getClass().getName()
              + ")");
    }
    try {
      return prototype.newBuilderForType().mergeFrom(request.toByteString()).buildPartial();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          subject + " does not parse as " + expected.getFullName(), e);
    }
  }

  private Message fromJson(String subject, Message prototype, String json, JsonElement tree) {
    Message.Builder builder = prototype.newBuilderForType();
    try {
      parser.merge(json, builder);
      return builder.buildPartial();
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      String type = prototype.getDescriptorForType().getFullName();
      JsonElement parsed = tree;
      if (parsed == null) {
        try {
          parsed = JsonParser.parseString(json);
        } catch (JsonParseException syntax) {
          throw new IllegalArgumentException(
              subject
                  + " is not valid JSON: "
                  + rootMessage(syntax)
                  + "\n  request: "
                  + abbreviate(json),
              e);
        }
      }
      Optional<JsonLocator.Mismatch> mismatch = JsonLocator.locate(parser, prototype, parsed);
      String where =
          mismatch
              .map(m -> "at '" + (m.steps().isEmpty() ? "(root)" : path(m)) + "': " + cause(m))
              .orElse(rootMessage(e));
      throw new IllegalArgumentException(
          subject + " does not fit " + type + ": " + where + "\n  request: " + abbreviate(json), e);
    }
  }

  /** Formats a mismatch's path with the keys as the request wrote them: {@code items[0].name}. */
  private static String path(JsonLocator.Mismatch mismatch) {
    StringBuilder path = new StringBuilder();
    for (JsonLocator.Step step : mismatch.steps()) {
      if (step.isField()) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(step.key());
      } else if (step.isIndex()) {
        path.append('[').append(step.index()).append(']');
      } else {
        path.append("[\"").append(step.mapKey()).append("\"]");
      }
    }
    return path.toString();
  }

  /** Says why the JSON does not fit: the unknown field with the closest names, or the value. */
  private static String cause(JsonLocator.Mismatch mismatch) {
    if (mismatch.unknownIn() != null) {
      String key = mismatch.steps().get(mismatch.steps().size() - 1).key();
      List<String> names = new ArrayList<>();
      for (FieldDescriptor f : mismatch.unknownIn().getFields()) {
        names.add(f.getJsonName());
      }
      return "no field '"
          + key
          + "' in "
          + mismatch.unknownIn().getFullName()
          + Names.didYouMean(key, names)
          + " (fields: "
          + String.join(", ", names)
          + ")";
    }
    return (mismatch.valueField() == null
            ? ""
            : expectation(mismatch.valueField(), mismatch.value()))
        + rootMessage(mismatch.cause());
  }

  /** Describes what a field accepts, for messages about a value of the wrong type. */
  private static String expectation(FieldDescriptor field, JsonElement value) {
    String type;
    switch (field.getType()) {
      case ENUM:
        List<String> names = new ArrayList<>();
        for (var v : field.getEnumType().getValues()) {
          names.add(v.getName());
        }
        type = "enum " + field.getEnumType().getFullName() + " " + names;
        break;
      case MESSAGE:
      case GROUP:
        type = field.getMessageType().getFullName();
        break;
      default:
        type = field.getType().name().toLowerCase(java.util.Locale.ROOT);
    }
    return "expected " + type + " but got " + value + ": ";
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null
        && cause.getCause() != cause
        && (cause.getMessage() == null || cause instanceof InvalidProtocolBufferException)) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }

  private static String abbreviate(String json) {
    String flat = json.replaceAll("\\s+", " ").trim();
    return flat.length() <= 300 ? flat : flat.substring(0, 297) + "...";
  }

  private JsonElement toJsonTree(String subject, Object value, String path) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof JsonElement) {
      return (JsonElement) value;
    }
    if (value instanceof Map) {
      JsonObject object = new JsonObject();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        String key = String.valueOf(entry.getKey());
        object.add(
            key, toJsonTree(subject, entry.getValue(), path.isEmpty() ? key : path + "." + key));
      }
      return object;
    }
    if (value instanceof CharSequence || value instanceof Character) {
      return new JsonPrimitive(value.toString());
    }
    if (value instanceof Boolean) {
      return new JsonPrimitive((Boolean) value);
    }
    if (value instanceof Number) {
      if (value instanceof Double || value instanceof Float) {
        double d = ((Number) value).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          return new JsonPrimitive(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        }
      }
      return new JsonPrimitive((Number) value);
    }
    if (value instanceof byte[]) {
      return new JsonPrimitive(Base64.getEncoder().encodeToString((byte[]) value));
    }
    if (value instanceof ByteString) {
      return new JsonPrimitive(
          Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
    }
    if (value instanceof ProtocolMessageEnum) {
      return new JsonPrimitive(((ProtocolMessageEnum) value).getValueDescriptor().getName());
    }
    if (value instanceof Enum) {
      return new JsonPrimitive(((Enum<?>) value).name());
    }
    if (value instanceof Instant) {
      return new JsonPrimitive(value.toString());
    }
    if (value instanceof Duration) {
      Duration d = (Duration) value;
      return new JsonPrimitive(
          BigDecimal.valueOf(d.getSeconds())
                  .add(BigDecimal.valueOf(d.getNano(), 9))
                  .stripTrailingZeros()
                  .toPlainString()
              + "s");
    }
    if (value instanceof MessageOrBuilder) {
      try {
        return JsonParser.parseString(printer.print((MessageOrBuilder) value));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException(
            subject + " at '" + path + "': cannot print the message as JSON", e);
      }
    }
    if (value instanceof Iterable) {
      JsonArray array = new JsonArray();
      int i = 0;
      for (Object element : (Iterable<?>) value) {
        array.add(toJsonTree(subject, element, path + "[" + i++ + "]"));
      }
      return array;
    }
    if (value.getClass().isArray()) {
      JsonArray array = new JsonArray();
      for (int i = 0; i < Array.getLength(value); i++) {
        array.add(toJsonTree(subject, Array.get(value, i), path + "[" + i + "]"));
      }
      return array;
    }
    throw new IllegalArgumentException(
        subject
            + " at '"
            + path
            + "': a "
            + value.getClass().getName()
            + " has no JSON form; use strings, numbers, booleans, lists, maps, byte[],"
            + " enums or protobuf messages");
  }
}
