package dev.grpccontract.compiler.internal;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.DescriptorProtoOrBuilder;
import com.google.protobuf.DescriptorProtos.Edition;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProtoOrBuilder;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import dev.grpccontract.compiler.Diagnostic;
import dev.grpccontract.compiler.internal.Pool.Kind;
import dev.grpccontract.compiler.internal.Pool.Symbol;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Registers symbols, resolves type names and checks one parsed file, as protoc's builder. */
public final class Linker {
  private final FileDescriptorProto.Builder file;
  private final SourceTable src;
  private final Pool pool;
  private final Set<String> visible;
  private final List<Diagnostic> diagnostics;
  private final String fileName;
  private boolean hadErrors;

  private Linker(
      FileDescriptorProto.Builder file,
      SourceTable src,
      Pool pool,
      Set<String> visible,
      List<Diagnostic> diagnostics) {
    this.file = file;
    this.src = src;
    this.pool = pool;
    this.visible = visible;
    this.diagnostics = diagnostics;
    this.fileName = file.getName();
  }

  /** Links a parsed file against the pool; returns false when errors were reported. */
  public static boolean link(
      FileDescriptorProto.Builder file,
      SourceTable src,
      Pool pool,
      Set<String> visible,
      List<Diagnostic> diagnostics) {
    Linker l = new Linker(file, src, pool, visible, diagnostics);
    l.run();
    return !l.hadErrors;
  }

  /** Links like {@link #link} and returns the linker, which keeps track of used imports. */
  static Linker linkAndKeep(
      FileDescriptorProto.Builder file,
      SourceTable src,
      Pool pool,
      Set<String> visible,
      List<Diagnostic> diagnostics) {
    return linkAndKeep(file, src, pool, visible, Set.of(), diagnostics);
  }

  /**
   * Links like {@link #link} and returns the linker; {@code optionOnly} are the visible files seen
   * through option imports alone, whose fields and extensions only are visible, as in protoc.
   */
  static Linker linkAndKeep(
      FileDescriptorProto.Builder file,
      SourceTable src,
      Pool pool,
      Set<String> visible,
      Set<String> optionOnly,
      List<Diagnostic> diagnostics) {
    Linker l = new Linker(file, src, pool, visible, diagnostics);
    l.optionOnly = optionOnly;
    l.run();
    return l;
  }

  private Set<String> optionOnly = Set.of();

  boolean hadErrors() {
    return hadErrors;
  }

  /** A linker over an already linked file, used for option name lookups only. */
  static Linker forOptions(
      FileDescriptorProto.Builder file,
      SourceTable src,
      Pool pool,
      Set<String> visible,
      List<Diagnostic> diagnostics) {
    return new Linker(file, src, pool, visible, diagnostics);
  }

  void error(Object element, String kind, String message) {
    hadErrors = true;
    int[] pos = element == null ? null : src.get(element, kind);
    if (pos == null) {
      diagnostics.add(Diagnostic.of(fileName, 0, 0, message));
    } else {
      diagnostics.add(Diagnostic.of(fileName, pos[0] + 1, pos[1] + 1, message));
    }
  }

  private static final class Hint {
    final DescriptorProto.Builder message;
    final String fullName;
    final Object element;
    final String kind;
    int count;

    Hint(DescriptorProto.Builder message, String fullName, Object element, String kind) {
      this.message = message;
      this.fullName = fullName;
      this.element = element;
      this.kind = kind;
    }
  }

  /**
   * protoc's table of this file's fields and extensions by containing type and number: the first
   * one of each number, as {full name, name}. Fields of the leading run 1, 2, 3, ... of their
   * message are not in it; protoc reads them from the message's field list.
   */
  private final Map<String, String[]> fieldsByNumber = new HashMap<>();

  private final java.util.Map<Object, Hint> hints = new java.util.IdentityHashMap<>();

  private void hint(DescriptorProto.Builder m, String fullName, Object element, String kind) {
    hint(m, fullName, element, kind, 1);
  }

  private void hint(
      DescriptorProto.Builder m, String fullName, Object element, String kind, int count) {
    Hint h = hints.get(m);
    if (h == null) {
      h = new Hint(m, fullName, element, kind);
      hints.put(m, h);
    }
    h.count = fit(h.count + fit(count));
  }

  /** A count of field numbers as protoc's hints keep it, within 0 and the largest number. */
  private static int fit(int value) {
    return Math.min(Math.max(value, 0), 536870911);
  }

