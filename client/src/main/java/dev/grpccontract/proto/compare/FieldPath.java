package dev.grpccontract.proto.compare;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.ProtocolMessageEnum;
import dev.grpccontract.internal.Names;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Field paths into messages: {@code order.items[0].sku}, {@code labels["env"]}, {@code
 * stock[7].sku}. A segment is a field name (its JSON name or its name in the {@code .proto}),
 * optionally followed by an index ({@code [0]}) for a repeated field or a key for a map field
 * ({@code ["env"]} for string keys, {@code [7]} or {@code [true]} for others).
 *
 * <p>A path that does not fit the message type is a mistake in the test: an {@link
 * IllegalArgumentException} naming the segment and the closest field names. A path that fits the
 * type but not the data (an index past the end, a key that is absent, an unset message on the way)
 * resolves to a value that does not exist, with the reason.
 */
public final class FieldPath {

  private final String text;
  private final List<Segment> segments;

  private FieldPath(String text, List<Segment> segments) {
    this.text = text;
    this.segments = segments;
  }

  /** One segment: a field name, then an optional index or map key. */
  private static final class Segment {
    final String name;
    final Integer index;
    final String key;
    final boolean quotedKey;

    Segment(String name, Integer index, String key, boolean quotedKey) {
      this.name = name;
      this.index = index;
      this.key = key;
      this.quotedKey = quotedKey;
    }

    boolean hasSelector() {
      return index != null || key != null;
    }

    boolean isExtension() {
      return name.startsWith("[");
    }

    /** Returns the full name of the extension a {@code [pkg.ext]} segment names. */
    String extensionName() {
      String inside = name.substring(1, name.length() - 1).trim();
      return inside.startsWith(".") ? inside.substring(1) : inside;
    }
  }

  /** What a path resolved to in a message. */
  public static final class Value {
    private final FieldDescriptor field;
    private final boolean selected;
    private final boolean exists;
    private final boolean present;
    private final Object raw;
    private final String absence;

    Value(
        FieldDescriptor field,
        boolean selected,
        boolean exists,
        boolean present,
        Object raw,
        String absence) {
      this.field = field;
      this.selected = selected;
      this.exists = exists;
      this.present = present;
      this.raw = raw;
      this.absence = absence;
    }

    /** Returns the last field of the path. */
    public FieldDescriptor field() {
      return field;
    }

    /**
     * Returns whether the value can be read: every message on the way is set and every index and
     * key exists. An unset field at the end still exists (with its default value).
     */
    public boolean exists() {
      return exists;
    }

    /**
     * Returns whether the field is present: set (fields with presence), non-default (proto3 scalars
     * without presence), non-empty (repeated and map fields), or an existing element.
     */
    public boolean present() {
      return present;
    }

    /** Returns whether the path ends with an index or map key (one element, not the field). */
    public boolean selectsElement() {
      return selected;
    }

    /** Returns why the value does not exist, e.g. {@code "items has 2 elements, no [3]"}. */
    public String absence() {
      return absence;
    }

    /** Returns the value as protobuf stores it: a {@code List} for a whole repeated field. */
    public Object raw() {
      return raw;
    }

    /**
     * Returns the value as tests see it: enums as their names (numbers when unknown), repeated
     * fields as lists, map fields as maps, messages as messages, bytes as {@link ByteString}.
     */
    public Object java() {
      return FieldPath.java(field, raw, selected);
    }

    /** Returns whether the whole value is a repeated or map field. */
    public boolean isCollection() {
      return field.isRepeated() && !selected;
    }
  }

