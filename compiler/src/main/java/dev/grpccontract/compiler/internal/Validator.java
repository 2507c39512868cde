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
  private java.util.function.Function<String, com.google.protobuf.Descriptors.EnumDescriptor>
      enumLookup;
  private java.util.function.Function<
          String, com.google.protobuf.DescriptorProtos.DescriptorProtoOrBuilder>
      messageLookup;
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
      java.util.function.Function<String, com.google.protobuf.Descriptors.EnumDescriptor>
          enumLookup,
      java.util.function.Function<
              String, com.google.protobuf.DescriptorProtos.DescriptorProtoOrBuilder>
          messageLookup,
      List<Diagnostic> diagnostics,
      List<Diagnostic> warnings,
      List<String> targetErrors) {
    Validator v = new Validator(file, src, built, diagnostics);
    v.warnings = warnings;
    v.targetErrors = targetErrors;
    v.enumLookup = enumLookup;
    v.messageLookup = messageLookup;
    // protoc resolves features before it validates, and validates nothing after an error there
    if (!new FeatureValidator(v, enumLookup).knownFeatureValues()) {
      return false;
    }
    v.run();
    if (!v.hadErrors) {
      new FeatureValidator(v, enumLookup).run();
    }
    return !v.hadErrors;
  }

  /** Errors protoc's command line reports once every file compiled: option targets. */
  private List<String> targetErrors = new java.util.ArrayList<>();

  void targetError(String message) {
    targetErrors.add(message);
  }

  void report(Object element, String kind, String message) {
    error(element, kind, message);
  }

  private List<Diagnostic> warnings = new java.util.ArrayList<>();

  void warn(Object element, String message) {
    int[] pos = src.get(element, "name");
    warnings.add(
        pos == null
            ? Diagnostic.warning(file.getName(), 0, 0, message)
            : Diagnostic.warning(file.getName(), pos[0] + 1, pos[1] + 1, message));
  }

  com.google.protobuf.DescriptorProtos.DescriptorProtoOrBuilder message(String fullName) {
    return messageLookup == null ? null : messageLookup.apply(fullName);
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
    // file-level checks come first, then every element in protoc's visiting order
    if ("editions".equals(file.getSyntax())) {
      if (file.getOptions().getFeatures().getFieldPresence()
          == FeatureSet.FieldPresence.LEGACY_REQUIRED) {
        error(file, "syntax", "Required presence can't be specified by default.");
      }
      if (file.getOptions().getJavaStringCheckUtf8()) {
        error(
            file,
            "syntax",
            "File option java_string_check_utf8 is not allowed under editions. Use the (pb.java).utf8_validation feature to control this behavior.");
      }
    }
    if (proto3()) {
      for (FieldDescriptorProto.Builder x : file.getExtensionBuilderList()) {
        proto3Field(x, null);
      }
      for (DescriptorProto.Builder m : file.getMessageTypeBuilderList()) {
        proto3Message(prefix, m);
      }
    }
    for (DescriptorProto.Builder m : file.getMessageTypeBuilderList()) {
      message(prefix, m);
    }
    for (EnumDescriptorProto.Builder e : file.getEnumTypeBuilderList()) {
      enumType(prefix, e);
    }
    for (FieldDescriptorProto.Builder x : file.getExtensionBuilderList()) {
      declaredExtension(x, prefix + x.getName());
    }
    if (!hadErrors) {
      for (DescriptorProto.Builder m : file.getMessageTypeBuilderList()) {
        reservedNumbers(m);
      }
      for (FieldDescriptorProto.Builder x : file.getExtensionBuilderList()) {
        reservedNumber(x);
      }
    }
  }

  private void reservedNumbers(DescriptorProto.Builder m) {
    for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
      reservedNumber(f);
    }
    for (DescriptorProto.Builder n : m.getNestedTypeBuilderList()) {
      reservedNumbers(n);
    }
    for (FieldDescriptorProto.Builder f : m.getExtensionBuilderList()) {
      reservedNumber(f);
    }
  }

  private void mapKey(DescriptorProto.Builder m, FieldDescriptorProto.Builder f) {
    if (f.getLabel() != FieldDescriptorProto.Label.LABEL_REPEATED
        || !f.getTypeName().startsWith(".")) {
      return;
    }
    for (DescriptorProto.Builder n : m.getNestedTypeBuilderList()) {
      if (n.getOptions().getMapEntry()
          && f.getTypeName().endsWith("." + n.getName())
          && n.getFieldCount() > 1) {
        switch (n.getField(0).getType()) {
          case TYPE_FLOAT, TYPE_DOUBLE, TYPE_BYTES, TYPE_MESSAGE, TYPE_GROUP ->
              error(f, "type", "Key in map fields cannot be float/double, bytes or message types.");
          case TYPE_ENUM -> error(f, "type", "Key in map fields cannot be enum types.");
          default -> {}
        }
        FieldDescriptorProto.Builder value = n.getFieldBuilder(1);
        if (value.getType() == FieldDescriptorProto.Type.TYPE_ENUM
            && value.getTypeName().startsWith(".")
            && enumFirstValue(value.getTypeName().substring(1)) != 0) {
          error(f, "type", "Enum value in map must define 0 as the first value.");
        }
        return;
      }
    }
  }

  private int enumFirstValue(String fullName) {
    com.google.protobuf.Descriptors.EnumDescriptor e =
        enumLookup == null ? null : enumLookup.apply(fullName);
    if (e != null && !e.getValues().isEmpty()) {
      return e.getValues().get(0).getNumber();
    }
    return 0;
  }

  private void reservedNumber(FieldDescriptorProto.Builder f) {
    if (f.getNumber() >= 19000 && f.getNumber() <= 19999) {
      error(
          null,
          "number",
          "Field numbers 19000 through 19999 are reserved for the protocol buffer library implementation.");
    }
  }

  private void proto3Field(FieldDescriptorProto.Builder f, String owner) {
    if (f.hasExtendee()
        && (!f.getExtendee().startsWith(".google.protobuf.")
            || !f.getExtendee().endsWith("Options"))) {
      error(f, "extendee", "Extensions in proto3 are only allowed for defining options.");
    }
    if (f.getLabel() == FieldDescriptorProto.Label.LABEL_REQUIRED) {
      error(f, "type", "Required fields are not allowed in proto3.");
    }
    if (f.hasDefaultValue()) {
      error(f, "default", "Explicit default values are not allowed in proto3.");
    }
    if (owner != null
        && f.getType() == FieldDescriptorProto.Type.TYPE_ENUM
        && closedEnum(f.getTypeName())) {
      error(
          f,
          "type",
          "Enum type \""
              + f.getTypeName().substring(1)
              + "\" is not an open enum, but is used in \""
              + owner
              + "\" which is a proto3 message type.");
    }
    if (f.getType() == FieldDescriptorProto.Type.TYPE_GROUP) {
      error(f, "type", "Groups are not supported in proto3 syntax.");
    }
  }

  private void proto3Message(String prefix, DescriptorProto.Builder m) {
    String full = prefix + m.getName();
    for (DescriptorProto.Builder n : m.getNestedTypeBuilderList()) {
      proto3Message(full + ".", n);
    }
    for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
      proto3Field(f, full);
    }
    for (FieldDescriptorProto.Builder x : m.getExtensionBuilderList()) {
      proto3Field(x, full);
    }
    if (m.getExtensionRangeCount() > 0) {
      error(m.getExtensionRangeBuilder(0), "number", "Extension ranges are not allowed in proto3.");
    }
    if (m.getOptions().getMessageSetWireFormat()) {
      error(m, "name", "MessageSet is not supported in proto3.");
    }
  }

  /** One of protoc's two passes over the JSON names of a message's fields. */
  private void jsonNames(DescriptorProto.Builder m, boolean useCustom, boolean legacy) {
    Map<String, FieldDescriptorProto.Builder> seen = new HashMap<>();
    Map<String, Boolean> seenCustom = new HashMap<>();
    for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
      String defaultName = Linker.toJsonName(f.getName());
      boolean custom =
          useCustom && src.hasExplicitJsonName(f) && !f.getJsonName().equals(defaultName);
      String name = custom ? f.getJsonName() : defaultName;
      if (custom && name.startsWith("[") && name.endsWith("]")) {
        error(
            f,
            "name",
            "The custom JSON name of field \""
                + f.getName()
                + "\" (\""
                + name
                + "\") is invalid: JSON names may not start with '[' and end with ']'.");
        continue;
      }
      FieldDescriptorProto.Builder prev = seen.putIfAbsent(name, f);
      if (prev == null) {
        seenCustom.put(name, custom);
        continue;
      }
      boolean prevCustom = seenCustom.get(name);
      if (useCustom && !custom && !prevCustom) {
        // the first pass reported it
        continue;
      }
      String message =
          "The "
              + (custom ? "custom" : "default")
              + " JSON name of field \""
              + f.getName()
              + "\" (\""
              + name
              + "\") conflicts with the "
              + (prevCustom ? "custom" : "default")
              + " JSON name of field \""
              + prev.getName()
              + "\".";
      if (legacy && !(custom && prevCustom)) {
        // protoc only warns when a default name is involved under legacy JSON handling
        warn(f, message);
      } else {
        error(f, "name", message);
      }
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
    message(prefix, m, legacyJson());
  }

  /** {@code legacy}: whether the enclosing scope's json_format is LEGACY_BEST_EFFORT. */
  private void message(String prefix, DescriptorProto.Builder m, boolean legacy) {
    String full = prefix + m.getName();
    FeatureSet features = m.getOptions().getFeatures();
    if (features.hasJsonFormat()) {
      legacy = features.getJsonFormat() == FeatureSet.JsonFormat.LEGACY_BEST_EFFORT;
    }
    // like protoc: unless the message keeps the legacy conflicts, once with the default names
    // only (as field masks use them), then with the custom ones
    if (!Boolean.TRUE.equals(m.getOptions().getField(LEGACY_JSON))) {
      jsonNames(m, false, legacy);
      jsonNames(m, true, legacy);
    }
    extensionRanges(full, m);
    for (EnumDescriptorProto.Builder e : m.getEnumTypeBuilderList()) {
      enumType(full + ".", e);
    }
    for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
      mapKey(m, f);
    }
    for (DescriptorProto.Builder n : m.getNestedTypeBuilderList()) {
      message(full + ".", n, legacy);
    }
    for (FieldDescriptorProto.Builder x : m.getExtensionBuilderList()) {
      declaredExtension(x, full + "." + x.getName());
    }
  }

  private static final Set<String> NON_MESSAGE_TYPES =
      Set.of(
          "double",
          "float",
          "int64",
          "uint64",
          "int32",
          "fixed32",
          "fixed64",
          "bool",
          "string",
          "bytes",
          "uint32",
          "enum",
          "sfixed32",
          "sfixed64",
          "sint32",
          "sint64");

  private static String symbolProblem(String symbol) {
    if (!symbol.startsWith(".")) {
      return "\"" + symbol + "\" must have a leading dot to indicate the fully-qualified scope.";
    }
    for (String part : symbol.substring(1).split("\\.", -1)) {
      if (part.isEmpty() || !part.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        return "\"" + symbol + "\" contains invalid identifiers.";
      }
    }
    return null;
  }

  /** protoc's checks of the extension declarations of a message's ranges. */
  private void extensionRanges(String full, DescriptorProto.Builder m) {
    Set<String> names = new HashSet<>();
    long max = m.getOptions().getMessageSetWireFormat() ? Integer.MAX_VALUE : 536870911L;
    for (DescriptorProto.ExtensionRange.Builder r : m.getExtensionRangeBuilderList()) {
      if (r.getEnd() > max + 1) {
        error(null, "number", "Extension numbers cannot be greater than " + max + ".");
      }
      var o = r.getOptions();
      if (o.getDeclarationCount() == 0) {
        continue;
      }
      if (o.hasVerification()
          && o.getVerification()
              == com.google.protobuf.DescriptorProtos.ExtensionRangeOptions.VerificationState
                  .UNVERIFIED) {
        error(
            null,
            "extendee",
            "Cannot mark the extension range as UNVERIFIED when it has extension(s) declared.");
        return;
      }
      declarations(r, names);
    }
  }

  private void declarations(DescriptorProto.ExtensionRange.Builder r, Set<String> names) {
    var o = r.getOptions();
    {
      Set<Integer> numbers = new HashSet<>();
      for (var d : o.getDeclarationList()) {
        if (d.getNumber() < r.getStart() || d.getNumber() >= r.getEnd()) {
          error(
              r,
              "number",
              "Extension declaration number " + d.getNumber() + " is not in the extension range.");
        }
        if (!numbers.add(d.getNumber())) {
          error(
              r,
              "number",
              "Extension declaration number " + d.getNumber() + " is declared multiple times.");
        }
        if (!d.hasFullName() || !d.hasType()) {
          if (d.hasFullName() != d.hasType() || !d.getReserved()) {
            error(
                null,
                "extendee",
                "Extension declaration #"
                    + d.getNumber()
                    + " should have both \"full_name\" and \"type\" set.");
          }
        } else {
          if (!names.add(d.getFullName())) {
            error(
                null,
                "name",
                "Extension field name \"" + d.getFullName() + "\" is declared multiple times.");
            return;
          }
          String problem = symbolProblem(d.getFullName());
          if (problem != null) {
            error(null, "name", problem);
          }
          if (!NON_MESSAGE_TYPES.contains(d.getType())) {
            problem = symbolProblem(d.getType());
            if (problem != null) {
              error(null, "name", problem);
            }
          }
        }
      }
    }
  }

  private static String typeName(FieldDescriptorProto.Type t) {
    return t.name().substring("TYPE_".length()).toLowerCase(java.util.Locale.ROOT);
  }

  /** protoc's check of an extension against the declaration of its number. */
  private void declaredExtension(FieldDescriptorProto.Builder f, String full) {
    if (src.hasExplicitJsonName(f)) {
      error(f, "json_name", "option json_name is not allowed on extension fields.");
    }
    if (messageLookup == null || !f.getExtendee().startsWith(".")) {
      return;
    }
    com.google.protobuf.DescriptorProtos.DescriptorProtoOrBuilder target =
        messageLookup.apply(f.getExtendee().substring(1));
    if (target == null) {
      return;
    }
    String extendee = f.getExtendee().substring(1);
    for (var r : target.getExtensionRangeOrBuilderList()) {
      if (r.getStart() > f.getNumber() || f.getNumber() >= r.getEnd()) {
        continue;
      }
      if (!r.hasOptions()) {
        return;
      }
      var o = r.getOptions();
      for (var d : o.getDeclarationList()) {
        if (d.getNumber() != f.getNumber()) {
          continue;
        }
        if (d.getReserved()) {
          error(
              f,
              "extendee",
              "Cannot use number "
                  + f.getNumber()
                  + " for extension field "
                  + full
                  + ", as it is reserved in the extension declarations for message "
                  + extendee
                  + ".");
          return;
        }
        boolean repeated = f.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED;
        if (!d.getType().isEmpty() && !hadErrors) {
          String actual = f.getTypeName().startsWith(".") ? f.getTypeName() : typeName(f.getType());
          String expected =
              !NON_MESSAGE_TYPES.contains(d.getType()) && !d.getType().startsWith(".")
                  ? "." + d.getType()
                  : d.getType();
          if (!expected.equals(actual)) {
            error(
                f,
                "extendee",
                "\""
                    + extendee
                    + "\" extension field "
                    + f.getNumber()
                    + " is expected to be type \""
                    + expected
                    + "\", not \""
                    + actual
                    + "\".");
          }
        }
        if (!d.getFullName().isEmpty() && !d.getFullName().equals("." + full)) {
          error(
              f,
              "extendee",
              "\""
                  + extendee
                  + "\" extension field "
                  + f.getNumber()
                  + " is expected to have field name \""
                  + d.getFullName()
                  + "\", not \"."
                  + full
                  + "\".");
        }
        if (d.getRepeated() != repeated) {
          error(
              f,
              "extendee",
              "\""
                  + extendee
                  + "\" extension field "
                  + f.getNumber()
                  + " is expected to be "
                  + (d.getRepeated() ? "repeated" : "optional")
                  + ".");
        }
        return;
      }
      if (o.getDeclarationCount() > 0
          || o.getVerification()
              == com.google.protobuf.DescriptorProtos.ExtensionRangeOptions.VerificationState
                  .DECLARATION) {
        error(
            f,
            "extendee",
            "Missing extension declaration for field "
                + full
                + " with number "
                + f.getNumber()
                + " in extendee message "
                + extendee
                + ". An extension range must declare for all extension fields if its verification state is DECLARATION or there's any declaration in the range already. Otherwise, consider splitting up the range.");
      }
      return;
    }
  }

  private boolean closedEnum(String typeName) {
    if (enumLookup == null || !typeName.startsWith(".")) {
      return false;
    }
    com.google.protobuf.Descriptors.EnumDescriptor e = enumLookup.apply(typeName.substring(1));
    return e != null && e.isClosed();
  }

  private static String stripPrefix(String enumName, String value) {
    StringBuilder prefix = new StringBuilder();
    for (char c : enumName.toCharArray()) {
      if (c != '_') {
        prefix.append(Character.toLowerCase(c));
      }
    }
    int i = 0;
    int j = 0;
    for (; i < value.length() && j < prefix.length(); i++) {
      char c = value.charAt(i);
      if (c == '_') {
        continue;
      }
      if (asciiLower(c) != prefix.charAt(j++)) {
        return value;
      }
    }
    if (j < prefix.length()) {
      return value;
    }
    while (i < value.length() && value.charAt(i) == '_') {
      i++;
    }
    return i == value.length() ? value : value.substring(i);
  }

  private static char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  private static String pascal(String s) {
    StringBuilder sb = new StringBuilder();
    boolean upper = true;
    for (char c : s.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        sb.append(upper ? (c >= 'a' && c <= 'z' ? (char) (c - 32) : c) : asciiLower(c));
        upper = false;
      }
    }
    return sb.toString();
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
      open =
          !e.getOptions().getFeatures().hasEnumType()
              ? !file.getOptions().getFeatures().hasEnumType()
                  || file.getOptions().getFeatures().getEnumType() == FeatureSet.EnumType.OPEN
              : e.getOptions().getFeatures().getEnumType() == FeatureSet.EnumType.OPEN;
    }
    if (!"proto2".equals(file.getSyntax().isEmpty() ? "proto2" : file.getSyntax())) {
      Map<String, EnumValueDescriptorProto.Builder> stripped = new HashMap<>();
      for (EnumValueDescriptorProto.Builder val : e.getValueBuilderList()) {
        String key = pascal(stripPrefix(e.getName(), val.getName()));
        EnumValueDescriptorProto.Builder prev = stripped.putIfAbsent(key, val);
        if (prev != null
            && !prev.getName().equals(val.getName())
            && prev.getNumber() != val.getNumber()) {
          error(
              val,
              "name",
              "Enum name "
                  + val.getName()
                  + " has the same name as "
                  + prev.getName()
                  + " if you ignore case and strip out the enum name prefix (if any). (If you are using allow_alias, please assign the same number to each enum value name.)");
        }
      }
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
          error(
              v,
              "number",
              "\""
                  + prefix
                  + v.getName()
                  + "\" uses the same enum value as \""
                  + prefix
                  + prev.getName()
                  + "\". If this is intended, set 'option allow_alias = true;' to the enum definition. The next available enum value is "
                  + nextEnumValue(e, v.getNumber())
                  + ".");
        }
      }
    }
  }
}
