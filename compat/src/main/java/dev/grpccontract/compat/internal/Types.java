package dev.grpccontract.compat.internal;

import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.Type;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Field type comparisons: sameness, and the changes the binary and JSON encodings accept. */
final class Types {
  private static final List<Set<Type>> WIRE_GROUPS =
      List.of(
          EnumSet.of(Type.INT32, Type.UINT32, Type.INT64, Type.UINT64, Type.BOOL),
          EnumSet.of(Type.SINT32, Type.SINT64),
          EnumSet.of(Type.FIXED32, Type.SFIXED32),
          EnumSet.of(Type.FIXED64, Type.SFIXED64));
  private static final List<Set<Type>> JSON_GROUPS =
      List.of(
          EnumSet.of(Type.INT32, Type.UINT32),
          EnumSet.of(Type.INT64, Type.UINT64),
          EnumSet.of(Type.FIXED32, Type.SFIXED32),
          EnumSet.of(Type.FIXED64, Type.SFIXED64));

  private Types() {}

  static String describe(FieldDescriptor f) {
    if (f.isMapField()) {
      return "map<"
          + describe(f.getMessageType().findFieldByNumber(1))
          + ", "
          + describe(f.getMessageType().findFieldByNumber(2))
          + ">";
    }
    switch (f.getType()) {
      case MESSAGE:
      case GROUP:
        return f.getMessageType().getFullName();
      case ENUM:
        return f.getEnumType().getFullName();
      default:
        return f.getType().name().toLowerCase(Locale.ROOT);
    }
  }

  static boolean same(FieldDescriptor b, FieldDescriptor a) {
    if (b.isMapField() && a.isMapField()) {
      return same(key(b), key(a)) && same(value(b), value(a));
    }
    if (b.getType() != a.getType()) {
      return false;
    }
    switch (b.getType()) {
      case MESSAGE:
      case GROUP:
        return b.getMessageType().getFullName().equals(a.getMessageType().getFullName());
      case ENUM:
        return b.getEnumType().getFullName().equals(a.getEnumType().getFullName());
      default:
        return true;
    }
  }

  /** Returns null when the binary encoding accepts the change, else why not (", ..."). */
  static String wireProblem(FieldDescriptor b, FieldDescriptor a) {
    return problem(b, a, WIRE_GROUPS, true);
  }

  /** Returns null when both encodings accept the change, else why not (", ..."). */
  static String wireJsonProblem(FieldDescriptor b, FieldDescriptor a) {
    return problem(b, a, JSON_GROUPS, false);
  }

  private static String problem(
      FieldDescriptor b, FieldDescriptor a, List<Set<Type>> groups, boolean stringToBytes) {
    if (b.isMapField() && a.isMapField()) {
      String k = problem(key(b), key(a), groups, stringToBytes);
      return k != null ? k : problem(value(b), value(a), groups, stringToBytes);
    }
    if (same(b, a)) {
      return null;
    }
    Type bt = b.getType();
    Type at = a.getType();
    for (Set<Type> group : groups) {
      if (group.contains(bt) && group.contains(at)) {
        return null;
      }
    }
    if (stringToBytes && bt == Type.STRING && at == Type.BYTES) {
      return null;
    }
    if (stringToBytes && bt == Type.BYTES && at == Type.STRING) {
      return ", which only works while every value is valid UTF-8";
    }
    if (bt == Type.ENUM && at == Type.ENUM) {
      EnumDescriptor be = b.getEnumType();
      EnumDescriptor ae = a.getEnumType();
      if (!be.getName().equals(ae.getName())) {
        return ", an enum of another name";
      }
      return enumSubset(be, ae) ? null : ", an enum that lacks values of the old one";
    }
    return stringToBytes
        ? ", which the binary encoding does not accept"
        : ", which the binary or the JSON encoding does not accept";
  }

  /** Whether every name and number of {@code before} is also in {@code after}. */
  static boolean enumSubset(EnumDescriptor before, EnumDescriptor after) {
    for (EnumValueDescriptor v : before.getValues()) {
      EnumValueDescriptor w = after.findValueByName(v.getName());
      if (w == null || w.getNumber() != v.getNumber()) {
        return false;
      }
    }
    return true;
  }

  static FieldDescriptor key(FieldDescriptor map) {
    return map.getMessageType().findFieldByNumber(1);
  }

  static FieldDescriptor value(FieldDescriptor map) {
    return map.getMessageType().findFieldByNumber(2);
  }
}
