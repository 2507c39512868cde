package dev.grpccontract.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds where protobuf JSON does not fit a message type: the one locator behind the client's
 * request errors and the contract files' positions. The JSON is narrowed down field by field, and
 * into list elements, map entries and nested messages, with the caller's own parser, so the place
 * found is the one that parser rejects. Callers format the path their own way from its {@link
 * Step}s.
 */
public final class JsonLocator {

  private JsonLocator() {}

  /** One step of a path: a field (by the key as written), a list index, or a map key. */
  public record Step(
      String key, FieldDescriptor field, int index, String mapKey, boolean stringKey) {

    static Step field(String key, FieldDescriptor field) {
      return new Step(key, field, -1, null, false);
    }

    static Step index(int index) {
      return new Step(null, null, index, null, false);
    }

    static Step mapKey(String key, boolean stringKey) {
      return new Step(null, null, -1, key, stringKey);
    }

    /** Returns whether this step names a field (known or not) rather than selecting in one. */
    public boolean isField() {
      return key != null;
    }

    /** Returns whether this step selects a list element. */
    public boolean isIndex() {
      return index >= 0;
    }
  }

  /**
   * Where and why the JSON does not fit.
   *
   * @param steps the path from the root message, empty for the root itself
   * @param unknownIn the type that has no field named by the last step, or {@code null} when the
   *     field exists
   * @param valueField the scalar or enum field whose value was rejected, or {@code null} when the
   *     rejected value is a message, a list or a well-known type
   * @param value the rejected JSON value, or {@code null} for an unknown field
   * @param cause the parser's exception, or {@code null} for an unknown field
   */
  public record Mismatch(
      List<Step> steps,
      Descriptor unknownIn,
      FieldDescriptor valueField,
      JsonElement value,
      Exception cause) {}

  /**
   * Returns the first place in {@code json} that {@code parser} rejects for {@code prototype}'s
   * type, or empty when every field fits on its own. Keys in brackets (extensions) and {@code
   * "@type"} are left to the parser.
   */
  public static Optional<Mismatch> locate(
      JsonFormat.Parser parser, Message prototype, JsonElement json) {
    return locate(parser, prototype, json, List.of());
  }

  private static Optional<Mismatch> locate(
      JsonFormat.Parser parser, Message prototype, JsonElement element, List<Step> path) {
    Descriptor type = prototype.getDescriptorForType();
    if (type.getFullName().startsWith("google.protobuf.") || !element.isJsonObject()) {
      return attempt(parser, prototype, element.toString())
          .map(cause -> new Mismatch(path, null, null, element, cause));
    }
    for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
      String key = entry.getKey();
      FieldDescriptor field = findField(type, key);
      List<Step> fieldPath = append(path, Step.field(key, field));
      if (field == null) {
        if (key.startsWith("[") || key.equals("@type")) {
          continue;
        }
        return Optional.of(new Mismatch(fieldPath, type, null, null, null));
      }
      JsonObject single = new JsonObject();
      single.add(key, entry.getValue());
      Optional<Exception> cause = attempt(parser, prototype, single.toString());
      if (cause.isEmpty()) {
        continue;
      }
      Optional<Mismatch> inner =
          locateInField(parser, prototype, field, key, entry.getValue(), fieldPath);
      if (inner.isPresent()) {
        return inner;
      }
      boolean scalar =
          !field.isRepeated() && field.getJavaType() != FieldDescriptor.JavaType.MESSAGE;
      return Optional.of(
          new Mismatch(fieldPath, null, scalar ? field : null, entry.getValue(), cause.get()));
    }
    return Optional.empty();
  }

  private static Optional<Mismatch> locateInField(
      JsonFormat.Parser parser,
      Message prototype,
      FieldDescriptor field,
      String key,
      JsonElement value,
      List<Step> fieldPath) {
    if (field.isMapField() && value.isJsonObject()) {
      FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
      FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
      boolean stringKey = keyField.getJavaType() == FieldDescriptor.JavaType.STRING;
      boolean messageValue = valueField.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
      for (Map.Entry<String, JsonElement> mapEntry : value.getAsJsonObject().entrySet()) {
        JsonObject one = new JsonObject();
        JsonObject map = new JsonObject();
        map.add(mapEntry.getKey(), mapEntry.getValue());
        one.add(key, map);
        Optional<Exception> cause = attempt(parser, prototype, one.toString());
        if (cause.isPresent()) {
          List<Step> entryPath = append(fieldPath, Step.mapKey(mapEntry.getKey(), stringKey));
          if (messageValue) {
            Message valuePrototype =
                prototype
                    .newBuilderForType()
                    .newBuilderForField(field)
                    .newBuilderForField(valueField)
                    .getDefaultInstanceForType();
            Optional<Mismatch> inner =
                locate(parser, valuePrototype, mapEntry.getValue(), entryPath);
            if (inner.isPresent()) {
              return inner;
            }
          }
          return Optional.of(
              new Mismatch(
                  entryPath,
                  null,
                  messageValue ? null : valueField,
                  mapEntry.getValue(),
                  cause.get()));
        }
      }
      return Optional.empty();
    }
    boolean message = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
    if (field.isRepeated() && value.isJsonArray()) {
      JsonArray array = value.getAsJsonArray();
      for (int i = 0; i < array.size(); i++) {
        JsonObject one = new JsonObject();
        JsonArray single = new JsonArray();
        single.add(array.get(i));
        one.add(key, single);
        Optional<Exception> cause = attempt(parser, prototype, one.toString());
        if (cause.isPresent()) {
          List<Step> elementPath = append(fieldPath, Step.index(i));
          if (message) {
            Optional<Mismatch> inner =
                locate(parser, fieldPrototype(prototype, field), array.get(i), elementPath);
            if (inner.isPresent()) {
              return inner;
            }
          }
          return Optional.of(
              new Mismatch(elementPath, null, message ? null : field, array.get(i), cause.get()));
        }
      }
      return Optional.empty();
    }
    if (!field.isRepeated() && message) {
      return locate(parser, fieldPrototype(prototype, field), value, fieldPath);
    }
    return Optional.empty();
  }

  private static List<Step> append(List<Step> path, Step step) {
    List<Step> longer = new ArrayList<>(path.size() + 1);
    longer.addAll(path);
    longer.add(step);
    return List.copyOf(longer);
  }

  private static Message fieldPrototype(Message prototype, FieldDescriptor field) {
    return prototype.newBuilderForType().newBuilderForField(field).getDefaultInstanceForType();
  }

  private static Optional<Exception> attempt(
      JsonFormat.Parser parser, Message prototype, String json) {
    try {
      parser.merge(json, prototype.newBuilderForType());
      return Optional.empty();
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return Optional.of(e);
    }
  }

  /** Returns the field {@code key} names, by JSON name or proto name, or {@code null}. */
  private static FieldDescriptor findField(Descriptor type, String key) {
    for (FieldDescriptor field : type.getFields()) {
      if (field.getJsonName().equals(key) || field.getName().equals(key)) {
        return field;
      }
    }
    return null;
  }
}
