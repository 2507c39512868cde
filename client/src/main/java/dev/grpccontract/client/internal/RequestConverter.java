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
      Optional<Problem> problem = locate(prototype, parsed, "");
      String where =
          problem
              .map(p -> "at '" + (p.path().isEmpty() ? "(root)" : p.path()) + "': " + p.cause())
              .orElse(rootMessage(e));
      throw new IllegalArgumentException(
          subject + " does not fit " + type + ": " + where + "\n  request: " + abbreviate(json), e);
    }
  }

  private Optional<Problem> locate(Message prototype, JsonElement element, String path) {
    Descriptor type = prototype.getDescriptorForType();
    if (type.getFullName().startsWith("google.protobuf.") || !element.isJsonObject()) {
      return attempt(prototype, element.toString()).map(cause -> new Problem(path, cause));
    }
    for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
      String key = entry.getKey();
      String fieldPath = path.isEmpty() ? key : path + "." + key;
      FieldDescriptor field = findField(type, key);
      if (field == null) {
        if (key.startsWith("[") || key.equals("@type")) {
          continue;
        }
        List<String> names = new ArrayList<>();
        for (FieldDescriptor f : type.getFields()) {
          names.add(f.getJsonName());
        }
        return Optional.of(
            new Problem(
                fieldPath,
                "no field '"
                    + key
                    + "' in "
                    + type.getFullName()
                    + Names.didYouMean(key, names)
                    + " (fields: "
                    + String.join(", ", names)
                    + ")"));
      }
      JsonObject single = new JsonObject();
      single.add(key, entry.getValue());
      Optional<String> cause = attempt(prototype, single.toString());
      if (cause.isEmpty()) {
        continue;
      }
      return Optional.of(
          locateInField(prototype, field, key, entry.getValue(), fieldPath)
              .orElse(
                  new Problem(
                      fieldPath,
                      (field.isRepeated() || field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                              ? ""
                              : expectation(field, entry.getValue()))
                          + cause.get())));
    }
    return Optional.empty();
  }

  private Optional<Problem> locateInField(
      Message prototype, FieldDescriptor field, String key, JsonElement value, String fieldPath) {
    if (field.isMapField() && value.isJsonObject()) {
      FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
      for (Map.Entry<String, JsonElement> mapEntry : value.getAsJsonObject().entrySet()) {
        JsonObject one = new JsonObject();
        JsonObject map = new JsonObject();
        map.add(mapEntry.getKey(), mapEntry.getValue());
        one.add(key, map);
        Optional<String> cause = attempt(prototype, one.toString());
        if (cause.isPresent()) {
          String entryPath = fieldPath + "[\"" + mapEntry.getKey() + "\"]";
          if (valueField.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            Message valuePrototype =
                prototype
                    .newBuilderForType()
                    .newBuilderForField(field)
                    .newBuilderForField(valueField)
                    .getDefaultInstanceForType();
            Optional<Problem> inner = locate(valuePrototype, mapEntry.getValue(), entryPath);
            if (inner.isPresent()) {
              return inner;
            }
          }
          return Optional.of(
              new Problem(
                  entryPath,
                  (valueField.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                          ? ""
                          : expectation(valueField, mapEntry.getValue()))
                      + cause.get()));
        }
      }
      return Optional.empty();
    }
    if (field.isRepeated() && value.isJsonArray()) {
      JsonArray array = value.getAsJsonArray();
      for (int i = 0; i < array.size(); i++) {
        JsonObject one = new JsonObject();
        JsonArray single = new JsonArray();
        single.add(array.get(i));
        one.add(key, single);
        Optional<String> cause = attempt(prototype, one.toString());
        if (cause.isPresent()) {
          String elementPath = fieldPath + "[" + i + "]";
          if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            Optional<Problem> inner =
                locate(fieldPrototype(prototype, field), array.get(i), elementPath);
            if (inner.isPresent()) {
              return inner;
            }
          }
          return Optional.of(
              new Problem(
                  elementPath,
                  (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                          ? ""
                          : expectation(field, array.get(i)))
                      + cause.get()));
        }
      }
      return Optional.empty();
    }
    if (!field.isRepeated() && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      return locate(fieldPrototype(prototype, field), value, fieldPath);
    }
    return Optional.empty();
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

  private static Message fieldPrototype(Message prototype, FieldDescriptor field) {
    return prototype.newBuilderForType().newBuilderForField(field).getDefaultInstanceForType();
  }

  private Optional<String> attempt(Message prototype, String json) {
    try {
      parser.merge(json, prototype.newBuilderForType());
      return Optional.empty();
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return Optional.of(rootMessage(e));
    }
  }

  private static FieldDescriptor findField(Descriptor type, String key) {
    for (FieldDescriptor field : type.getFields()) {
      if (field.getJsonName().equals(key) || field.getName().equals(key)) {
        return field;
      }
    }
    return null;
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

  private record Problem(String path, String cause) {}
}
