package dev.grpccontract.client.internal;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.grpccontract.internal.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads one value out of a message by a field path, in the syntax the assertions use: {@code
 * order.items[0].sku}, {@code labels["env"]}, {@code stock[7]}. A segment is a field name (its JSON
 * name or its {@code .proto} name), optionally followed by an index for a repeated field or a key
 * for a map field ({@code ["env"]} for string keys, {@code [7]} or {@code [true]} for others).
 *
 * <p>Values come back as protobuf-java's getters give them, except that an enum value is its name,
 * a repeated field is a {@code List}, and a map field is a {@code Map}. An unset field reads as its
 * default, as the getters read it.
 *
 * <p>A small reader of its own while the assertions module's path parser lives there; the two share
 * the syntax and are meant to become one.
 */
public final class FieldReader {

  private FieldReader() {}

  /**
   * Returns the value at {@code path} in {@code message}.
   *
   * @throws IllegalArgumentException when the path is malformed or does not fit the message type
   *     (naming the segment and the closest field names)
   * @throws NoSuchElementException when it fits the type but not the data: an index past the end,
   *     an absent map key
   */
  public static Object read(Message message, String path) {
    Object current = message;
    String done = "";
    for (Segment segment : parse(path)) {
      if (!(current instanceof Message)) {
        throw new IllegalArgumentException(
            "Field path '"
                + path
                + "': '"
                + done
                + "' is not a message, so it has no field '"
                + segment.name
                + "'");
      }
      Message parent = (Message) current;
      FieldDescriptor field = field(parent.getDescriptorForType(), segment.name, path);
      String here = done.isEmpty() ? segment.name : done + "." + segment.name;
      if (segment.key == null) {
        current = whole(parent, field);
      } else if (field.isMapField()) {
        current = entry(parent, field, segment, path, here);
      } else if (field.isRepeated()) {
        if (segment.index == null) {
          throw new IllegalArgumentException(
              "Field path '" + path + "': '" + here + "' is a list; index it with a number");
        }
        int size = parent.getRepeatedFieldCount(field);
        if (segment.index < 0 || segment.index >= size) {
          throw new NoSuchElementException(
              "Field path '"
                  + path
                  + "': '"
                  + here
                  + "' has "
                  + size
                  + " elements, no element "
                  + segment.index);
        }
        current = single(field, parent.getRepeatedField(field, segment.index));
      } else {
        throw new IllegalArgumentException(
            "Field path '" + path + "': '" + here + "' is neither a list nor a map");
      }
      done = here + (segment.key == null ? "" : "[" + segment.key + "]");
    }
    return current;
  }

  private static FieldDescriptor field(Descriptor type, String name, String path) {
    FieldDescriptor field = type.findFieldByName(name);
    if (field == null) {
      for (FieldDescriptor candidate : type.getFields()) {
        if (candidate.getJsonName().equals(name)) {
          field = candidate;
          break;
        }
      }
    }
    if (field == null) {
      List<String> names = new ArrayList<>();
      for (FieldDescriptor candidate : type.getFields()) {
        names.add(candidate.getName());
      }
      throw new IllegalArgumentException(
          "Field path '"
              + path
              + "': "
              + type.getFullName()
              + " has no field '"
              + name
              + "'"
              + Names.didYouMean(name, names));
    }
    return field;
  }

  private static Object whole(Message parent, FieldDescriptor field) {
    if (field.isMapField()) {
      Map<Object, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < parent.getRepeatedFieldCount(field); i++) {
        Message entry = (Message) parent.getRepeatedField(field, i);
        FieldDescriptor value = field.getMessageType().findFieldByNumber(2);
        map.put(
            entry.getField(field.getMessageType().findFieldByNumber(1)),
            single(value, entry.getField(value)));
      }
      return map;
    }
    if (field.isRepeated()) {
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < parent.getRepeatedFieldCount(field); i++) {
        list.add(single(field, parent.getRepeatedField(field, i)));
      }
      return list;
    }
    return single(field, parent.getField(field));
  }

  private static Object entry(
      Message parent, FieldDescriptor field, Segment segment, String path, String here) {
    FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
    FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
    if (keyField.getJavaType() == FieldDescriptor.JavaType.STRING && !segment.quoted) {
      throw new IllegalArgumentException(
          "Field path '"
              + path
              + "': the keys of '"
              + here
              + "' are strings; write ["
              + '"'
              + segment.key
              + '"'
              + "]");
    }
    for (int i = 0; i < parent.getRepeatedFieldCount(field); i++) {
      Message entry = (Message) parent.getRepeatedField(field, i);
      if (String.valueOf(entry.getField(keyField)).equals(segment.key)) {
        return single(valueField, entry.getField(valueField));
      }
    }
    throw new NoSuchElementException(
        "Field path '" + path + "': '" + here + "' has no key " + segment.key);
  }

  private static Object single(FieldDescriptor field, Object value) {
    return field.getJavaType() == FieldDescriptor.JavaType.ENUM
        ? ((EnumValueDescriptor) value).getName()
        : value;
  }

  private record Segment(String name, Integer index, String key, boolean quoted) {}

  private static List<Segment> parse(String path) {
    List<Segment> segments = new ArrayList<>();
    int i = 0;
    int n = path.length();
    while (true) {
      int start = i;
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
          StringBuilder text = new StringBuilder();
          int j = i + 2;
          while (j < n && path.charAt(j) != '"') {
            if (path.charAt(j) == '\\' && j + 1 < n) {
              j++;
            }
            text.append(path.charAt(j));
            j++;
          }
          if (j + 1 >= n || path.charAt(j + 1) != ']') {
            throw malformed(path, "the key at position " + i + " is not closed with \"]");
          }
          key = text.toString();
          quoted = true;
          close = j + 1;
        } else {
          close = path.indexOf(']', i);
          if (close < 0) {
            throw malformed(path, "the [ at position " + i + " is not closed");
          }
          key = path.substring(i + 1, close).trim();
          if (key.isEmpty()) {
            throw malformed(path, "the [] at position " + i + " is empty");
          }
          if (key.matches("-?\\d+")) {
            index = Integer.valueOf(key);
          }
        }
        i = close + 1;
      }
      segments.add(new Segment(name, index, key, quoted));
      if (i >= n) {
        return segments;
      }
      if (path.charAt(i) != '.') {
        throw malformed(path, "expected . or the end at position " + i);
      }
      i++;
    }
  }

  private static IllegalArgumentException malformed(String path, String why) {
    return new IllegalArgumentException("Malformed field path '" + path + "': " + why);
  }
}