  /** protoc's hint after a duplicate field number: the end of the run of used numbers from 1. */
  static String nextAvailable(DescriptorProto.Builder m) {
    java.util.TreeSet<long[]> used =
        new java.util.TreeSet<>(
            (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
      used.add(new long[] {f.getNumber(), f.getNumber()});
    }
    for (var r : m.getExtensionRangeBuilderList()) {
      used.add(new long[] {r.getStart(), (long) r.getEnd() - 1});
    }
    for (var r : m.getReservedRangeBuilderList()) {
      used.add(new long[] {r.getStart(), (long) r.getEnd() - 1});
    }
    long proposed = 1;
    for (long[] r : used) {
      if (r[0] <= proposed && proposed <= r[1]) {
        proposed = r[1] + 1;
      } else {
        break;
      }
    }
    return proposed <= 536870911L
        ? "Next available field number is " + proposed
        : "There are no available field numbers";
  }

  /** protoc's extra check for map entry names, run when a file has errors. */
  void detectMapConflicts() {
    for (DescriptorProto.Builder m : file.getMessageTypeBuilderList()) {
      detectMapConflicts(m);
    }
  }

  private void detectMapConflicts(DescriptorProto.Builder m) {
    Map<String, DescriptorProto.Builder> seen = new HashMap<>();
    for (DescriptorProto.Builder n : m.getNestedTypeBuilderList()) {
      DescriptorProto.Builder prev = seen.putIfAbsent(n.getName(), n);
      if (prev != null && (prev.getOptions().getMapEntry() || n.getOptions().getMapEntry())) {
        error(
            m,
            "name",
            "Expanded map entry type "
                + n.getName()
                + " conflicts with an existing nested message type.");
        break;
      }
      detectMapConflicts(n);
    }
    for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
      DescriptorProto.Builder t = seen.get(f.getName());
      if (t != null && t.getOptions().getMapEntry()) {
        error(
            m,
            "name",
            "Expanded map entry type " + t.getName() + " conflicts with an existing field.");
      }
    }
    for (EnumDescriptorProto.Builder e : m.getEnumTypeBuilderList()) {
      DescriptorProto.Builder t = seen.get(e.getName());
      if (t != null && t.getOptions().getMapEntry()) {
        error(
            m,
            "name",
            "Expanded map entry type " + t.getName() + " conflicts with an existing enum type.");
      }
    }
    for (OneofDescriptorProto.Builder o : m.getOneofDeclBuilderList()) {
      DescriptorProto.Builder t = seen.get(o.getName());
      if (t != null && t.getOptions().getMapEntry()) {
        error(
            m,
            "name",
            "Expanded map entry type " + t.getName() + " conflicts with an existing oneof type.");
      }
    }
  }

