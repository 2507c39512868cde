package dev.grpccontract.compiler.internal;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FeatureSet;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import dev.grpccontract.compiler.Diagnostic;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks that need interpreted options (aliases, open enums, proto3 rules, JSON names). */
final class Validator {
  /** MessageOptions.deprecated_legacy_json_field_conflicts, read without the deprecated getter. */
  private static final com.google.protobuf.Descriptors.FieldDescriptor LEGACY_JSON =
      com.google.protobuf.DescriptorProtos.MessageOptions.getDescriptor()
          .findFieldByName("deprecated_legacy_json_field_conflicts");

  private final FileDescriptorProto.Builder file;
  private final SourceTable src;
  private final com.google.protobuf.Descriptors.FileDescriptor built;
  private final List<Diagnostic> diagnostics;
  private boolean hadErrors;

  private Validator(
      FileDescriptorProto.Builder file,
      SourceTable src,
      com.google.protobuf.Descriptors.FileDescriptor built,
      List<Diagnostic> diagnostics) {
    this.file = file;
    this.src = src;
    this.built = built;
    this.diagnostics = diagnostics;
  }

  /** Validates; {@code built} is the file built by protobuf-java, or null when that failed. */
  static boolean validate(
      FileDescriptorProto.Builder file,
      SourceTable src,
      com.google.protobuf.Descriptors.FileDescriptor built,
      java.util.function.Function<String, com.google.protobuf.Descriptors.EnumDescriptor> enumLookup,
      List<Diagnostic> diagnostics) {
    Validator v = new Validator(file, src, built, diagnostics);
    v.run();
    if (!v.hadErrors) {
      new FeatureValidator(v, enumLookup).run();
    }
    return !v.hadErrors;
  }

  void report(Object element, String kind, String message) {
    error(element, kind, message);
  }

  FileDescriptorProto.Builder file() {
    return file;
  }

  com.google.protobuf.Descriptors.FileDescriptor built() {
    return built;
  }

  boolean hadErrors() {
    return hadErrors;
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
      reservedNumber(x);
    }
    if (proto3()) {
      for (FieldDescriptorProto.Builder x : file.getExtensionBuilderList()) {
        proto3Extension(x);
      }
      for (DescriptorProto.Builder m : file.getMessageTypeBuilderList()) {
        proto3Message(m);
      }
    }
  }

  private void reservedNumber(FieldDescriptorProto.Builder f) {
    if (f.getNumber() >= 19000 && f.getNumber() <= 19999) {
      error(f, "number", "Field numbers 19000 through 19999 are reserved for the protocol buffer library implementation.");
    }
  }

  private void proto3Extension(FieldDescriptorProto.Builder x) {
    if (!x.getExtendee().startsWith(".google.protobuf.") || !x.getExtendee().endsWith("Options")) {
      error(x, "extendee", "Extensions in proto3 are only allowed for defining options.");
    }
  }

  private void proto3Message(DescriptorProto.Builder m) {
    for (DescriptorProto.Builder n : m.getNestedTypeBuilderList()) {
      proto3Message(n);
    }
    for (FieldDescriptorProto.Builder x : m.getExtensionBuilderList()) {
      proto3Extension(x);
    }
    if (m.getExtensionRangeCount() > 0) {
      error(m.getExtensionRangeBuilder(0), "number", "Extension ranges are not allowed in proto3.");
    }
    if (m.getOptions().getMessageSetWireFormat()) {
      error(m, "name", "MessageSet is not supported in proto3.");
    }
  }

  private boolean legacyJson() {
    FeatureSet fs = file.getOptions().getFeatures();
    if (fs.hasJsonFormat()) {
      return fs.getJsonFormat() == FeatureSet.JsonFormat.LEGACY_BEST_EFFORT;
    }
    return !proto3() && !"editions".equals(file.getSyntax());
  }

  private void message(String prefix, DescriptorProto.Builder m) {
    String full = prefix + m.getName();
    for (DescriptorProto.Builder n : m.getNestedTypeBuilderList()) {
      message(full + ".", n);
    }
    for (EnumDescriptorProto.Builder e : m.getEnumTypeBuilderList()) {
      enumType(full + ".", e);
    }
    for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
      reservedNumber(f);
    }
    for (FieldDescriptorProto.Builder f : m.getExtensionBuilderList()) {
      reservedNumber(f);
    }
    boolean legacy = legacyJson() || Boolean.TRUE.equals(m.getOptions().getField(LEGACY_JSON));
    Map<String, FieldDescriptorProto.Builder> json = new HashMap<>();
    for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
      boolean custom = src.hasExplicitJsonName(f);
      String key = custom ? f.getJsonName() : Linker.toJsonName(f.getName());
      FieldDescriptorProto.Builder prev = json.putIfAbsent(key, f);
      if (prev == null) {
        continue;
      }
      boolean prevCustom = src.hasExplicitJsonName(prev);
      if (legacy && !(custom && prevCustom)) {
        continue;
      }
      error(f, "name", "The " + (custom ? "custom" : "default") + " JSON name of field \"" + f.getName() + "\" (\"" + key + "\") conflicts with the " + (prevCustom ? "custom" : "default") + " JSON name of field \"" + prev.getName() + "\".");
    }
  }

  private static int nextEnumValue(EnumDescriptorProto.Builder e, int from) {
    Set<Integer> used = new HashSet<>();
    for (EnumValueDescriptorProto.Builder v : e.getValueBuilderList()) {
      used.add(v.getNumber());
    }
    int n = from;
    while (used.contains(n) && n < Integer.MAX_VALUE) {
      n++;
    }
    return n;
  }

  private void enumType(String prefix, EnumDescriptorProto.Builder e) {
    String full = prefix + e.getName();
    boolean open = proto3();
    if (file.getSyntax().equals("editions")) {
      open = !e.getOptions().getFeatures().hasEnumType()
          ? !file.getOptions().getFeatures().hasEnumType()
              || file.getOptions().getFeatures().getEnumType() == FeatureSet.EnumType.OPEN
          : e.getOptions().getFeatures().getEnumType() == FeatureSet.EnumType.OPEN;
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
          error(v, "number", "\"" + prefix + v.getName() + "\" uses the same enum value as \"" + prefix + prev.getName() + "\". If this is intended, set 'option allow_alias = true;' to the enum definition. The next available enum value is " + nextEnumValue(e, v.getNumber()) + ".");
        }
      }
    }
    if (e.getOptions().hasAllowAlias() && !e.getOptions().getAllowAlias()) {
      error(e, "other", "\"" + full + "\" declares 'option allow_alias = false;' which has no effect. Please remove the declaration.");
    }
    if (e.getOptions().getAllowAlias() && !aliases) {
      error(e, "other", "\"" + full + "\" declares support for enum aliases but no enum values share field numbers. Please remove the unnecessary 'option allow_alias = true;' declaration.");
    }
  }
}
