package dev.grpccontract.compat.internal;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares two message types by structure (field numbers, cardinalities, encodings, nested types
 * recursively, and JSON names when JSON matters), not by name.
 */
final class Shapes {
  enum Kind {
    IDENTICAL,
    COMPATIBLE,
    INCOMPATIBLE
  }

  /** A comparison's outcome and, unless identical, the differences in words. */
  static final class Verdict {
    private final Kind kind;
    private final String detail;

    Verdict(Kind kind, String detail) {
      this.kind = kind;
      this.detail = detail;
    }

    Kind kind() {
      return kind;
    }

    String detail() {
      return detail;
    }
  }

  private final boolean json;
  private final Set<String> visited = new HashSet<>();
  private final List<String> breaks = new ArrayList<>();
  private final List<String> differences = new ArrayList<>();

  private Shapes(boolean json) {
    this.json = json;
  }

  static Verdict compare(Descriptor before, Descriptor after, boolean json) {
    Shapes s = new Shapes(json);
    s.walk(before, after, "");
    if (!s.breaks.isEmpty()) {
      return new Verdict(Kind.INCOMPATIBLE, summary(s.breaks));
    }
    if (!s.differences.isEmpty()) {
      return new Verdict(Kind.COMPATIBLE, summary(s.differences));
    }
    return new Verdict(Kind.IDENTICAL, "");
  }

  private static String summary(List<String> items) {
    List<String> first = items.subList(0, Math.min(3, items.size()));
    return String.join("; ", first)
        + (items.size() > 3 ? "; and " + (items.size() - 3) + " more" : "");
  }

  private void walk(Descriptor b, Descriptor a, String prefix) {
    if (!visited.add(b.getFullName() + "|" + a.getFullName())) {
      return;
    }
    for (FieldDescriptor bf : b.getFields()) {
      FieldDescriptor af = a.findFieldByNumber(bf.getNumber());
      String name = prefix + bf.getName() + " (" + bf.getNumber() + ")";
      if (af == null) {
        (bf.isRequired() ? breaks : differences).add("field " + name + " is gone");
        continue;
      }
      Cardinality bc = Cardinality.of(bf);
      Cardinality ac = Cardinality.of(af);
      if (bc != ac) {
        boolean ok = json ? bc.wireJsonCompatible(ac) : bc.wireCompatible(ac);
        (ok ? differences : breaks)
            .add("field " + name + " changed from " + bc.text + " to " + ac.text);
      }
      if (json && !bf.getJsonName().equals(af.getJsonName())) {
        breaks.add("field " + name + " changed its JSON name to \"" + af.getJsonName() + "\"");
      } else if (!bf.getName().equals(af.getName())) {
        differences.add("field " + name + " is now named " + af.getName());
      }
      boolean bMessage = bf.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
      boolean aMessage = af.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
      if (bMessage && aMessage && bf.getType() == af.getType() && !bf.isMapField()) {
        walk(bf.getMessageType(), af.getMessageType(), prefix + bf.getName() + ".");
      } else if (bf.getType() == FieldDescriptor.Type.ENUM
          && af.getType() == FieldDescriptor.Type.ENUM) {
        if (!Types.enumSubset(bf.getEnumType(), af.getEnumType())) {
          (json ? breaks : differences)
              .add("field " + name + " has an enum that lacks values of the old one");
        }
      } else if (!Types.same(bf, af)) {
        String problem = json ? Types.wireJsonProblem(bf, af) : Types.wireProblem(bf, af);
        String change =
            "field " + name + " changed from " + Types.describe(bf) + " to " + Types.describe(af);
        if (problem != null) {
          breaks.add(change + problem);
        } else {
          differences.add(change);
        }
      }
    }
    for (FieldDescriptor af : a.getFields()) {
      if (b.findFieldByNumber(af.getNumber()) == null) {
        String name = prefix + af.getName() + " (" + af.getNumber() + ")";
        (af.isRequired() ? breaks : differences)
            .add((af.isRequired() ? "required field " : "field ") + name + " is new");
      }
    }
  }
}
