package dev.grpccontract.assertj.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares two messages of the same type by protobuf meaning, field by field, and lists every
 * difference with its field path ({@code items[1].sku}, {@code labels["env"]}).
 *
 * <p>Fields are named by their JSON names, the names {@code GrpcResponse.json()} prints. Fields
 * with presence (messages, {@code optional}, oneof members, proto2) differ when one side has them
 * and the other does not ({@code missing}/{@code unexpected}); fields without presence compare
 * their values, so an absent proto3 scalar equals its default. Well-known types ({@code
 * google.protobuf.*}) compare as whole values and print as JSON. Unknown fields are ignored: they
 * have no JSON form and no meaning in the schema at hand.
 */
public final class MessageDiff {

  /** One difference: a field path and a sentence of what differs there. */
  public static final class Difference {
    private final String path;
    private final String text;

    Difference(String path, String text) {
      this.path = path;
      this.text = text;
    }

    /** Returns the field path, e.g. {@code items[1].sku} or {@code labels["env"]}. */
    public String path() {
      return path;
    }

    /** Returns the line failure messages show: {@code path: what differs}. */
    @Override
    public String toString() {
      return path + ": " + text;
    }
  }

  private final List<Difference> differences = new ArrayList<>();

  private MessageDiff() {}

  /**
   * Returns the differences between {@code expected} and {@code actual}, empty when they are equal
   * by protobuf meaning.
   *
   * @throws IllegalArgumentException when the messages are of different types
   */
  public static List<Difference> compare(Message expected, Message actual) {
    Descriptor type = actual.getDescriptorForType();
    if (!expected.getDescriptorForType().getFullName().equals(type.getFullName())) {
      throw new IllegalArgumentException(
          "Cannot compare a "
              + expected.getDescriptorForType().getFullName()
              + " with a "
              + type.getFullName());
    }
    Message sameType = sameDescriptor(expected, type);
    MessageDiff diff = new MessageDiff();
    diff.compareMessages("", sameType, actual);
    return Collections.unmodifiableList(diff.differences);
  }

