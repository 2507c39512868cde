package dev.grpccontract.compiler.internal;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.Edition;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FeatureSet.VisibilityFeature.DefaultSymbolVisibility;
import com.google.protobuf.DescriptorProtos.FileDescriptorProtoOrBuilder;
import com.google.protobuf.DescriptorProtos.SymbolVisibility;
import java.util.ArrayList;
import java.util.List;

/**
 * protoc's last check of a file that built without errors: under STRICT default symbol visibility
 * no nested message may be {@code export}, and no nested enum either, unless its message is a
 * namespace for it ({@code local}, top-level, reserving exactly 1 to max).
 */
final class VisibilityRules {
  private static final int MAX_FIELD_NUMBER = 536870911;

  private VisibilityRules() {}

  /** The messages of the errors, in protoc's order: nested messages first, then nested enums. */
  static List<String> check(FileDescriptorProtoOrBuilder file) {
    DefaultSymbolVisibility visibility = defaultVisibility(file);
    List<String> errors = new ArrayList<>();
    if (visibility != DefaultSymbolVisibility.STRICT) {
      return errors;
    }
    String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
    List<String> enums = new ArrayList<>();
    for (DescriptorProto m : file.getMessageTypeList()) {
      visit(prefix + m.getName(), m, true, errors, enums);
    }
    errors.addAll(enums);
    return errors;
  }

  /** protoc's visiting order: a message's enums, then its nested messages, depth first. */
  private static void visit(
      String full,
      DescriptorProto m,
      boolean topLevel,
      List<String> nestedMessages,
      List<String> nestedEnums) {
    for (EnumDescriptorProto e : m.getEnumTypeList()) {
      // a namespace message is top-level, local (STRICT makes an unmarked one local) and
      // reserves exactly 1 to max
      boolean namespace =
          topLevel
              && m.getVisibility() != SymbolVisibility.VISIBILITY_EXPORT
              && m.getReservedRangeCount() == 1
              && m.getReservedRange(0).getStart() == 1
              && m.getReservedRange(0).getEnd() == MAX_FIELD_NUMBER + 1;
      if (e.getVisibility() == SymbolVisibility.VISIBILITY_EXPORT && !namespace) {
        String name = full + "." + e.getName();
        nestedEnums.add(
            "\""
                + name
                + "\" is a nested enum and cannot be marked `export` with STRICT"
                + " default_symbol_visibility. It must be moved to top-level, ideally in its own"
                + " file in order to be `export`. For C++ namespacing of enums in a messages use:"
                + " `local message <OuterNamespace> { export enum "
                + name
                + " {...} reserved 1 to max; }`");
      }
    }
    for (DescriptorProto n : m.getNestedTypeList()) {
      String name = full + "." + n.getName();
      if (n.getVisibility() == SymbolVisibility.VISIBILITY_EXPORT) {
        nestedMessages.add(
            "\""
                + name
                + "\" is a nested message and cannot be `export` with STRICT"
                + " default_symbol_visibility. It must be moved to top-level, ideally in its own"
                + " file in order to be `export`.");
      }
      visit(name, n, false, nestedMessages, nestedEnums);
    }
  }

  private static DefaultSymbolVisibility defaultVisibility(FileDescriptorProtoOrBuilder file) {
    if (file.getOptions().getFeatures().hasDefaultSymbolVisibility()) {
      return file.getOptions().getFeatures().getDefaultSymbolVisibility();
    }
    if (!file.getSyntax().equals("editions")) {
      return DefaultSymbolVisibility.EXPORT_ALL;
    }
    int edition = file.getEdition().getNumber();
    if (edition >= Edition.EDITION_2026_VALUE) {
      return DefaultSymbolVisibility.STRICT;
    }
    return edition >= Edition.EDITION_2024_VALUE
        ? DefaultSymbolVisibility.EXPORT_TOP_LEVEL
        : DefaultSymbolVisibility.EXPORT_ALL;
  }
}
