package dev.grpccontract.compat.internal;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FeatureSet;
import com.google.protobuf.DescriptorProtos.FileOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.grpccontract.compat.Finding;
import dev.grpccontract.compat.Location;
import dev.grpccontract.compat.Rule;
import dev.grpccontract.compat.Severity;
import dev.grpccontract.proto.ProtoSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs the rules on two schemas. One instance per check; not thread-safe.
 *
 * <p>Files under {@code google/protobuf/} (the well-known types every schema imports) are left out,
 * as buf leaves imports out.
 */
public final class Engine {
  private final Set<Rule> rules;
  private final Locator locator = new Locator();
  private final List<Finding> findings = new ArrayList<>();
  private final boolean jsonSensitive;

  private Engine(Set<Rule> rules) {
    this.rules = rules;
    this.jsonSensitive = rules.contains(Rule.FIELD_SAME_JSON_NAME);
  }

  /**
   * Returns the findings of {@code rules} on the change from {@code before} to {@code after},
   * sorted by file, line, column and rule id.
   */
  public static List<Finding> run(ProtoSchema before, ProtoSchema after, Set<Rule> rules) {
    Engine engine = new Engine(rules);
    engine.check(new Index(before), new Index(after));
    List<Finding> sorted = new ArrayList<>(engine.findings);
    sorted.sort(
        Comparator.comparing((Finding f) -> f.location().file())
            .thenComparingInt(f -> f.location().line())
            .thenComparingInt(f -> f.location().column())
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::element));
    return List.copyOf(sorted);
  }

  private void add(Rule rule, String element, Location location, String message) {
    add(rule, Severity.ERROR, element, location, message);
  }

  private void add(
      Rule rule, Severity severity, String element, Location location, String message) {
    if (rules.contains(rule)) {
      findings.add(Finding.of(rule, severity, element, location, message));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Files and packages

  private void check(Index before, Index after) {
    for (FileDescriptor bf : before.files.values()) {
      FileDescriptor af = after.files.get(bf.getName());
      if (af == null) {
        add(
            Rule.FILE_NO_DELETE,
            bf.getName(),
            Location.ofFile(bf.getName()),
            "file " + bf.getName() + " was deleted");
      } else {
        checkFile(bf, af);
      }
    }
    checkPackages(before, after);
    for (Map.Entry<String, Descriptor> e : before.messages.entrySet()) {
      Descriptor am = after.messages.get(e.getKey());
      if (am != null) {
        checkMessage(e.getValue(), am);
      }
    }
    for (Map.Entry<String, EnumDescriptor> e : before.enums.entrySet()) {
      EnumDescriptor ae = after.enums.get(e.getKey());
      if (ae != null) {
        checkEnum(e.getValue(), ae);
      }
    }
    for (Map.Entry<String, FieldDescriptor> e : before.extensions.entrySet()) {
      FieldDescriptor ae = after.extensions.get(e.getKey());
      if (ae != null) {
        checkField(e.getValue(), ae);
      }
    }
    for (Map.Entry<String, ServiceDescriptor> e : before.services.entrySet()) {
      ServiceDescriptor as = after.services.get(e.getKey());
      if (as == null) {
        ServiceDescriptor bs = e.getValue();
        FileDescriptor af = after.files.get(bs.getFile().getName());
        add(
            Rule.GRPC_SERVICE_NO_DELETE,
            bs.getFullName(),
            af != null ? locator.ofFileStatement(af, Locator.FILE_PACKAGE) : locator.of(bs),
            "service "
                + bs.getFullName()
                + " is gone; every call to its "
                + bs.getMethods().size()
                + " method(s) now fails with UNIMPLEMENTED");
      } else {
        checkService(e.getValue(), as);
      }
    }
  }

  private void checkFile(FileDescriptor bf, FileDescriptor af) {
    String name = af.getName();
    if (!bf.getPackage().equals(af.getPackage())) {
      add(
          Rule.FILE_SAME_PACKAGE,
          name,
          locator.ofFileStatement(af, Locator.FILE_PACKAGE),
          "file "
              + name
              + " changed its package from "
              + quote(bf.getPackage())
              + " to "
              + quote(af.getPackage()));
    }
    String bSyntax = syntax(bf);
    String aSyntax = syntax(af);
    if (!bSyntax.equals(aSyntax)) {
      add(
          Rule.FILE_SAME_SYNTAX,
          name,
          locator.ofFileStatement(af, Locator.FILE_SYNTAX),
          "file " + name + " changed its syntax from " + bSyntax + " to " + aSyntax);
    }
    fileOption(Rule.FILE_SAME_CC_ENABLE_ARENAS, bf, af, 31, FileOptions::getCcEnableArenas);
    fileOption(Rule.FILE_SAME_CC_GENERIC_SERVICES, bf, af, 16, FileOptions::getCcGenericServices);
    fileOption(Rule.FILE_SAME_CSHARP_NAMESPACE, bf, af, 37, FileOptions::getCsharpNamespace);
    fileOption(Rule.FILE_SAME_GO_PACKAGE, bf, af, 11, FileOptions::getGoPackage);
    fileOption(
        Rule.FILE_SAME_JAVA_GENERIC_SERVICES, bf, af, 17, FileOptions::getJavaGenericServices);
    fileOption(Rule.FILE_SAME_JAVA_MULTIPLE_FILES, bf, af, 10, FileOptions::getJavaMultipleFiles);
    fileOption(Rule.FILE_SAME_JAVA_OUTER_CLASSNAME, bf, af, 8, FileOptions::getJavaOuterClassname);
    fileOption(Rule.FILE_SAME_JAVA_PACKAGE, bf, af, 1, FileOptions::getJavaPackage);
    fileOption(Rule.FILE_SAME_OBJC_CLASS_PREFIX, bf, af, 36, FileOptions::getObjcClassPrefix);
    fileOption(Rule.FILE_SAME_OPTIMIZE_FOR, bf, af, 9, FileOptions::getOptimizeFor);
    fileOption(Rule.FILE_SAME_PHP_CLASS_PREFIX, bf, af, 40, FileOptions::getPhpClassPrefix);
    fileOption(
        Rule.FILE_SAME_PHP_METADATA_NAMESPACE, bf, af, 44, FileOptions::getPhpMetadataNamespace);
    fileOption(Rule.FILE_SAME_PHP_NAMESPACE, bf, af, 41, FileOptions::getPhpNamespace);
    fileOption(Rule.FILE_SAME_PY_GENERIC_SERVICES, bf, af, 18, FileOptions::getPyGenericServices);
    fileOption(Rule.FILE_SAME_RUBY_PACKAGE, bf, af, 45, FileOptions::getRubyPackage);
    fileOption(Rule.FILE_SAME_SWIFT_PREFIX, bf, af, 39, FileOptions::getSwiftPrefix);

    Declarations bd = Declarations.of(bf);
    Declarations ad = Declarations.of(af);
    deleted(Rule.MESSAGE_NO_DELETE, "message", bd.messages, ad.messages, af, "file " + name);
    deleted(Rule.ENUM_NO_DELETE, "enum", bd.enums, ad.enums, af, "file " + name);
    deleted(Rule.SERVICE_NO_DELETE, "service", bd.services, ad.services, af, "file " + name);
    deleted(
        Rule.EXTENSION_NO_DELETE, "extension", bd.extensions, ad.extensions, af, "file " + name);
  }

  private <T> void fileOption(
      Rule rule, FileDescriptor bf, FileDescriptor af, int number, Function<FileOptions, T> get) {
    T b = get.apply(bf.getOptions());
    T a = get.apply(af.getOptions());
    if (!b.equals(a)) {
      String option =
          rule.name().substring("FILE_SAME_".length()).toLowerCase(java.util.Locale.ROOT);
      add(
          rule,
          af.getName(),
          locator.ofFileStatement(af, Locator.FILE_OPTIONS, number),
          "file option "
              + option
              + " of "
              + af.getName()
              + " changed from "
              + quote(String.valueOf(b))
              + " to "
              + quote(String.valueOf(a)));
    }
  }

  private void packageDeleted(
      Rule rule,
      String kind,
      Set<String> before,
      Set<String> after,
      FileDescriptor where,
      String scope) {
    // As buf does: a package left with no message (enum, extension) is not checked for deleted
    // messages (enums, extensions); services are always checked.
    if (!after.isEmpty()) {
      deleted(rule, kind, before, after, where, scope);
    }
  }

  private void deleted(
      Rule rule,
      String kind,
      Set<String> before,
      Set<String> after,
      FileDescriptor where,
      String scope) {
    for (String name : before) {
      if (!after.contains(name)) {
        add(rule, name, scopeOf(where, name), kind + " " + name + " was deleted from " + scope);
      }
    }
  }

  /**
   * Where a deleted element is reported: its enclosing message when that is still in {@code file},
   * else the file's package statement (or the file).
   */
  private Location scopeOf(FileDescriptor file, String deleted) {
    int dot = deleted.lastIndexOf('.');
    if (dot > 0) {
      String parent = deleted.substring(0, dot);
      String local =
          file.getPackage().isEmpty()
              ? parent
              : parent.startsWith(file.getPackage() + ".")
                  ? parent.substring(file.getPackage().length() + 1)
                  : null;
      if (local != null) {
        Descriptor message = findMessage(file, local);
        if (message != null) {
          return locator.of(message);
        }
      }
    }
    return locator.ofFileStatement(file, Locator.FILE_PACKAGE);
  }

  private static Descriptor findMessage(FileDescriptor file, String localName) {
    String[] parts = localName.split("\\.");
    Descriptor d = file.findMessageTypeByName(parts[0]);
    for (int i = 1; i < parts.length && d != null; i++) {
      d = d.findNestedTypeByName(parts[i]);
    }
    return d;
  }

  private void checkPackages(Index before, Index after) {
    Map<String, Declarations> bp = packages(before);
    Map<String, Declarations> ap = packages(after);
    for (Map.Entry<String, Declarations> e : bp.entrySet()) {
      String pkg = e.getKey();
      Declarations a = ap.get(pkg);
      if (a == null) {
        String file = e.getValue().firstFile;
        FileDescriptor af = after.files.get(file);
        add(
            Rule.PACKAGE_NO_DELETE,
            pkg,
            locator.ofFileStatement(af != null ? af : before.files.get(file), Locator.FILE_PACKAGE),
            "package " + quote(pkg) + " was deleted");
        continue;
      }
      Declarations b = e.getValue();
      FileDescriptor where = after.files.get(a.firstFile);
      String scope = "package " + quote(pkg);
      packageDeleted(
          Rule.PACKAGE_MESSAGE_NO_DELETE, "message", b.messages, a.messages, where, scope);
      packageDeleted(Rule.PACKAGE_ENUM_NO_DELETE, "enum", b.enums, a.enums, where, scope);
      deleted(Rule.PACKAGE_SERVICE_NO_DELETE, "service", b.services, a.services, where, scope);
      packageDeleted(
          Rule.PACKAGE_EXTENSION_NO_DELETE, "extension", b.extensions, a.extensions, where, scope);
    }
  }

  private static Map<String, Declarations> packages(Index index) {
    Map<String, Declarations> map = new TreeMap<>();
    for (FileDescriptor file : index.files.values()) {
      Declarations d =
          map.computeIfAbsent(file.getPackage(), p -> new Declarations(file.getName()));
      d.addAll(file);
    }
    return map;
  }

  // ---------------------------------------------------------------------------------------------
  // Messages and fields

  private void checkMessage(Descriptor bm, Descriptor am) {
    String name = am.getFullName();
    Location here = locator.of(am);
    DescriptorProto ap = am.toProto();
    for (FieldDescriptor bf : bm.getFields()) {
      FieldDescriptor af = am.findFieldByNumber(bf.getNumber());
      if (af != null) {
        checkField(bf, af);
        continue;
      }
      String what = "field " + bf.getNumber() + " (" + bf.getName() + ") of " + name;
      add(Rule.FIELD_NO_DELETE, bf.getFullName(), here, what + " was deleted");
      if (!reservedNumber(ap.getReservedRangeList(), bf.getNumber())) {
        add(
            Rule.FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED,
            bf.getFullName(),
            here,
            what + " was deleted without reserving the number " + bf.getNumber());
      }
      if (!ap.getReservedNameList().contains(bf.getName())) {
        add(
            Rule.FIELD_NO_DELETE_UNLESS_NAME_RESERVED,
            bf.getFullName(),
            here,
            what + " was deleted without reserving the name " + quote(bf.getName()));
      }
    }
    for (OneofDescriptor bo : bm.getRealOneofs()) {
      boolean kept = false;
      for (OneofDescriptor ao : am.getRealOneofs()) {
        kept |= ao.getName().equals(bo.getName());
      }
      if (!kept) {
        add(
            Rule.ONEOF_NO_DELETE,
            bo.getFullName(),
            here,
            "oneof " + bo.getName() + " was deleted from " + name);
      }
    }
    if (!bm.getOptions().getNoStandardDescriptorAccessor()
        && am.getOptions().getNoStandardDescriptorAccessor()) {
      add(
          Rule.MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR,
          name,
          here,
          "message " + name + " set no_standard_descriptor_accessor to true");
    }
    if (jsonAllowed(bm) && !jsonAllowed(am)) {
      add(
          Rule.MESSAGE_SAME_JSON_FORMAT,
          name,
          here,
          "message " + name + " changed from full JSON support to best effort");
    }
    if (bm.getOptions().getMessageSetWireFormat() != am.getOptions().getMessageSetWireFormat()) {
      add(
          Rule.MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT,
          name,
          here,
          "message "
              + name
              + " changed message_set_wire_format from "
              + bm.getOptions().getMessageSetWireFormat()
              + " to "
              + am.getOptions().getMessageSetWireFormat());
    }
    Set<Integer> bRequired = required(bm);
    Set<Integer> aRequired = required(am);
    for (Integer n : bRequired) {
      if (!aRequired.contains(n)) {
        add(
            Rule.MESSAGE_SAME_REQUIRED_FIELDS,
            name,
            here,
            "message " + name + " no longer has the required field " + n);
      }
    }
    for (Integer n : aRequired) {
      if (!bRequired.contains(n)) {
        add(
            Rule.MESSAGE_SAME_REQUIRED_FIELDS,
            name,
            here,
            "message " + name + " has the new required field " + n);
      }
    }
    DescriptorProto bp = bm.toProto();
    for (DescriptorProto.ReservedRange r : bp.getReservedRangeList()) {
      if (!covered(ap.getReservedRangeList(), r.getStart(), r.getEnd() - 1)) {
        add(
            Rule.RESERVED_MESSAGE_NO_DELETE,
            name,
            here,
            "message " + name + " no longer reserves " + range(r.getStart(), r.getEnd() - 1));
      }
    }
    for (String n : bp.getReservedNameList()) {
      if (!ap.getReservedNameList().contains(n)) {
        add(
            Rule.RESERVED_MESSAGE_NO_DELETE,
            name,
            here,
            "message " + name + " no longer reserves the name " + quote(n));
      }
    }
    for (DescriptorProto.ExtensionRange r : bp.getExtensionRangeList()) {
      if (!coveredExtension(ap.getExtensionRangeList(), r.getStart(), r.getEnd() - 1)) {
        add(
            Rule.EXTENSION_MESSAGE_NO_DELETE,
            name,
            here,
            "message "
                + name
                + " no longer has the extension range "
                + range(r.getStart(), r.getEnd() - 1));
      }
    }
  }

  private void checkField(FieldDescriptor bf, FieldDescriptor af) {
    String element = af.getFullName();
    Location here = locator.of(af);
    String what =
        af.isExtension()
            ? "extension " + af.getFullName()
            : "field " + af.getNumber() + " of " + af.getContainingType().getFullName();
    if (!bf.getName().equals(af.getName())) {
      add(
          Rule.FIELD_SAME_NAME,
          element,
          locator.of(af, 1),
          what + " changed its name from " + bf.getName() + " to " + af.getName());
    }
    if (!af.isExtension() && !bf.getJsonName().equals(af.getJsonName())) {
      add(
          Rule.FIELD_SAME_JSON_NAME,
          element,
          here,
          what
              + " changed its JSON name from "
              + quote(bf.getJsonName())
              + " to "
              + quote(af.getJsonName()));
    }
    Cardinality bc = Cardinality.of(bf);
    Cardinality ac = Cardinality.of(af);
    if (bc != ac) {
      String change = what + " changed its cardinality from " + bc.text + " to " + ac.text;
      add(Rule.FIELD_SAME_CARDINALITY, element, here, change);
      if (!bc.wireCompatible(ac)) {
        add(Rule.FIELD_WIRE_COMPATIBLE_CARDINALITY, element, here, change);
      }
      if (!bc.wireJsonCompatible(ac)) {
        add(Rule.FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY, element, here, change);
      }
    }
    String bt = Types.describe(bf);
    String at = Types.describe(af);
    if (!Types.same(bf, af)) {
      String change = what + " changed its type from " + bt + " to " + at;
      add(Rule.FIELD_SAME_TYPE, element, here, change);
      String wire = Types.wireProblem(bf, af);
      if (wire != null) {
        add(Rule.FIELD_WIRE_COMPATIBLE_TYPE, element, here, change + wire);
      }
      String json = Types.wireJsonProblem(bf, af);
      if (json != null) {
        add(Rule.FIELD_WIRE_JSON_COMPATIBLE_TYPE, element, here, change + json);
      }
    }
    String bo = oneof(bf);
    String ao = oneof(af);
    if (!Objects.equals(bo, ao)) {
      add(
          Rule.FIELD_SAME_ONEOF,
          element,
          here,
          what
              + (bo == null
                  ? " moved into oneof " + ao
                  : ao == null
                      ? " moved out of oneof " + bo
                      : " moved from oneof " + bo + " to " + ao));
    }
    if (bf.getType() == af.getType()
        && !bf.isRepeated()
        && !af.isRepeated()
        && bf.getJavaType() != FieldDescriptor.JavaType.MESSAGE
        && (bf.toProto().hasDefaultValue() || af.toProto().hasDefaultValue())) {
      String bd = defaultText(bf);
      String ad = defaultText(af);
      if (!bd.equals(ad)) {
        add(
            Rule.FIELD_SAME_DEFAULT,
            element,
            here,
            what + " changed its default value from " + bd + " to " + ad);
      }
    }
    if (isStringOrBytes(bf) && isStringOrBytes(af)) {
      if (bf.getOptions().getCtype() != af.getOptions().getCtype()) {
        add(
            Rule.FIELD_SAME_CPP_STRING_TYPE,
            element,
            here,
            what
                + " changed its C++ string type from "
                + bf.getOptions().getCtype()
                + " to "
                + af.getOptions().getCtype());
      }
    }
    if (bf.getOptions().getJstype() != af.getOptions().getJstype()) {
      add(
          Rule.FIELD_SAME_JSTYPE,
          element,
          here,
          what
              + " changed its jstype from "
              + bf.getOptions().getJstype()
              + " to "
              + af.getOptions().getJstype());
    }
    if (bf.getType() == FieldDescriptor.Type.STRING
        && af.getType() == FieldDescriptor.Type.STRING) {
      boolean bv = utf8Verified(bf);
      boolean av = utf8Verified(af);
      if (bv != av) {
        add(
            Rule.FIELD_SAME_UTF8_VALIDATION,
            element,
            here,
            what + " changed its UTF-8 validation from " + verify(bv) + " to " + verify(av));
      }
      if (bf.needsUtf8Check() != af.needsUtf8Check()) {
        add(
            Rule.FIELD_SAME_JAVA_UTF8_VALIDATION,
            element,
            here,
            what
                + " changed its UTF-8 validation in Java from "
                + verify(bf.needsUtf8Check())
                + " to "
                + verify(af.needsUtf8Check()));
      }
    }
  }

  private static String verify(boolean verified) {
    return verified ? "VERIFY" : "NONE";
  }

  private static boolean isStringOrBytes(FieldDescriptor f) {
    return f.getType() == FieldDescriptor.Type.STRING || f.getType() == FieldDescriptor.Type.BYTES;
  }

  private static String oneof(FieldDescriptor f) {
    OneofDescriptor o = f.getRealContainingOneof();
    return o == null ? null : o.getName();
  }

  private static String defaultText(FieldDescriptor f) {
    Object value = f.getDefaultValue();
    if (value instanceof EnumValueDescriptor) {
      return ((EnumValueDescriptor) value).getName();
    }
    if (value instanceof com.google.protobuf.ByteString) {
      return quote(((com.google.protobuf.ByteString) value).toStringUtf8());
    }
    if (value instanceof String) {
      return quote((String) value);
    }
    return String.valueOf(value);
  }

  private static Set<Integer> required(Descriptor m) {
    Set<Integer> set = new LinkedHashSet<>();
    for (FieldDescriptor f : m.getFields()) {
      if (f.isRequired()) {
        set.add(f.getNumber());
      }
    }
    return set;
  }

  private static boolean reservedNumber(List<DescriptorProto.ReservedRange> ranges, int n) {
    for (DescriptorProto.ReservedRange r : ranges) {
      if (n >= r.getStart() && n < r.getEnd()) {
        return true;
      }
    }
    return false;
  }

  /** Whether every number of [start, end] (inclusive) is in one of the half-open ranges. */
  private static boolean covered(List<DescriptorProto.ReservedRange> ranges, int start, int end) {
    long next = start;
    boolean progress = true;
    while (next <= end && progress) {
      progress = false;
      for (DescriptorProto.ReservedRange r : ranges) {
        if (next >= r.getStart() && next < r.getEnd()) {
          next = r.getEnd();
          progress = true;
        }
      }
    }
    return next > end;
  }

  private static boolean coveredExtension(
      List<DescriptorProto.ExtensionRange> ranges, int start, int end) {
    long next = start;
    boolean progress = true;
    while (next <= end && progress) {
      progress = false;
      for (DescriptorProto.ExtensionRange r : ranges) {
        if (next >= r.getStart() && next < r.getEnd()) {
          next = r.getEnd();
          progress = true;
        }
      }
    }
    return next > end;
  }

  private static boolean coveredEnum(
      List<EnumDescriptorProto.EnumReservedRange> ranges, int start, int end) {
    long next = start;
    boolean progress = true;
    while (next <= end && progress) {
      progress = false;
      for (EnumDescriptorProto.EnumReservedRange r : ranges) {
        if (next >= r.getStart() && next <= r.getEnd()) {
          next = (long) r.getEnd() + 1;
          progress = true;
        }
      }
    }
    return next > end;
  }

  private static String range(int start, int end) {
    return start == end ? "number " + start : "numbers " + start + " to " + end;
  }

  // ---------------------------------------------------------------------------------------------
  // Enums

  private void checkEnum(EnumDescriptor be, EnumDescriptor ae) {
    String name = ae.getFullName();
    Location here = locator.of(ae);
    EnumDescriptorProto ap = ae.toProto();
    Map<Integer, List<String>> bv = valuesByNumber(be);
    Map<Integer, List<String>> av = valuesByNumber(ae);
    for (Map.Entry<Integer, List<String>> e : bv.entrySet()) {
      int number = e.getKey();
      List<String> after = av.get(number);
      if (after == null) {
        String what = "enum value " + number + " (" + e.getValue().get(0) + ") of " + name;
        String element = qualified(ae, e.getValue().get(0));
        add(Rule.ENUM_VALUE_NO_DELETE, element, here, what + " was deleted");
        if (!reservedEnumNumber(ap.getReservedRangeList(), number)) {
          add(
              Rule.ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED,
              element,
              here,
              what + " was deleted without reserving the number " + number);
        }
        for (String n : e.getValue()) {
          if (!ap.getReservedNameList().contains(n)) {
            add(
                Rule.ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED,
                qualified(ae, n),
                here,
                what + " was deleted without reserving the name " + quote(n));
          }
        }
        continue;
      }
      for (String n : e.getValue()) {
        if (!after.contains(n)) {
          EnumValueDescriptor value = ae.findValueByNumber(number);
          add(
              Rule.ENUM_VALUE_SAME_NAME,
              qualified(ae, n),
              locator.of(value),
              "enum value "
                  + number
                  + " of "
                  + name
                  + " changed its name from "
                  + n
                  + " to "
                  + String.join(", ", after));
        }
      }
    }
    if (be.isClosed() != ae.isClosed()) {
      add(
          Rule.ENUM_SAME_TYPE,
          name,
          here,
          "enum " + name + " changed from " + openness(be) + " to " + openness(ae));
    }
    if (jsonAllowed(be) && !jsonAllowed(ae)) {
      add(
          Rule.ENUM_SAME_JSON_FORMAT,
          name,
          here,
          "enum " + name + " changed from full JSON support to best effort");
    }
    EnumDescriptorProto bp = be.toProto();
    for (EnumDescriptorProto.EnumReservedRange r : bp.getReservedRangeList()) {
      if (!coveredEnum(ap.getReservedRangeList(), r.getStart(), r.getEnd())) {
        add(
            Rule.RESERVED_ENUM_NO_DELETE,
            name,
            here,
            "enum " + name + " no longer reserves " + range(r.getStart(), r.getEnd()));
      }
    }
    for (String n : bp.getReservedNameList()) {
      if (!ap.getReservedNameList().contains(n)) {
        add(
            Rule.RESERVED_ENUM_NO_DELETE,
            name,
            here,
            "enum " + name + " no longer reserves the name " + quote(n));
      }
    }
  }

  private static String qualified(EnumDescriptor e, String valueName) {
    // Enum values are scoped next to their enum, as in C++.
    String full = e.getFullName();
    int dot = full.lastIndexOf('.');
    return (dot < 0 ? "" : full.substring(0, dot + 1)) + valueName;
  }

  private static String openness(EnumDescriptor e) {
    return e.isClosed() ? "closed" : "open";
  }

  private static boolean reservedEnumNumber(
      List<EnumDescriptorProto.EnumReservedRange> ranges, int n) {
    for (EnumDescriptorProto.EnumReservedRange r : ranges) {
      if (n >= r.getStart() && n <= r.getEnd()) {
        return true;
      }
    }
    return false;
  }

  static Map<Integer, List<String>> valuesByNumber(EnumDescriptor e) {
    Map<Integer, List<String>> map = new LinkedHashMap<>();
    for (EnumValueDescriptor v : e.getValues()) {
      map.computeIfAbsent(v.getNumber(), n -> new ArrayList<>()).add(v.getName());
    }
    return map;
  }

  // ---------------------------------------------------------------------------------------------
  // Services

  private void checkService(ServiceDescriptor bs, ServiceDescriptor as) {
    Location here = locator.of(as);
    for (MethodDescriptor bm : bs.getMethods()) {
      MethodDescriptor am = as.findMethodByName(bm.getName());
      String path = as.getFullName() + "/" + bm.getName();
      if (am == null) {
        add(
            Rule.RPC_NO_DELETE,
            path,
            here,
            "method " + bm.getName() + " was deleted from service " + as.getFullName());
        add(
            Rule.GRPC_METHOD_NO_DELETE,
            path,
            here,
            "method " + path + " is gone; calls to it now fail with UNIMPLEMENTED");
        continue;
      }
      Location at = locator.of(am);
      if (bm.isClientStreaming() != am.isClientStreaming()) {
        add(
            Rule.RPC_SAME_CLIENT_STREAMING,
            path,
            at,
            "method "
                + path
                + (am.isClientStreaming()
                    ? " became client streaming"
                    : " is no longer client streaming"));
      }
      if (bm.isServerStreaming() != am.isServerStreaming()) {
        add(
            Rule.RPC_SAME_SERVER_STREAMING,
            path,
            at,
            "method "
                + path
                + (am.isServerStreaming()
                    ? " became server streaming"
                    : " is no longer server streaming"));
      }
      if (!kind(bm).equals(kind(am))) {
        add(
            Rule.GRPC_SAME_STREAMING_KIND,
            path,
            at,
            "method "
                + path
                + " changed from "
                + kind(bm)
                + " to "
                + kind(am)
                + "; callers built for "
                + kind(bm)
                + " calls fail");
      }
      if (!bm.getInputType().getFullName().equals(am.getInputType().getFullName())) {
        add(
            Rule.RPC_SAME_REQUEST_TYPE,
            path,
            locator.of(am, 2),
            "method "
                + path
                + " changed its request type from "
                + bm.getInputType().getFullName()
                + " to "
                + am.getInputType().getFullName());
        shape(
            Rule.GRPC_SAME_REQUEST_SHAPE,
            "request",
            path,
            locator.of(am, 2),
            bm.getInputType(),
            am.getInputType());
      }
      if (!bm.getOutputType().getFullName().equals(am.getOutputType().getFullName())) {
        add(
            Rule.RPC_SAME_RESPONSE_TYPE,
            path,
            locator.of(am, 3),
            "method "
                + path
                + " changed its response type from "
                + bm.getOutputType().getFullName()
                + " to "
                + am.getOutputType().getFullName());
        shape(
            Rule.GRPC_SAME_RESPONSE_SHAPE,
            "response",
            path,
            locator.of(am, 3),
            bm.getOutputType(),
            am.getOutputType());
      }
      if (bm.getOptions().getIdempotencyLevel() != am.getOptions().getIdempotencyLevel()) {
        add(
            Rule.RPC_SAME_IDEMPOTENCY_LEVEL,
            path,
            at,
            "method "
                + path
                + " changed its idempotency_level from "
                + bm.getOptions().getIdempotencyLevel()
                + " to "
                + am.getOptions().getIdempotencyLevel());
      }
    }
  }

  private void shape(
      Rule rule, String role, String path, Location at, Descriptor before, Descriptor after) {
    Shapes.Verdict v = Shapes.compare(before, after, jsonSensitive);
    String head =
        "method "
            + path
            + " changed its "
            + role
            + " type from "
            + before.getFullName()
            + " to "
            + after.getFullName();
    switch (v.kind()) {
      case IDENTICAL:
        add(
            rule,
            Severity.WARNING,
            path,
            at,
            head + ", a rename with the identical wire shape; running callers keep working");
        break;
      case COMPATIBLE:
        add(
            rule,
            Severity.WARNING,
            path,
            at,
            head + "; the wire shape differs compatibly (" + v.detail() + ")");
        break;
      default:
        add(rule, path, at, head + " and the wire shape breaks: " + v.detail());
    }
  }

  static String kind(MethodDescriptor m) {
    if (m.isClientStreaming() && m.isServerStreaming()) {
      return "bidi streaming";
    }
    if (m.isClientStreaming()) {
      return "client streaming";
    }
    return m.isServerStreaming() ? "server streaming" : "unary";
  }

  // ---------------------------------------------------------------------------------------------
  // Syntax and features

  static String syntax(FileDescriptor file) {
    String s = file.toProto().getSyntax();
    return s.isEmpty() ? "proto2" : s;
  }

  private static boolean jsonAllowed(Descriptor m) {
    String syntax = syntax(m.getFile());
    if (!syntax.equals("editions")) {
      return syntax.equals("proto3");
    }
    for (Descriptor d = m; d != null; d = d.getContainingType()) {
      FeatureSet f = d.toProto().getOptions().getFeatures();
      if (f.hasJsonFormat()) {
        return f.getJsonFormat() == FeatureSet.JsonFormat.ALLOW;
      }
    }
    return fileJsonAllowed(m.getFile());
  }

  private static boolean jsonAllowed(EnumDescriptor e) {
    String syntax = syntax(e.getFile());
    if (!syntax.equals("editions")) {
      return syntax.equals("proto3");
    }
    FeatureSet own = e.toProto().getOptions().getFeatures();
    if (own.hasJsonFormat()) {
      return own.getJsonFormat() == FeatureSet.JsonFormat.ALLOW;
    }
    for (Descriptor d = e.getContainingType(); d != null; d = d.getContainingType()) {
      FeatureSet f = d.toProto().getOptions().getFeatures();
      if (f.hasJsonFormat()) {
        return f.getJsonFormat() == FeatureSet.JsonFormat.ALLOW;
      }
    }
    return fileJsonAllowed(e.getFile());
  }

  private static boolean fileJsonAllowed(FileDescriptor file) {
    FeatureSet f = file.toProto().getOptions().getFeatures();
    return !f.hasJsonFormat() || f.getJsonFormat() == FeatureSet.JsonFormat.ALLOW;
  }

  private static boolean utf8Verified(FieldDescriptor field) {
    String syntax = syntax(field.getFile());
    if (!syntax.equals("editions")) {
      return syntax.equals("proto3");
    }
    FeatureSet own = field.toProto().getOptions().getFeatures();
    if (own.hasUtf8Validation()) {
      return own.getUtf8Validation() == FeatureSet.Utf8Validation.VERIFY;
    }
    Descriptor scope = field.isExtension() ? field.getExtensionScope() : field.getContainingType();
    for (Descriptor d = scope; d != null; d = d.getContainingType()) {
      FeatureSet f = d.toProto().getOptions().getFeatures();
      if (f.hasUtf8Validation()) {
        return f.getUtf8Validation() == FeatureSet.Utf8Validation.VERIFY;
      }
    }
    FeatureSet f = field.getFile().toProto().getOptions().getFeatures();
    return !f.hasUtf8Validation() || f.getUtf8Validation() == FeatureSet.Utf8Validation.VERIFY;
  }

  static String quote(String s) {
    return "\"" + s + "\"";
  }

  // ---------------------------------------------------------------------------------------------

  /** The elements of one schema by full name, well-known-type files left out. */
  private static final class Index {
    final Map<String, FileDescriptor> files = new LinkedHashMap<>();
    final Map<String, Descriptor> messages = new LinkedHashMap<>();
    final Map<String, EnumDescriptor> enums = new LinkedHashMap<>();
    final Map<String, ServiceDescriptor> services = new LinkedHashMap<>();
    final Map<String, FieldDescriptor> extensions = new LinkedHashMap<>();

    Index(ProtoSchema schema) {
      for (FileDescriptor file : schema.files()) {
        if (file.getName().startsWith("google/protobuf/")) {
          continue;
        }
        files.put(file.getName(), file);
        for (Descriptor m : file.getMessageTypes()) {
          addMessage(m);
        }
        for (EnumDescriptor e : file.getEnumTypes()) {
          enums.put(e.getFullName(), e);
        }
        for (ServiceDescriptor s : file.getServices()) {
          services.put(s.getFullName(), s);
        }
        for (FieldDescriptor x : file.getExtensions()) {
          extensions.put(x.getFullName(), x);
        }
      }
    }

    private void addMessage(Descriptor m) {
      if (m.getOptions().getMapEntry()) {
        return;
      }
      messages.put(m.getFullName(), m);
      for (Descriptor n : m.getNestedTypes()) {
        addMessage(n);
      }
      for (EnumDescriptor e : m.getEnumTypes()) {
        enums.put(e.getFullName(), e);
      }
      for (FieldDescriptor x : m.getExtensions()) {
        extensions.put(x.getFullName(), x);
      }
    }
  }

  /** The full names a file (or a package) declares, by kind. */
  private static final class Declarations {
    final String firstFile;
    final Set<String> messages = new LinkedHashSet<>();
    final Set<String> enums = new LinkedHashSet<>();
    final Set<String> services = new LinkedHashSet<>();
    final Set<String> extensions = new LinkedHashSet<>();

    Declarations(String firstFile) {
      this.firstFile = firstFile;
    }

    static Declarations of(FileDescriptor file) {
      Declarations d = new Declarations(file.getName());
      d.addAll(file);
      return d;
    }

    void addAll(FileDescriptor file) {
      for (Descriptor m : file.getMessageTypes()) {
        addMessage(m);
      }
      for (EnumDescriptor e : file.getEnumTypes()) {
        enums.add(e.getFullName());
      }
      for (ServiceDescriptor s : file.getServices()) {
        services.add(s.getFullName());
      }
      for (FieldDescriptor x : file.getExtensions()) {
        extensions.add(x.getFullName());
      }
    }

    private void addMessage(Descriptor m) {
      if (m.getOptions().getMapEntry()) {
        return;
      }
      messages.add(m.getFullName());
      for (Descriptor n : m.getNestedTypes()) {
        addMessage(n);
      }
      for (EnumDescriptor e : m.getEnumTypes()) {
        enums.add(e.getFullName());
      }
      for (FieldDescriptor x : m.getExtensions()) {
        extensions.add(x.getFullName());
      }
    }
  }
}