  /**
   * Parses {@code path}.
   *
   * @throws IllegalArgumentException when the path is empty or malformed
   */
  public static FieldPath parse(String path) {
    Objects.requireNonNull(path, "path");
    List<Segment> segments = new ArrayList<>();
    int i = 0;
    int n = path.length();
    while (true) {
      int start = i;
      if (i < n && path.charAt(i) == '[') {
        // An extension: [pkg.ext], as differences name it.
        int close = path.indexOf(']', i);
        if (close < 0) {
          throw malformed(path, "the extension name at position " + i + " is not closed with ]");
        }
        i = close + 1;
      }
      while (i < n && path.charAt(i) != '.' && path.charAt(i) != '[') {
        i++;
      }
      String name = path.substring(start, i).trim();
      if (name.isEmpty()) {
        throw malformed(path, "a field name is missing at position " + start);
      }
      Integer index = null;
      String key = null;
      boolean quoted = false;
      if (i < n && path.charAt(i) == '[') {
        int close;
        if (i + 1 < n && path.charAt(i + 1) == '"') {
          StringBuilder k = new StringBuilder();
          int j = i + 2;
          while (j < n && path.charAt(j) != '"') {
            if (path.charAt(j) == '\\' && j + 1 < n) {
              j++;
            }
            k.append(path.charAt(j));
            j++;
          }
          if (j + 1 >= n || path.charAt(j + 1) != ']') {
            throw malformed(path, "the key at position " + i + " is not closed with \"]");
          }
          key = k.toString();
          quoted = true;
          close = j + 1;
        } else {
          close = path.indexOf(']', i);
          if (close < 0) {
            throw malformed(path, "the [ at position " + i + " is not closed");
          }
          String inside = path.substring(i + 1, close).trim();
          if (inside.isEmpty()) {
            throw malformed(path, "the [] at position " + i + " is empty");
          }
          if (inside.matches("-?\\d+")) {
            index = Integer.valueOf(inside);
          }
          key = inside;
        }
        i = close + 1;
      }
      segments.add(new Segment(name, index, key, quoted));
      if (i >= n) {
        break;
      }
      if (path.charAt(i) != '.') {
        throw malformed(path, "expected . or the end at position " + i);
      }
      i++;
    }
    return new FieldPath(path, List.copyOf(segments));
  }

  private static IllegalArgumentException malformed(String path, String why) {
    return new IllegalArgumentException(
        "Malformed field path "
            + ProtoJson.quote(path)
            + ": "
            + why
            + ". Write paths as field names joined by dots, with [index] for repeated fields"
            + " and [\"key\"] for map fields, e.g. items[0].sku or labels[\"env\"].");
  }

  /**
   * Checks that the path fits {@code type}: every name is a field, selectors are on repeated or map
   * fields, and only message fields have segments after them. Selectors may be left out (for
   * ignoring a field of every element).
   *
   * @return the last field of the path, or null when the path goes through an extension that the
   *     type's file and its imports do not declare (the rest of the path is then not checked)
   * @throws IllegalArgumentException naming the segment and the closest field names
   */
  public FieldDescriptor validate(Descriptor type) {
    Descriptor current = type;
    FieldDescriptor field = null;
    for (int s = 0; s < segments.size(); s++) {
      Segment segment = segments.get(s);
      if (segment.isExtension() && findExtension(current, segment.extensionName()) == null) {
        // Declared in a file the type does not see: nothing more to check.
        return null;
      }
      field = field(current, segment, s);
      if (segment.hasSelector()) {
        checkSelector(field, segment, s);
      }
      if (s < segments.size() - 1) {
        current = nextType(field, segment, s);
      }
    }
    return field;
  }

