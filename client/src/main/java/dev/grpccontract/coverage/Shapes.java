package dev.grpccontract.coverage;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Field paths of message types and of messages, as coverage counts them: JSON names joined by dots,
 * with {@code []} after repeated and map fields ({@code items[].sku}, {@code labels[]}).
 */
final class Shapes {

  /** How deep recursive types are followed. */
  static final int MAX_DEPTH = 4;

  /** How many elements of one repeated field are looked at. */
  private static final int MAX_ELEMENTS = 64;

  private Shapes() {}

  /** Normalizes a path as written in tests ({@code items[0].sku}) to coverage's form. */
  static String normalize(String path) {
    StringBuilder out = new StringBuilder(path.length());
    boolean quoted = false;
    int depth = 0;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (depth > 0) {
        if (c == '\\' && quoted) {
          i++;
        } else if (c == '"') {
          quoted = !quoted;
        } else if (c == ']' && !quoted) {
          depth--;
          out.append(']');
        }
      } else if (c == '[') {
        depth++;
        out.append('[');
      } else {
        out.append(c);
      }
    }
    String text = out.toString();
    return text.startsWith("$.") ? text.substring(2) : text;
  }

  /** Every field path of {@code type}, to {@link #MAX_DEPTH}; well-known types are leaves. */
  static void paths(Descriptor type, String prefix, int depth, List<String> into) {
    for (FieldDescriptor field : type.getFields()) {
      String path = prefix + field.getJsonName() + (field.isRepeated() ? "[]" : "");
      into.add(path);
      Descriptor inner = messageOf(field);
      if (inner != null && depth + 1 < MAX_DEPTH && !wellKnown(inner)) {
        paths(inner, path + ".", depth + 1, into);
      }
    }
  }

  /** Every enum field path of {@code type} with its values, to {@link #MAX_DEPTH}. */
  static void enums(Descriptor type, String prefix, int depth, Map<String, List<String>> into) {
    for (FieldDescriptor field : type.getFields()) {
      String path = prefix + field.getJsonName() + (field.isRepeated() ? "[]" : "");
      if (field.getJavaType() == FieldDescriptor.JavaType.ENUM) {
        List<String> values = new ArrayList<>();
        field.getEnumType().getValues().forEach(v -> values.add(v.getName()));
        into.put(path, values);
      }
      Descriptor inner = messageOf(field);
      if (inner != null && depth + 1 < MAX_DEPTH && !wellKnown(inner)) {
        enums(inner, path + ".", depth + 1, into);
      }
    }
  }

  /** Every real oneof of {@code type} with its fields, to {@link #MAX_DEPTH}. */
  static void oneofs(Descriptor type, String prefix, int depth, Map<String, List<String>> into) {
    for (OneofDescriptor oneof : type.getRealOneofs()) {
      List<String> fields = new ArrayList<>();
      oneof.getFields().forEach(f -> fields.add(f.getJsonName()));
      into.put(prefix + oneof.getName(), fields);
    }
    for (FieldDescriptor field : type.getFields()) {
      Descriptor inner = messageOf(field);
      if (inner != null && depth + 1 < MAX_DEPTH && !wellKnown(inner)) {
        oneofs(
            inner,
            prefix + field.getJsonName() + (field.isRepeated() ? "[]" : "") + ".",
            depth + 1,
            into);
      }
    }
  }

  /** What one message sets: field paths, enum values by path, oneof branches by oneof path. */
  static void seen(
      Message message,
      String prefix,
      int depth,
      Set<String> fields,
      Map<String, Set<String>> enumValues,
      Map<String, Set<String>> oneofBranches) {
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      if (field.isExtension()) {
        continue;
      }
      String path = prefix + field.getJsonName() + (field.isRepeated() ? "[]" : "");
      fields.add(path);
      OneofDescriptor oneof = field.getRealContainingOneof();
      if (oneof != null) {
        oneofBranches
            .computeIfAbsent(prefix + oneof.getName(), k -> new java.util.TreeSet<>())
            .add(field.getJsonName());
      }
      List<?> values = field.isRepeated() ? (List<?>) entry.getValue() : List.of(entry.getValue());
      int count = Math.min(values.size(), MAX_ELEMENTS);
      for (int i = 0; i < count; i++) {
        Object value = values.get(i);
        if (value instanceof EnumValueDescriptor enumValue) {
          enumValues.computeIfAbsent(path, k -> new java.util.TreeSet<>()).add(enumValue.getName());
        } else if (value instanceof Message inner && depth + 1 < MAX_DEPTH) {
          if (field.isMapField()) {
            Object mapValue = inner.getField(inner.getDescriptorForType().findFieldByNumber(2));
            if (mapValue instanceof Message valueMessage
                && !wellKnown(valueMessage.getDescriptorForType())) {
              seen(valueMessage, path + ".", depth + 1, fields, enumValues, oneofBranches);
            }
          } else if (!wellKnown(inner.getDescriptorForType())) {
            seen(inner, path + ".", depth + 1, fields, enumValues, oneofBranches);
          }
        }
      }
    }
  }

  private static Descriptor messageOf(FieldDescriptor field) {
    if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      return null;
    }
    if (field.isMapField()) {
      FieldDescriptor value = field.getMessageType().findFieldByNumber(2);
      return value.getJavaType() == FieldDescriptor.JavaType.MESSAGE
          ? value.getMessageType()
          : null;
    }
    return field.getMessageType();
  }

  private static boolean wellKnown(Descriptor type) {
    return type.getFullName().startsWith("google.protobuf.");
  }
}