  /** protoc prints hints for top-level messages only, in file order. */
  private void reportHints() {
    for (DescriptorProto.Builder m : file.getMessageTypeBuilderList()) {
      Hint h = hints.get(m);
      if (h == null) {
        continue;
      }
      int toSuggest = Math.min(3, h.count);
      if (toSuggest <= 0) {
        continue;
      }
      java.util.List<int[]> used = new java.util.ArrayList<>();
      java.util.function.IntConsumer addOrdinal =
          n -> {
            if (n <= 0 || n > 536870911) {
              return;
            }
            if (!used.isEmpty() && n == used.get(used.size() - 1)[1]) {
              used.get(used.size() - 1)[1] = n + 1;
            } else {
              used.add(new int[] {n, n + 1});
            }
          };
      for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
        addOrdinal.accept(f.getNumber());
      }
      for (FieldDescriptorProto.Builder f : m.getExtensionBuilderList()) {
        addOrdinal.accept(f.getNumber());
      }
      for (var r : m.getReservedRangeBuilderList()) {
        addRange(used, r.getStart(), r.getEnd());
      }
      for (var r : m.getExtensionRangeBuilderList()) {
        addRange(used, r.getStart(), r.getEnd());
      }
      used.add(new int[] {536870911, 536870912});
      used.add(new int[] {19000, 19999});
      used.sort((x, y) -> x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]));
      StringBuilder sb = new StringBuilder();
      int current = 1;
      for (int[] r : used) {
        while (current < r[0] && toSuggest > 0) {
          if (sb.length() > 0) {
            sb.append(", ");
          }
          sb.append(current++);
          toSuggest--;
        }
        if (toSuggest == 0) {
          break;
        }
        current = Math.max(current, r[1]);
      }
      error(h.element, h.kind, "Suggested field numbers for " + h.fullName + ": " + sb);
    }
  }

  private static void addRange(java.util.List<int[]> used, int from, int to) {
    from = Math.max(0, Math.min(536870912, from));
    to = Math.max(0, Math.min(536870912, to));
    if (from < to) {
      used.add(new int[] {from, to});
    }
  }

  private void run() {
    runChecks();
    reportHints();
  }

  private void runChecks() {
    // protoc's feature resolver knows the editions up to 2026, and UNSTABLE; it reports any other
    // (the test-only ones) first and goes on building
    Edition edition = file.getEdition();
    if (file.getSyntax().equals("editions")
        && edition.getNumber() > Edition.EDITION_2026_VALUE
        && edition != Edition.EDITION_UNSTABLE) {
      error(
          file,
          "syntax",
          "Edition "
              + edition.name().substring("EDITION_".length())
              + " is later than the maximum supported edition 2026");
    }
    String pkg = file.getPackage();
    pool.setPackage(fileName, pkg);
    if (!pkg.isEmpty()) {
      String acc = "";
      for (String part : pkg.split("\\.", -1)) {
        acc = acc.isEmpty() ? part : acc + "." + part;
        addSymbol(new Symbol(Kind.PACKAGE, acc, fileName, null), file, "package");
      }
    }
    String prefix = pkg.isEmpty() ? "" : pkg + ".";
    for (DescriptorProto.Builder m : file.getMessageTypeBuilderList()) {
      buildMessage(prefix, m);
    }
    for (EnumDescriptorProto.Builder e : file.getEnumTypeBuilderList()) {
      buildEnum(prefix, e);
    }
    for (ServiceDescriptorProto.Builder s : file.getServiceBuilderList()) {
      String sn = prefix + s.getName();
      addSymbol(new Symbol(Kind.SERVICE, sn, fileName, s), s, "name");
      for (MethodDescriptorProto.Builder m : s.getMethodBuilderList()) {
        addSymbol(new Symbol(Kind.METHOD, sn + "." + m.getName(), fileName, m), m, "name");
      }
    }
    for (FieldDescriptorProto.Builder x : file.getExtensionBuilderList()) {
      buildField(prefix, x, true, null);
    }
    for (ServiceDescriptorProto.Builder sv : file.getServiceBuilderList()) {
      for (MethodDescriptorProto.Builder md : sv.getMethodBuilderList()) {
        allocateOptions(md);
      }
      allocateOptions(sv);
    }
    allocateOptions(file);
    // cross link
    for (DescriptorProto.Builder m : file.getMessageTypeBuilderList()) {
      crossLinkMessage(prefix + m.getName(), m);
    }
    for (FieldDescriptorProto.Builder x : file.getExtensionBuilderList()) {
      crossLinkField(prefix + x.getName(), x, null);
    }
    for (ServiceDescriptorProto.Builder s : file.getServiceBuilderList()) {
      for (MethodDescriptorProto.Builder m : s.getMethodBuilderList()) {
        String mn = prefix + s.getName() + "." + m.getName();
        m.setInputType(resolveMessage(m.getInputType(), mn, m, "input"));
        m.setOutputType(resolveMessage(m.getOutputType(), mn, m, "output"));
      }
    }
  }

  private String resolveMessage(String name, String scope, Object element, String kind) {
    Symbol s = lookup(name, scope, false, element, kind);
    if (s == null) {
      return name;
    }
    if (s.kind() != Kind.MESSAGE) {
      error(element, kind, "\"" + name + "\" is not a message type.");
      return name;
    }
    return "." + s.fullName();
  }

  /**
   * protoc's check when it copies an element's options: an option with an empty name part is
   * incomplete, is reported without a location, and the element keeps no options.
   */
  private void allocateOptions(Object element) {
    for (OptionEntry o : src.options(element)) {
      for (OptionEntry.NamePart part : o.name) {
        if (part.name().isEmpty()) {
          error(null, "name", "Uninterpreted option is missing name or value.");
          src.dropOptions(element);
          return;
        }
      }
    }
  }

  private void addSymbol(Symbol s, Object element, String kind) {
    if (s.kind() != Kind.PACKAGE) {
      validateName(s.fullName().substring(s.fullName().lastIndexOf('.') + 1), element, kind);
    }
    Symbol old = pool.add(s);
    if (old == null) {
      return;
    }
    String full = s.fullName();
    if (s.kind() == Kind.PACKAGE) {
      error(
          element,
          kind,
          "\""
              + full
              + "\" is already defined (as something other than a package) in file \""
              + old.file()
              + "\".");
    } else if (old.file().equals(fileName)) {
      int dot = full.lastIndexOf('.');
      if (dot < 0) {
        error(element, kind, "\"" + full + "\" is already defined.");
      } else {
        error(
            element,
            kind,
            "\""
                + full.substring(dot + 1)
                + "\" is already defined in \""
                + full.substring(0, dot)
                + "\".");
      }
    } else {
      error(element, kind, "\"" + full + "\" is already defined in file \"" + old.file() + "\".");
    }
  }

  private void validateName(String name, Object element, String kind) {
    if (name.isEmpty()) {
      error(element, kind, "Missing name.");
      return;
    }
    for (char c : name.toCharArray()) {
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_')) {
        error(element, kind, "\"" + name + "\" is not a valid identifier.");
        return;
      }
    }
  }

  private void buildMessage(String prefix, DescriptorProto.Builder m) {
    String full = prefix + m.getName();
    // protoc decides where "max" ends from the options as written, before interpreting them
    boolean messageSet = false;
    for (OptionEntry o : src.options(m)) {
      if (o.name.size() == 1
          && !o.name.get(0).extension()
          && o.name.get(0).name().equals("message_set_wire_format")) {
        messageSet = o.kind == OptionEntry.ValueKind.IDENTIFIER && o.text.equals("true");
      }
    }
    if (messageSet) {
      for (var r : m.getExtensionRangeBuilderList()) {
        if (src.get(r, "max") != null) {
          r.setEnd(Integer.MAX_VALUE);
        }
      }
      for (var r : m.getReservedRangeBuilderList()) {
        if (src.get(r, "max") != null) {
          r.setEnd(Integer.MAX_VALUE);
        }
      }
    }
    // the order of protoc's BuildMessage, which fixes the order of its errors
    for (OneofDescriptorProto.Builder o : m.getOneofDeclBuilderList()) {
      addSymbol(new Symbol(Kind.ONEOF, full + "." + o.getName(), fileName, o), o, "name");
    }
    for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
      buildField(full + ".", f, false, m);
    }
    for (EnumDescriptorProto.Builder e : m.getEnumTypeBuilderList()) {
      buildEnum(full + ".", e);
    }
    for (DescriptorProto.ExtensionRange.Builder r : m.getExtensionRangeBuilderList()) {
      if (r.getStart() <= 0) {
        hint(m, full, r, "number", fit(fit(r.getEnd()) - fit(r.getStart())));
        error(r, "number", "Extension numbers must be positive integers.");
      }
      if (r.getStart() >= r.getEnd()) {
        error(r, "number", "Extension range end number must be greater than start number.");
      }
    }
    for (FieldDescriptorProto.Builder x : m.getExtensionBuilderList()) {
      buildField(full + ".", x, true, m);
    }
    for (DescriptorProto.ReservedRange.Builder r : m.getReservedRangeBuilderList()) {
      if (r.getStart() <= 0) {
        hint(m, full, r, "number", fit(fit(r.getEnd()) - fit(r.getStart())));
        error(r, "number", "Reserved numbers must be positive integers.");
      }
      if (r.getStart() >= r.getEnd()) {
        error(r, "number", "Reserved range end number must be greater than start number.");
      }
    }
    for (var r : m.getExtensionRangeBuilderList()) {
      allocateOptions(r);
    }
    for (OneofDescriptorProto.Builder o : m.getOneofDeclBuilderList()) {
      allocateOptions(o);
    }
    allocateOptions(m);
    for (DescriptorProto.Builder n : m.getNestedTypeBuilderList()) {
      buildMessage(full + ".", n);
    }
    addSymbol(new Symbol(Kind.MESSAGE, full, fileName, m), m, "name");
    List<DescriptorProto.ExtensionRange.Builder> ers = m.getExtensionRangeBuilderList();
    List<DescriptorProto.ReservedRange.Builder> rrs = m.getReservedRangeBuilderList();
    for (int i = 0; i < rrs.size(); i++) {
      var a = rrs.get(i);
      for (int j = i + 1; j < rrs.size(); j++) {
        var b = rrs.get(j);
        if (a.getEnd() > b.getStart() && b.getEnd() > a.getStart()) {
          error(
              a,
              "number",
              "Reserved range "
                  + b.getStart()
                  + " to "
                  + (b.getEnd() - 1)
                  + " overlaps with already-defined range "
                  + a.getStart()
                  + " to "
                  + (a.getEnd() - 1)
                  + ".");
        }
      }
    }
    Set<String> reservedNames = new HashSet<>();
    for (String n : m.getReservedNameList()) {
      if (!reservedNames.add(n)) {
        error(m, "name", "Field name \"" + n + "\" is reserved multiple times.");
      }
    }
    for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
      for (DescriptorProto.ExtensionRange.Builder r : ers) {
        if (r.getStart() <= f.getNumber() && f.getNumber() < r.getEnd()) {
          hint(m, full, r, "number");
          error(
              r,
              "number",
              "Extension range "
                  + r.getStart()
                  + " to "
                  + (r.getEnd() - 1)
                  + " includes field \""
                  + f.getName()
                  + "\" ("
                  + f.getNumber()
                  + ").");
        }
      }
      for (DescriptorProto.ReservedRange.Builder r : rrs) {
        if (r.getStart() <= f.getNumber() && f.getNumber() < r.getEnd()) {
          hint(m, full, r, "number");
          error(
              r,
              "number",
              "Field \"" + f.getName() + "\" uses reserved number " + f.getNumber() + ".");
        }
      }
      if (reservedNames.contains(f.getName())) {
        error(f, "name", "Field name \"" + f.getName() + "\" is reserved.");
      }
    }
    for (int i = 0; i < ers.size(); i++) {
      var a = ers.get(i);
      for (var b : rrs) {
        if (a.getEnd() > b.getStart() && b.getEnd() > a.getStart()) {
          error(
              a,
              "number",
              "Extension range "
                  + a.getStart()
                  + " to "
                  + (a.getEnd() - 1)
                  + " overlaps with reserved range "
                  + b.getStart()
                  + " to "
                  + (b.getEnd() - 1)
                  + ".");
        }
      }
      for (int j = i + 1; j < ers.size(); j++) {
        var b = ers.get(j);
        if (a.getEnd() > b.getStart() && b.getEnd() > a.getStart()) {
          error(
              a,
              "number",
              "Extension range "
                  + b.getStart()
                  + " to "
                  + (b.getEnd() - 1)
                  + " overlaps with already-defined range "
                  + a.getStart()
                  + " to "
                  + (a.getEnd() - 1)
                  + ".");
        }
      }
    }
  }

  /** {@code owner}: the message the field or extension is declared in, which protoc hints on. */
  private void buildField(
      String prefix,
      FieldDescriptorProto.Builder f,
      boolean isExtension,
      DescriptorProto.Builder owner) {
    if (isExtension && f.getLabel() == FieldDescriptorProto.Label.LABEL_REQUIRED) {
      error(f, "type", "The extension " + prefix + f.getName() + " cannot be required.");
    }
    addSymbol(
        new Symbol(isExtension ? Kind.EXTENSION : Kind.FIELD, prefix + f.getName(), fileName, f),
        f,
        "name");
    int n = f.getNumber();
    if (n <= 0) {
      if (owner != null) {
        hint(owner, prefix.substring(0, prefix.length() - 1), f, "number");
      }
      error(f, "number", "Field numbers must be positive integers.");
    } else if (!isExtension && n > 536870911) {
      // protoc checks an extension's number against the extendee's ranges only
      if (owner != null) {
        hint(owner, prefix.substring(0, prefix.length() - 1), f, "number");
      }
      error(f, "number", "Field numbers cannot be greater than 536870911.");
    }
    if (!src.hasExplicitJsonName(f) && !f.hasJsonName()) {
      f.setJsonName(toJsonName(f.getName()));
    }
    if (f.hasDefaultValue() && f.hasType()) {
      canonicalizeDefault(f);
    }
    if (f.hasDefaultValue() && f.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED) {
      error(f, "default", "Repeated fields can't have default values.");
    }
    allocateOptions(f);
  }

  static String toJsonName(String name) {
    StringBuilder sb = new StringBuilder();
    boolean cap = false;
    for (char c : name.toCharArray()) {
      if (c == '_') {
        cap = true;
      } else if (cap) {
        sb.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
        cap = false;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private void canonicalizeDefault(FieldDescriptorProto.Builder f) {
    String d = f.getDefaultValue();
    try {
      switch (f.getType()) {
        case TYPE_FLOAT -> f.setDefaultValue(TextEscaper.simpleFtoa((float) parseFloating(d)));
        case TYPE_DOUBLE -> f.setDefaultValue(TextEscaper.simpleDtoa(parseFloating(d)));
        case TYPE_INT32,
            TYPE_INT64,
            TYPE_UINT32,
            TYPE_UINT64,
            TYPE_SINT32,
            TYPE_SINT64,
            TYPE_FIXED32,
            TYPE_FIXED64,
            TYPE_SFIXED32,
            TYPE_SFIXED64 ->
            f.setDefaultValue(new BigInteger(d).toString());
        default -> {}
      }
    } catch (NumberFormatException e) {
      error(f, "default", "Couldn't parse default value \"" + d + "\".");
    }
  }

  private static double parseFloating(String d) {
    return switch (d) {
      case "inf", "infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
      case "nan", "-nan" -> Double.NaN;
      default -> Double.parseDouble(d);
    };
  }

  private void buildEnum(String prefix, EnumDescriptorProto.Builder e) {
    String full = prefix + e.getName();
    if (e.getValueCount() == 0) {
      error(e, "name", "Enums must contain at least one value.");
    }
    Map<String, EnumValueDescriptorProto.Builder> inner = new HashMap<>();
    for (EnumValueDescriptorProto.Builder v : e.getValueBuilderList()) {
      String vn = prefix + v.getName();
      int before = diagnostics.size();
      boolean wasErr = hadErrors;
      addSymbol(new Symbol(Kind.ENUM_VALUE, vn, fileName, v), v, "name");
      boolean outerFailed = diagnostics.size() > before;
      boolean innerAdded = inner.putIfAbsent(v.getName(), v) == null;
      if (innerAdded) {
        pool.add(new Symbol(Kind.ENUM_VALUE, full + "." + v.getName(), fileName, v));
      }
      if (outerFailed && innerAdded) {
        String outer =
            prefix.isEmpty()
                ? "the global scope"
                : "\"" + prefix.substring(0, prefix.length() - 1) + "\"";
        error(
            v,
            "name",
            "Note that enum values use C++ scoping rules, meaning that enum values are siblings of their type, not children of it.  Therefore, \""
                + v.getName()
                + "\" must be unique within "
                + outer
                + ", not just within \""
                + e.getName()
                + "\".");
      }
      hadErrors |= wasErr;
    }
    for (var r : e.getReservedRangeBuilderList()) {
      if (r.getEnd() < r.getStart()) {
        error(r, "number", "Reserved range end number must be greater than start number.");
      }
    }
    for (EnumValueDescriptorProto.Builder v : e.getValueBuilderList()) {
      allocateOptions(v);
    }
    allocateOptions(e);
    // protoc registers the values before the enum itself
    addSymbol(new Symbol(Kind.ENUM, full, fileName, e), e, "name");
    var rrs = e.getReservedRangeBuilderList();
    for (int i = 0; i < rrs.size(); i++) {
      var a = rrs.get(i);
      for (int j = i + 1; j < rrs.size(); j++) {
        var b = rrs.get(j);
        if (a.getEnd() >= b.getStart() && b.getEnd() >= a.getStart()) {
          error(
              a,
              "number",
              "Reserved range "
                  + b.getStart()
                  + " to "
                  + b.getEnd()
                  + " overlaps with already-defined range "
                  + a.getStart()
                  + " to "
                  + a.getEnd()
                  + ".");
        }
      }
    }
    Set<String> reservedNames = new HashSet<>();
    for (String n : e.getReservedNameList()) {
      if (!reservedNames.add(n)) {
        error(e, "name", "Enum value \"" + n + "\" is reserved multiple times.");
      }
    }
    for (EnumValueDescriptorProto.Builder v : e.getValueBuilderList()) {
      for (var r : e.getReservedRangeBuilderList()) {
        if (r.getStart() <= v.getNumber() && v.getNumber() <= r.getEnd()) {
          error(
              r,
              "number",
              "Enum value \"" + v.getName() + "\" uses reserved number " + v.getNumber() + ".");
        }
      }
      if (reservedNames.contains(v.getName())) {
        error(v, "name", "Enum value \"" + v.getName() + "\" is reserved.");
      }
    }
  }

  private void crossLinkMessage(String full, DescriptorProto.Builder m) {
    for (DescriptorProto.Builder n : m.getNestedTypeBuilderList()) {
      crossLinkMessage(full + "." + n.getName(), n);
    }
    List<FieldDescriptorProto.Builder> fields = m.getFieldBuilderList();
    int sequential = 0;
    while (sequential < fields.size() && fields.get(sequential).getNumber() == sequential + 1) {
      sequential++;
    }
    for (FieldDescriptorProto.Builder f : fields) {
      if (!crossLinkField(full + "." + f.getName(), f, m)) {
        continue;
      }
      FieldDescriptorProto.Builder prev = null;
      String prevName = null;
      if (f.getNumber() >= 1 && f.getNumber() <= sequential) {
        // protoc reads the leading run 1, 2, 3, ... straight from the field list
        FieldDescriptorProto.Builder slot = fields.get(f.getNumber() - 1);
        prev = slot == f ? null : slot;
        if (prev != null) {
          prevName = prev.getName();
        }
      } else {
        String[] clash =
            fieldsByNumber.putIfAbsent(
                full + "#" + f.getNumber(), new String[] {full + "." + f.getName(), f.getName()});
        prevName = clash == null ? null : clash[1];
      }
      if (prevName != null) {
        error(
            f,
            "number",
            "Field number "
                + f.getNumber()
                + " has already been used in \""
                + full
                + "\" by field \""
                + prevName
                + "\". "
                + nextAvailable(m)
                + ".");
      }
    }
    for (FieldDescriptorProto.Builder x : m.getExtensionBuilderList()) {
      crossLinkField(full + "." + x.getName(), x, null);
    }
    for (int i = 0; i < m.getOneofDeclCount(); i++) {
      boolean any = false;
      for (FieldDescriptorProto.Builder f : fields) {
        any |= f.hasOneofIndex() && f.getOneofIndex() == i;
      }
      if (!any) {
        error(m.getOneofDeclBuilder(i), "name", "Oneof must have at least one field.");
      }
    }
  }

  /** Returns false when protoc would stop linking the field early. */
  private boolean crossLinkField(
      String full, FieldDescriptorProto.Builder f, DescriptorProto.Builder owner) {
    Symbol extendeeSymbol = null;
    if (f.hasExtendee()) {
      String ext = f.getExtendee();
      Symbol s = lookup(ext, full, false, f, "extendee");
      if (s == null) {
        // protoc stops linking this field when its extendee is unusable
        return false;
      }
      if (s != null) {
        if (s.kind() != Kind.MESSAGE) {
          error(f, "extendee", "\"" + ext + "\" is not a message type.");
          return false;
        } else {
          extendeeSymbol = s;
          f.setExtendee("." + s.fullName());
          DescriptorProtoOrBuilder target = (DescriptorProtoOrBuilder) s.element();
          boolean ok = false;
          for (var r : target.getExtensionRangeOrBuilderList()) {
            if (r.getStart() <= f.getNumber() && f.getNumber() < r.getEnd()) {
              ok = true;
            }
          }
          if (!ok && !(target.getOptions().getMessageSetWireFormat())) {
            error(
                f,
                "number",
                "\""
                    + s.fullName()
                    + "\" does not declare "
                    + f.getNumber()
                    + " as an extension number.");
          }
        }
      }
    }
    if (!f.hasTypeName()
        && (f.getType() == Type.TYPE_MESSAGE
            || f.getType() == Type.TYPE_GROUP
            || f.getType() == Type.TYPE_ENUM)) {
      error(f, "type", "Field with message or enum type missing type_name.");
    }
    if (f.hasTypeName()) {
      String tn = f.getTypeName();
      Symbol s = lookup(tn, full, true, f, "type");
      if (s == null) {
        return false;
      }
      if (!s.kind().isType()) {
        error(f, "type", "\"" + tn + "\" is not a type.");
        return false;
      }
      if (f.hasType()) {
        if ((f.getType() == Type.TYPE_MESSAGE || f.getType() == Type.TYPE_GROUP)
            && s.kind() != Kind.MESSAGE) {
          error(f, "type", "\"" + tn + "\" is not a message type.");
          return false;
        }
        if (f.getType() == Type.TYPE_ENUM && s.kind() != Kind.ENUM) {
          error(f, "type", "\"" + tn + "\" is not an enum type.");
          return false;
        }
      } else {
        f.setType(s.kind() == Kind.MESSAGE ? Type.TYPE_MESSAGE : Type.TYPE_ENUM);
      }
      f.setTypeName("." + s.fullName());
      if (f.hasDefaultValue()) {
        if (s.kind() == Kind.MESSAGE) {
          error(f, "default", "Messages can't have default values.");
        } else {
          EnumDescriptorProtoOrBuilder en = (EnumDescriptorProtoOrBuilder) s.element();
          String d = f.getDefaultValue();
          if (!d.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            error(f, "default", "Default value for an enum field must be an identifier.");
          } else {
            boolean found = false;
            for (var v : en.getValueOrBuilderList()) {
              if (v.getName().equals(d)) {
                found = true;
              }
            }
            if (!found) {
              error(
                  f,
                  "default",
                  "Enum type \"" + s.fullName() + "\" has no value named \"" + d + "\".");
            }
          }
        }
      }
    }
    if (extendeeSymbol != null) {
      Symbol s = extendeeSymbol;
      DescriptorProtoOrBuilder target = (DescriptorProtoOrBuilder) s.element();
      // protoc sees a clash with the extendee's leading run of fields 1, 2, 3, ..., wherever it
      // is defined, and with the fields and extensions of this file linked before this one
      var targetFields = target.getFieldOrBuilderList();
      int sequential = 0;
      while (sequential < targetFields.size()
          && targetFields.get(sequential).getNumber() == sequential + 1) {
        sequential++;
      }
      String clash;
      if (f.getNumber() >= 1 && f.getNumber() <= sequential) {
        clash = s.fullName() + "." + targetFields.get(f.getNumber() - 1).getName();
      } else {
        String[] prev =
            fieldsByNumber.putIfAbsent(
                s.fullName() + "#" + f.getNumber(), new String[] {full, f.getName()});
        clash = prev == null ? null : prev[0];
      }
      if (clash != null) {
        error(
            f,
            "number",
            "Extension number "
                + f.getNumber()
                + " has already been used in \""
                + s.fullName()
                + "\" by extension \""
                + clash
                + "\".");
      }
    }
    return true;
  }

  /**
   * protoc's relative name lookup; reports "not defined" errors at {@code kind} of {@code element}
   * and returns null when nothing usable is found.
   */
  Symbol lookup(String name, String relativeTo, boolean typesOnly, Object element, String kind) {
    String[] undeclaredFile = new String[1];
    String[] resolvedName = new String[1];
    Symbol s = lookupNoError(name, relativeTo, typesOnly, undeclaredFile, resolvedName);
    if (s == null && element != null) {
      if (undeclaredFile[0] == null && resolvedName[0] == null) {
        error(element, kind, "\"" + name + "\" is not defined.");
      } else {
        if (undeclaredFile[0] != null) {
          error(element, kind, undeclaredFile[0]);
        }
        if (resolvedName[0] != null) {
          error(
              element,
              kind,
              "\""
                  + name
                  + "\" is resolved to \""
                  + resolvedName[0]
                  + "\", which is not defined. The innermost scope is searched first in name resolution. Consider using a leading '.'(i.e., \"."
                  + name
                  + "\") to start from the outermost scope.");
        }
      }
    }
    return s;
  }

  Symbol lookupNoError(
      String name, String relativeTo, boolean typesOnly, String[] undeclared, String[] resolved) {
    if (name.startsWith(".")) {
      return findVisible(name.substring(1), undeclared);
    }
    int firstDot = name.indexOf('.');
    String firstPart = firstDot < 0 ? name : name.substring(0, firstDot);
    StringBuilder scope = new StringBuilder(relativeTo);
    while (true) {
      int dot = scope.lastIndexOf(".");
      if (dot < 0) {
        return findVisible(name, undeclared);
      }
      scope.setLength(dot);
      int oldSize = scope.length();
      scope.append('.').append(firstPart);
      Symbol s = findVisible(scope.toString(), undeclared);
      if (s != null) {
        if (firstPart.length() < name.length()) {
          if (s.kind().isAggregate()) {
            scope.setLength(oldSize);
            scope.append('.').append(name);
            Symbol r = findVisible(scope.toString(), undeclared);
            if (r == null) {
              resolved[0] = scope.toString();
            }
            return r;
          }
        } else if (!typesOnly || s.kind().isType()) {
          return s;
        }
      }
      scope.setLength(oldSize);
    }
  }

  private final Set<String> usedFiles = new HashSet<>();

  /** The files whose symbols this file has used so far. */
  Set<String> usedFiles() {
    return usedFiles;
  }

  /** Records that a file's definitions are used (options refer to their extensions). */
  void markUsed(String file) {
    usedFiles.add(file);
  }

  private Symbol findVisible(String fullName, String[] undeclared) {
    Symbol s = pool.find(fullName);
    if (s == null) {
      return null;
    }
    boolean seen =
        pool.isVisible(s, visible)
            && (s.kind() == Kind.PACKAGE
                || s.kind() == Kind.FIELD
                || s.kind() == Kind.EXTENSION
                || !optionOnly.contains(s.file()));
    if (s.kind() != Kind.PACKAGE && seen) {
      usedFiles.add(s.file());
    }
    if (!seen) {
      if (undeclared[0] == null) {
        undeclared[0] =
            "\""
                + fullName
                + "\" seems to be defined in \""
                + s.file()
                + "\", which is not imported by \""
                + fileName
                + "\".  To use it here, please add the necessary import.";
      }
      return null;
    }
    return s;
  }
}
