package dev.grpccontract.compiler.internal;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import dev.grpccontract.compiler.Diagnostic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks that need interpreted options (aliases, open enums, proto3 rules). */
final class Validator {
  private final FileDescriptorProto.Builder file;
  private final SourceTable src;
  private final List<Diagnostic> diagnostics;
  private boolean hadErrors;

  private Validator(FileDescriptorProto.Builder file, SourceTable src, List<Diagnostic> diagnostics) {
    this.file = file;
    this.src = src;
    this.diagnostics = diagnostics;
  }

  static boolean validate(FileDescriptorProto.Builder file, SourceTable src, List<Diagnostic> diagnostics) {
    Validator v = new Validator(file, src, diagnostics);
    v.run();
    return !v.hadErrors;
  }

  private void error(Object element, String kind, String message) {
    hadErrors = true;
    int[] pos = src.get(element, kind);
    if (pos == null) {
      pos = src.get(element, "name");
    }
    diagnostics.add(
        pos == null
            ? Diagnostic.of(file.getName(), 0, 0, message)
            : Diagnostic.of(file.getName(), pos[0] + 1, pos[1] + 1, message));
  }

  private boolean proto3() {
    return "proto3".equals(file.getSyntax());
  }

  private void run() {
    String pkg = file.getPackage();
    String prefix = pkg.isEmpty() ? "" : pkg + ".";
    for (DescriptorProto.Builder m : file.getMessageTypeBuilderList()) {
      message(prefix, m);
    }
    for (EnumDescriptorProto.Builder e : file.getEnumTypeBuilderList()) {
      enumType(prefix, e);
    }
    for (FieldDescriptorProto.Builder x : file.getExtensionBuilderList()) {
      extension(x);
    }
  }

  private void reservedNumber(FieldDescriptorProto.Builder f) {
    if (f.getNumber() >= 19000 && f.getNumber() <= 19999) {
      error(f, "number", "Field numbers 19000 through 19999 are reserved for the protocol buffer library implementation.");
    }
  }

  private void extension(FieldDescriptorProto.Builder x) {
    reservedNumber(x);
    if (proto3() && !x.getExtendee().startsWith(".google.protobuf.") ) {
      error(x, "extendee", "Extensions in proto3 are only allowed for defining options.");
    }
  }

  private void message(String prefix, DescriptorProto.Builder m) {
    String full = prefix + m.getName();
    for (DescriptorProto.Builder n : m.getNestedTypeBuilderList()) {
      message(full + ".", n);
    }
    for (EnumDescriptorProto.Builder e : m.getEnumTypeBuilderList()) {
      enumType(full + ".", e);
    }
    for (FieldDescriptorProto.Builder x : m.getExtensionBuilderList()) {
      extension(x);
    }
    for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
      reservedNumber(f);
    }
    for (FieldDescriptorProto.Builder f : m.getExtensionBuilderList()) {
      reservedNumber(f);
    }
    if (proto3()) {
      Map<String, FieldDescriptorProto.Builder> json = new HashMap<>();
      for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
        String key = Linker.toJsonName(f.getName());
        FieldDescriptorProto.Builder prev = json.putIfAbsent(key, f);
        if (prev != null && !src.hasExplicitJsonName(f) && !src.hasExplicitJsonName(prev)) {
          error(f, "name", "The default JSON name of field \"" + f.getName() + "\" (\"" + Linker.toJsonName(f.getName()) + "\") conflicts with the default JSON name of field \"" + prev.getName() + "\".");
        }
      }
      if (m.getExtensionRangeCount() > 0) {
        error(m.getExtensionRangeBuilder(0), "number", "Extension ranges are not allowed in proto3.");
      }
    }
  }

  private static int nextEnumValue(EnumDescriptorProto.Builder e) {
    java.util.Set<Integer> used = new java.util.HashSet<>();
    for (EnumValueDescriptorProto.Builder v : e.getValueBuilderList()) {
      used.add(v.getNumber());
    }
    int n = 0;
    outer:
    while (true) {
      if (used.contains(n)) {
        n++;
        continue;
      }
      for (var r : e.getReservedRangeBuilderList()) {
        if (r.getStart() <= n && n <= r.getEnd()) {
          n = r.getEnd() + 1;
          continue outer;
        }
      }
      return n;
    }
  }

  private void enumType(String prefix, EnumDescriptorProto.Builder e) {
    String full = prefix + e.getName();
    boolean open = proto3();
    if (file.getSyntax().equals("editions")) {
      open = !e.getOptions().getFeatures().hasEnumType()
          ? !file.getOptions().getFeatures().hasEnumType()
              || file.getOptions().getFeatures().getEnumType()
                  == com.google.protobuf.DescriptorProtos.FeatureSet.EnumType.OPEN
          : e.getOptions().getFeatures().getEnumType()
              == com.google.protobuf.DescriptorProtos.FeatureSet.EnumType.OPEN;
    }
    if (open && e.getValueCount() > 0 && e.getValue(0).getNumber() != 0) {
      error(e.getValueBuilder(0), "number", "The first enum value must be zero for open enums.");
    }
    Map<Integer, EnumValueDescriptorProto.Builder> byNumber = new HashMap<>();
    boolean aliases = false;
    for (EnumValueDescriptorProto.Builder v : e.getValueBuilderList()) {
      EnumValueDescriptorProto.Builder prev = byNumber.putIfAbsent(v.getNumber(), v);
      if (prev != null) {
        aliases = true;
        if (!e.getOptions().getAllowAlias()) {
          error(v, "number", "\"" + prefix + v.getName() + "\" uses the same enum value as \"" + prefix + prev.getName() + "\". If this is intended, set 'option allow_alias = true;' to the enum definition. The next available enum value is " + nextEnumValue(e) + ".");
        }
      }
    }
    if (e.getOptions().getAllowAlias() && !aliases) {
      error(e, "name", "\"" + full + "\" declares support for enum aliases but no enum values share field numbers. Please remove the unnecessary 'option allow_alias = true;' declaration.");
    }
  }
}