  /**
   * Re-reads {@code message} with {@code type} when it was built from another descriptor instance
   * of the same message, so that field descriptors of {@code type} read it.
   */
  private static Message sameDescriptor(Message message, Descriptor type) {
    if (message.getDescriptorForType() == type) {
      return message;
    }
    try {
      return DynamicMessage.parseFrom(type, message.toByteString());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "Cannot read a " + type.getFullName() + " as another copy of its type", e);
    }
  }

  private void compareMessages(String path, Message expected, Message actual) {
    for (FieldDescriptor field : fieldsOf(expected, actual)) {
      String name = field.isExtension() ? "[" + field.getFullName() + "]" : field.getJsonName();
      String fieldPath = path.isEmpty() ? name : path + "." + name;
      if (field.isMapField()) {
        compareMaps(fieldPath, field, expected, actual);
      } else if (field.isRepeated()) {
        compareLists(fieldPath, field, expected, actual);
      } else if (field.hasPresence()) {
        boolean expectedHas = expected.hasField(field);
        boolean actualHas = actual.hasField(field);
        if (expectedHas && actualHas) {
          compareValues(fieldPath, field, expected.getField(field), actual.getField(field));
        } else if (expectedHas) {
          missing(fieldPath, field, expected.getField(field));
        } else if (actualHas) {
          unexpected(fieldPath, field, actual.getField(field));
        }
      } else {
        compareValues(fieldPath, field, expected.getField(field), actual.getField(field));
      }
    }
  }

  /** Returns the type's fields in declaration order, then any extensions either message has. */
  private static List<FieldDescriptor> fieldsOf(Message expected, Message actual) {
    List<FieldDescriptor> fields = new ArrayList<>(actual.getDescriptorForType().getFields());
    Set<FieldDescriptor> extensions = new LinkedHashSet<>();
    for (FieldDescriptor field : expected.getAllFields().keySet()) {
      if (field.isExtension()) {
        extensions.add(field);
      }
    }
    for (FieldDescriptor field : actual.getAllFields().keySet()) {
      if (field.isExtension()) {
        extensions.add(field);
      }
    }
    fields.addAll(extensions);
    return fields;
  }

  private void compareLists(String path, FieldDescriptor field, Message expected, Message actual) {
    int expectedCount = expected.getRepeatedFieldCount(field);
    int actualCount = actual.getRepeatedFieldCount(field);
    for (int i = 0; i < Math.max(expectedCount, actualCount); i++) {
      String elementPath = path + "[" + i + "]";
      if (i >= actualCount) {
        missing(elementPath, field, expected.getRepeatedField(field, i));
      } else if (i >= expectedCount) {
        unexpected(elementPath, field, actual.getRepeatedField(field, i));
      } else {
        compareValues(
            elementPath,
            field,
            expected.getRepeatedField(field, i),
            actual.getRepeatedField(field, i));
      }
    }
  }

  private void compareMaps(String path, FieldDescriptor field, Message expected, Message actual) {
    FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
    Map<Object, Object> expectedEntries = entries(field, expected);
    Map<Object, Object> actualEntries = entries(field, actual);
    Set<Object> keys = new LinkedHashSet<>(expectedEntries.keySet());
    keys.addAll(actualEntries.keySet());
    for (Object key : keys) {
      String entryPath = path + "[" + mapKey(key) + "]";
      if (!actualEntries.containsKey(key)) {
        missing(entryPath, valueField, expectedEntries.get(key));
      } else if (!expectedEntries.containsKey(key)) {
        unexpected(entryPath, valueField, actualEntries.get(key));
      } else {
        compareValues(entryPath, valueField, expectedEntries.get(key), actualEntries.get(key));
      }
    }
  }

  private static Map<Object, Object> entries(FieldDescriptor field, Message message) {
    Map<Object, Object> entries = new LinkedHashMap<>();
    int count = message.getRepeatedFieldCount(field);
    for (int i = 0; i < count; i++) {
      Message entry = (Message) message.getRepeatedField(field, i);
      Descriptor entryType = entry.getDescriptorForType();
      entries.put(
          entry.getField(entryType.findFieldByNumber(1)),
          entry.getField(entryType.findFieldByNumber(2)));
    }
    return entries;
  }

  private static String mapKey(Object key) {
    return key instanceof String ? Texts.quote((String) key) : String.valueOf(key);
  }

  private void compareValues(String path, FieldDescriptor field, Object expected, Object actual) {
    if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !isWellKnown(field)) {
      compareMessages(path, (Message) expected, (Message) actual);
    } else if (!sameValue(field, expected, actual)) {
      differences.add(
          new Difference(
              path, "expected " + show(field, expected) + " but was " + show(field, actual)));
    }
  }

  private static boolean sameValue(FieldDescriptor field, Object expected, Object actual) {
    if (field.getJavaType() == FieldDescriptor.JavaType.ENUM) {
      return ((EnumValueDescriptor) expected).getNumber()
          == ((EnumValueDescriptor) actual).getNumber();
    }
    if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      return ((Message) expected).toByteString().equals(((Message) actual).toByteString())
          || expected.equals(actual);
    }
    return Objects.equals(expected, actual);
  }

  private void missing(String path, FieldDescriptor field, Object expected) {
    differences.add(new Difference(path, "missing (expected " + show(field, expected) + ")"));
  }

  private void unexpected(String path, FieldDescriptor field, Object actual) {
    differences.add(new Difference(path, "unexpected (was " + show(field, actual) + ")"));
  }

  private static boolean isWellKnown(FieldDescriptor field) {
    return field.getMessageType().getFullName().startsWith("google.protobuf.");
  }

  /** Returns how a field value prints in a difference: JSON-like. */
  static String show(FieldDescriptor field, Object value) {
    switch (field.getJavaType()) {
      case STRING:
        return Texts.quote((String) value);
      case BYTE_STRING:
        return Texts.quote(Texts.base64((ByteString) value));
      case ENUM:
        return ((EnumValueDescriptor) value).getName();
      case MESSAGE:
        return ProtoJson.compact((Message) value);
      default:
        return String.valueOf(value);
    }
  }
}