  /**
   * Resolves the path in {@code root}.
   *
   * @throws IllegalArgumentException when the path does not fit the type of {@code root}
   */
  public Value resolve(Message root) {
    validate(root.getDescriptorForType());
    Message current = root;
    for (int s = 0; s < segments.size(); s++) {
      Segment segment = segments.get(s);
      FieldDescriptor field = setExtension(current, segment);
      if (field == null) {
        field = field(current.getDescriptorForType(), segment, s);
      }
      boolean last = s == segments.size() - 1;
      String here = upTo(s + 1);
      Object value;
      boolean present;
      if (segment.hasSelector()) {
        checkSelector(field, segment, s);
        if (field.isMapField()) {
          Map<Object, Object> entries = entries(field, current);
          Object key = mapKey(field, segment, s);
          if (!entries.containsKey(key)) {
            return absent(field, true, fieldAt(s) + " has no key " + showKey(key));
          }
          value = entries.get(key);
        } else {
          int count = current.getRepeatedFieldCount(field);
          if (segment.index < 0 || segment.index >= count) {
            return absent(
                field,
                true,
                fieldAt(s)
                    + " has "
                    + (count == 1 ? "1 element" : count + " elements")
                    + ", no ["
                    + segment.index
                    + "]");
          }
          value = current.getRepeatedField(field, segment.index);
        }
        present = true;
      } else if (field.isRepeated()) {
        if (!last) {
          throw new IllegalArgumentException(
              "Field path "
                  + ProtoJson.quote(text)
                  + ": "
                  + fieldAt(s)
                  + " is a "
                  + (field.isMapField() ? "map" : "repeated")
                  + " field: select one "
                  + (field.isMapField() ? "entry with a key, e.g. " : "element, e.g. ")
                  + segment.name
                  + (field.isMapField() ? "[\"key\"]" : "[0]")
                  + ". Fix the path in the test.");
        }
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < current.getRepeatedFieldCount(field); i++) {
          all.add(current.getRepeatedField(field, i));
        }
        value = all;
        present = !all.isEmpty();
      } else {
        value = current.getField(field);
        present = current.hasField(field);
        if (!last && !present && field.hasPresence()) {
          nextType(field, segment, s);
          return absent(field, false, here + " is not set");
        }
      }
      if (last) {
        return new Value(field, segment.hasSelector(), true, present, value, null);
      }
      FieldDescriptor valueField = field.isMapField() ? mapValueField(field) : field;
      nextTypeOf(valueField, segment, s);
      current = (Message) value;
    }
    throw new IllegalStateException("unreachable");
  }

  private Value absent(FieldDescriptor field, boolean selected, String why) {
    return new Value(field, selected, false, false, null, why);
  }

  /** Returns the path as written. */
  @Override
  public String toString() {
    return text;
  }

  /** Returns the first {@code count} segments as written, joined by dots. */
  private String upTo(int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      Segment segment = segments.get(i);
      if (i > 0) {
        out.append('.');
      }
      out.append(segment.name);
      if (segment.hasSelector()) {
        out.append('[')
            .append(segment.quotedKey ? ProtoJson.quote(segment.key) : segment.key)
            .append(']');
      }
    }
    return out.toString();
  }

  /** Returns the field part of segment {@code s} with the segments before it. */
  private String fieldAt(int s) {
    return (s == 0 ? "" : upTo(s) + ".") + segments.get(s).name;
  }

  private FieldDescriptor field(Descriptor type, Segment segment, int s) {
    if (segment.isExtension()) {
      FieldDescriptor extension = findExtension(type, segment.extensionName());
      if (extension == null) {
        throw new IllegalArgumentException(
            "Field path "
                + ProtoJson.quote(text)
                + ": no extension "
                + segment.extensionName()
                + " of "
                + type.getFullName()
                + " is declared in "
                + type.getFile().getName()
                + " or the files it imports. Fix the path in the test.");
      }
      return extension;
    }
    FieldDescriptor field = type.findFieldByName(segment.name);
    if (field == null) {
      for (FieldDescriptor candidate : type.getFields()) {
        if (candidate.getJsonName().equals(segment.name)) {
          field = candidate;
          break;
        }
      }
    }
    if (field == null) {
      throw new IllegalArgumentException(
          "Field path "
              + ProtoJson.quote(text)
              + ": "
              + type.getFullName()
              + " has no field "
              + ProtoJson.quote(segment.name)
              + (s == 0 ? "" : " (at " + fieldAt(s) + ")")
              + "; "
              + closest(type, segment.name)
              + ". Fix the path in the test.");
    }
    return field;
  }

  /** Returns the extension a {@code [pkg.ext]} segment names when {@code message} has it set. */
  private static FieldDescriptor setExtension(Message message, Segment segment) {
    if (!segment.isExtension()) {
      return null;
    }
    for (FieldDescriptor field : message.getAllFields().keySet()) {
      if (field.isExtension() && field.getFullName().equals(segment.extensionName())) {
        return field;
      }
    }
    return null;
  }

  /**
   * Returns the extension of {@code type} named {@code fullName} that the type's file or the files
   * it imports (transitively) declare, or null.
   */
  private static FieldDescriptor findExtension(Descriptor type, String fullName) {
    java.util.Deque<com.google.protobuf.Descriptors.FileDescriptor> files =
        new java.util.ArrayDeque<>(List.of(type.getFile()));
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (!files.isEmpty()) {
      com.google.protobuf.Descriptors.FileDescriptor file = files.pop();
      if (!seen.add(file.getName())) {
        continue;
      }
      List<FieldDescriptor> extensions = new ArrayList<>(file.getExtensions());
      java.util.Deque<Descriptor> types = new java.util.ArrayDeque<>(file.getMessageTypes());
      while (!types.isEmpty()) {
        Descriptor nested = types.pop();
        extensions.addAll(nested.getExtensions());
        types.addAll(nested.getNestedTypes());
      }
      for (FieldDescriptor extension : extensions) {
        if (extension.getFullName().equals(fullName)
            && extension.getContainingType().getFullName().equals(type.getFullName())) {
          return extension;
        }
      }
      files.addAll(file.getDependencies());
    }
    return null;
  }

  private void checkSelector(FieldDescriptor field, Segment segment, int s) {
    if (field.isMapField()) {
      mapKey(field, segment, s);
      return;
    }
    if (!field.isRepeated()) {
      throw new IllegalArgumentException(
          "Field path "
              + ProtoJson.quote(text)
              + ": "
              + fieldAt(s)
              + " is not a repeated or map field, so it takes no ["
              + segment.key
              + "]. Fix the path in the test.");
    }
    if (segment.index == null) {
      throw new IllegalArgumentException(
          "Field path "
              + ProtoJson.quote(text)
              + ": "
              + fieldAt(s)
              + " is a repeated field: index it with a number, e.g. "
              + segment.name
              + "[0]. Fix the path in the test.");
    }
  }

  private Descriptor nextType(FieldDescriptor field, Segment segment, int s) {
    return nextTypeOf(field.isMapField() ? mapValueField(field) : field, segment, s);
  }

  private Descriptor nextTypeOf(FieldDescriptor valueField, Segment segment, int s) {
    if (valueField.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      throw new IllegalArgumentException(
          "Field path "
              + ProtoJson.quote(text)
              + ": "
              + fieldAt(s)
              + " is a "
              + typeName(valueField)
              + " field, it has no field "
              + ProtoJson.quote(segments.get(s + 1).name)
              + ". Fix the path in the test.");
    }
    return valueField.getMessageType();
  }

  private static FieldDescriptor mapValueField(FieldDescriptor mapField) {
    return mapField.getMessageType().findFieldByNumber(2);
  }

  private Object mapKey(FieldDescriptor field, Segment segment, int s) {
    FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
    String key = segment.key;
    try {
      switch (keyField.getJavaType()) {
        case STRING:
          if (!segment.quotedKey) {
            throw new IllegalArgumentException("a string key is written in quotes");
          }
          return key;
        case INT:
          return keyField.getType() == FieldDescriptor.Type.UINT32
                  || keyField.getType() == FieldDescriptor.Type.FIXED32
              ? Integer.parseUnsignedInt(key)
              : Integer.parseInt(key);
        case LONG:
          return keyField.getType() == FieldDescriptor.Type.UINT64
                  || keyField.getType() == FieldDescriptor.Type.FIXED64
              ? Long.parseUnsignedLong(key)
              : Long.parseLong(key);
        case BOOLEAN:
          if (!key.equals("true") && !key.equals("false")) {
            throw new IllegalArgumentException("a bool key is true or false");
          }
          return Boolean.valueOf(key);
        default:
          throw new IllegalArgumentException("unsupported key type");
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Field path "
              + ProtoJson.quote(text)
              + ": "
              + fieldAt(s)
              + " is a map with "
              + typeName(keyField)
              + " keys, which "
              + (segment.quotedKey ? ProtoJson.quote(key) : key)
              + " is not ("
              + e.getMessage()
              + "); write "
              + (keyField.getJavaType() == FieldDescriptor.JavaType.STRING
                  ? segment.name + "[\"key\"]"
                  : segment.name + "[7]")
              + ". Fix the path in the test.",
          e);
    }
  }

  private static String showKey(Object key) {
    return key instanceof String ? ProtoJson.quote((String) key) : String.valueOf(key);
  }

  private static Map<Object, Object> entries(FieldDescriptor field, Message message) {
    Map<Object, Object> entries = new LinkedHashMap<>();
    for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
      Message entry = (Message) message.getRepeatedField(field, i);
      Descriptor entryType = entry.getDescriptorForType();
      entries.put(
          entry.getField(entryType.findFieldByNumber(1)),
          entry.getField(entryType.findFieldByNumber(2)));
    }
    return entries;
  }

  /** Returns how a field's type reads in messages: {@code string}, {@code shop.Item}. */
  public static String typeName(FieldDescriptor field) {
    if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      return field.getMessageType().getFullName();
    }
    if (field.getJavaType() == FieldDescriptor.JavaType.ENUM) {
      return field.getEnumType().getFullName();
    }
    return field.getType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Returns "the closest fields are: a, b" or the list of all fields. */
  private static String closest(Descriptor type, String name) {
    List<FieldDescriptor> fields = type.getFields();
    if (fields.isEmpty()) {
      return "it has no fields";
    }
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    int limit = Math.max(2, name.length() / 3);
    List<String> close =
        fields.stream()
            .map(f -> Map.entry(f.getJsonName(), distance(lower, f)))
            .filter(e -> e.getValue() <= limit)
            .sorted(Comparator.comparingInt(Map.Entry::getValue))
            .limit(3)
            .map(Map.Entry::getKey)
            .collect(Collectors.toList());
    if (!close.isEmpty()) {
      return "the closest " + (close.size() == 1 ? "is " : "are ") + String.join(", ", close);
    }
    return "its fields are "
        + fields.stream()
            .limit(15)
            .map(FieldDescriptor::getJsonName)
            .collect(Collectors.joining(", "))
        + (fields.size() > 15 ? ", ..." : "");
  }

  private static int distance(String lower, FieldDescriptor field) {
    return Math.min(
        Names.levenshtein(lower, field.getName().toLowerCase(java.util.Locale.ROOT)),
        Names.levenshtein(lower, field.getJsonName().toLowerCase(java.util.Locale.ROOT)));
  }

  /** Converts a protobuf value to its test form; see {@link Value#java()}. */
  public static Object java(FieldDescriptor field, Object raw, boolean selected) {
    if (raw == null) {
      return null;
    }
    if (field.isMapField() && !selected) {
      Map<Object, Object> map = new LinkedHashMap<>();
      FieldDescriptor valueField = mapValueField(field);
      for (Object entry : (List<?>) raw) {
        Message message = (Message) entry;
        map.put(
            message.getField(message.getDescriptorForType().findFieldByNumber(1)),
            java(
                valueField,
                message.getField(message.getDescriptorForType().findFieldByNumber(2)),
                true));
      }
      return map;
    }
    if (field.isMapField()) {
      return java(mapValueField(field), raw, true);
    }
    if (field.isRepeated() && !selected) {
      return ((List<?>) raw).stream().map(v -> java(field, v, true)).collect(Collectors.toList());
    }
    if (field.getJavaType() == FieldDescriptor.JavaType.ENUM) {
      EnumValueDescriptor value = (EnumValueDescriptor) raw;
      return field.getEnumType().findValueByNumber(value.getNumber()) == null
          ? (Object) value.getNumber()
          : value.getName();
    }
    return raw;
  }

  /**
   * Returns whether {@code expected} (a test's Java value) equals the single value {@code raw} of
   * {@code field}; messages compare by protobuf meaning, and a {@code String} for a message field
   * is its protobuf JSON.
   *
   * @throws IllegalArgumentException when {@code expected} cannot be a value of the field
   */
  public static boolean matches(
      FieldDescriptor field, Object raw, Object expected, MessageDiff.Settings settings) {
    Objects.requireNonNull(expected, "expected value (use doesNotHaveField for absence)");
    switch (field.getJavaType()) {
      case MESSAGE:
        Message actualMessage = (Message) raw;
        Message expectedMessage = expectedMessage(field, expected);
        if (!expectedMessage
            .getDescriptorForType()
            .getFullName()
            .equals(actualMessage.getDescriptorForType().getFullName())) {
          return false;
        }
        return MessageDiff.compare(expectedMessage, actualMessage, settings).isEmpty();
      case ENUM:
        int number = ((EnumValueDescriptor) raw).getNumber();
        if (expected instanceof String) {
          EnumValueDescriptor named = field.getEnumType().findValueByName((String) expected);
          if (named == null) {
            throw wrongValue(
                field,
                expected,
                "no value of "
                    + field.getEnumType().getFullName()
                    + " is named so; its values are "
                    + field.getEnumType().getValues().stream()
                        .map(EnumValueDescriptor::getName)
                        .collect(Collectors.joining(", ")));
          }
          return named.getNumber() == number;
        }
        if (expected instanceof ProtocolMessageEnum) {
          return ((ProtocolMessageEnum) expected).getNumber() == number;
        }
        if (expected instanceof EnumValueDescriptor) {
          return ((EnumValueDescriptor) expected).getNumber() == number;
        }
        if (expected instanceof Integer) {
          return (Integer) expected == number;
        }
        throw wrongValue(field, expected, "pass the value's name, number or generated enum");
      case STRING:
        if (expected instanceof CharSequence) {
          return raw.equals(expected.toString());
        }
        throw wrongValue(field, expected, "pass a String");
      case BYTE_STRING:
        if (expected instanceof ByteString) {
          return raw.equals(expected);
        }
        if (expected instanceof byte[]) {
          return Arrays.equals(((ByteString) raw).toByteArray(), (byte[]) expected);
        }
        throw wrongValue(field, expected, "pass a ByteString or byte[]");
      case BOOLEAN:
        if (expected instanceof Boolean) {
          return raw.equals(expected);
        }
        throw wrongValue(field, expected, "pass a Boolean");
      case INT:
      case LONG:
        if (expected instanceof Integer
            || expected instanceof Long
            || expected instanceof Short
            || expected instanceof Byte
            || expected instanceof BigInteger) {
          return integral(field, raw).equals(new BigInteger(expected.toString()));
        }
        throw wrongValue(field, expected, "pass an integral number (int, long or BigInteger)");
      case FLOAT:
        if (expected instanceof Number) {
          return Float.compare((Float) raw, ((Number) expected).floatValue()) == 0;
        }
        throw wrongValue(field, expected, "pass a number");
      case DOUBLE:
        if (expected instanceof Number) {
          return Double.compare((Double) raw, ((Number) expected).doubleValue()) == 0;
        }
        throw wrongValue(field, expected, "pass a number");
      default:
        return Objects.equals(raw, expected);
    }
  }

  private static BigInteger integral(FieldDescriptor field, Object raw) {
    switch (field.getType()) {
      case UINT32:
      case FIXED32:
        return BigInteger.valueOf(Integer.toUnsignedLong((Integer) raw));
      case UINT64:
      case FIXED64:
        return new BigInteger(Long.toUnsignedString((Long) raw));
      default:
        return BigInteger.valueOf(((Number) raw).longValue());
    }
  }

  /** Returns {@code expected} as a message of the field's type: a message, or JSON parsed. */
  public static Message expectedMessage(FieldDescriptor field, Object expected) {
    if (expected instanceof Message) {
      return (Message) expected;
    }
    if (expected instanceof String) {
      Descriptor type = field.getMessageType();
      String json = (String) expected;
      try {
        return ProtoJson.parse(json, type, "The expected value of " + field.getJsonName());
      } catch (IllegalArgumentException e) {
        if (type.getFullName().startsWith("google.protobuf.")) {
          // Well-known types are JSON values: "2024-01-01T00:00:00Z" reads as the timestamp.
          try {
            return ProtoJson.parse(ProtoJson.quote(json), type, "The expected value");
          } catch (IllegalArgumentException ignored) {
            throw e;
          }
        }
        throw e;
      }
    }
    throw wrongValue(field, expected, "pass a Message or its protobuf JSON as a String");
  }

  private static IllegalArgumentException wrongValue(
      FieldDescriptor field, Object expected, String fix) {
    return new IllegalArgumentException(
        "The expected value "
            + (expected instanceof String ? ProtoJson.quote((String) expected) : expected)
            + " ("
            + expected.getClass().getSimpleName()
            + ") cannot be a value of "
            + field.getJsonName()
            + ", a "
            + typeName(field)
            + " field: "
            + fix
            + ".");
  }

  /** Prints a raw value as failure messages show it: JSON-like; lists and maps of those. */
  public static String show(FieldDescriptor field, Object raw, boolean selected) {
    if (raw == null) {
      return "null";
    }
    if (field.isMapField() && !selected) {
      List<String> entries = new ArrayList<>();
      FieldDescriptor valueField = mapValueField(field);
      FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
      for (Object entry : (List<?>) raw) {
        Message message = (Message) entry;
        Descriptor entryType = message.getDescriptorForType();
        entries.add(
            MessageDiff.show(keyField, message.getField(entryType.findFieldByNumber(1)))
                + ": "
                + MessageDiff.show(valueField, message.getField(entryType.findFieldByNumber(2))));
      }
      return "{" + String.join(", ", entries) + "}";
    }
    if (field.isMapField()) {
      return MessageDiff.show(mapValueField(field), raw);
    }
    if (field.isRepeated() && !selected) {
      return ((List<?>) raw)
          .stream()
              .map(v -> MessageDiff.show(field, v))
              .collect(Collectors.joining(", ", "[", "]"));
    }
    return MessageDiff.show(field, raw);
  }

  /** Prints a test's expected value like {@link #show}. */
  public static String showExpected(Object expected) {
    if (expected instanceof String) {
      return ProtoJson.quote((String) expected);
    }
    if (expected instanceof Message) {
      return ProtoJson.compact((Message) expected);
    }
    if (expected instanceof ByteString) {
      return ProtoJson.quote(ProtoJson.base64((ByteString) expected));
    }
    if (expected instanceof byte[]) {
      return ProtoJson.quote(ProtoJson.base64(ByteString.copyFrom((byte[]) expected)));
    }
    if (expected instanceof EnumValueDescriptor) {
      return ((EnumValueDescriptor) expected).getName();
    }
    return String.valueOf(expected);
  }
}
