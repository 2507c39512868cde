package dev.grpccontract.compiler.internal;

import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.Edition;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.grpccontract.compiler.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compiles a set of files and their imports; the engine behind the public compiler. */
public final class CompilerCore {

  /** Where sources come from. */
  public interface SourceTree {
    /** The file's text, or null when it is not found. */
    String read(String name);

    /** Human-readable list of the places searched, for "not found" messages. */
    String describe();
  }

  /** The outcome: files in protoc's --include_imports order, or diagnostics. */
  public record Result(
      List<FileDescriptorProto> protos,
      List<FileDescriptor> descriptors,
      List<Diagnostic> diagnostics,
      List<Diagnostic> warnings,
      List<Diagnostic> all) {}

  private final SourceTree sources;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Map<String, Unit> units = new HashMap<>();
  private final Pool pool = new Pool();
  private final OptionInterpreter.Registry registry = new OptionInterpreter.Registry();
  private final List<Unit> order = new ArrayList<>();
  private final List<Diagnostic> warnings = new ArrayList<>();
  private final Set<String> directInputs = new java.util.HashSet<>();
  private final boolean includeSourceInfo;

  private static final class Unit {
    final String name;
    String text;
    Parser.Parsed parsed;
    boolean ok;
    boolean done;
    boolean inProgress;
    FileDescriptorProto proto;
    FileDescriptor descriptor;
    final List<String> targetErrors = new ArrayList<>();

    Unit(String name) {
      this.name = name;
    }
  }

  private CompilerCore(SourceTree sources, boolean includeSourceInfo) {
    this.sources = sources;
    this.includeSourceInfo = includeSourceInfo;
  }

  /** Reads the texts of every file reachable from {@code roots}, keyed by name, in load order. */
  public static Map<String, String> closure(SourceTree sources, List<String> roots) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> stack = new ArrayList<>(roots);
    Set<String> seen = new LinkedHashSet<>();
    while (!stack.isEmpty()) {
      String n = stack.remove(stack.size() - 1);
      if (!seen.add(n)) {
        continue;
      }
      String text = sources.read(n);
      out.put(n, text);
      if (text != null) {
        List<Diagnostic> ignored = new ArrayList<>();
        Parser.Parsed p = Parser.parse(n, text, ignored);
        stack.addAll(p.proto().getDependencyList());
        stack.addAll(p.proto().getOptionDependencyList());
      }
    }
    return out;
  }

  /** Compiles {@code roots} (and imports) read from {@code sources}. */
  public static Result compile(SourceTree sources, List<String> roots) {
    return compile(sources, roots, false);
  }

  /**
   * Compiles {@code roots} (and imports) read from {@code sources}; with {@code includeSourceInfo}
   * every file carries protoc's source code info (locations and comments).
   */
  public static Result compile(SourceTree sources, List<String> roots, boolean includeSourceInfo) {
    CompilerCore c = new CompilerCore(sources, includeSourceInfo);
    c.directInputs.addAll(roots);
    for (String r : roots) {
      Unit u = c.units.get(r);
      if (u != null && u.done) {
        continue;
      }
      String text = sources.read(r);
      if (text == null) {
        c.diagnostics.add(
            Diagnostic.of(r, 0, 0, "File not found. Searched: " + sources.describe() + "."));
        continue;
      }
      c.build(r, new ArrayList<>());
    }
    List<Diagnostic> errors = new ArrayList<>();
    for (Diagnostic d : c.diagnostics) {
      if (d.isWarning()) {
        c.warnings.add(d);
      } else {
        errors.add(d);
      }
    }
    if (errors.isEmpty()) {
      // protoc's command line checks the option targets of the files it was asked for
      Set<String> checked = new LinkedHashSet<>();
      for (String r : roots) {
        Unit u = c.units.get(r);
        if (u != null && checked.add(r)) {
          for (String message : u.targetErrors) {
            Diagnostic d = Diagnostic.of(r, 0, 0, message);
            errors.add(d);
            c.diagnostics.add(d);
          }
        }
      }
    }
    if (errors.isEmpty()) {
      Diagnostic tooNew = c.editionBeyondProtoc(roots);
      if (tooNew != null) {
        errors.add(tooNew);
        c.diagnostics.add(tooNew);
      }
    }
    if (!errors.isEmpty()) {
      return new Result(
          List.of(),
          List.of(),
          List.copyOf(errors),
          List.copyOf(c.warnings),
          List.copyOf(c.diagnostics));
    }
    List<FileDescriptorProto> protos = new ArrayList<>();
    List<FileDescriptor> descs = new ArrayList<>();
    for (Unit u : c.order) {
      protos.add(u.proto);
      descs.add(u.descriptor);
    }
    return new Result(
        List.copyOf(protos),
        List.copyOf(descs),
        List.of(),
        List.copyOf(c.warnings),
        List.copyOf(c.diagnostics));
  }

  /**
   * protoc compiles a requested file of an edition later than the last it supports (2026: UNSTABLE
   * and the test-only editions) only under the paths of protobuf's own files; it checks once every
   * file has compiled, and stops at the first such file.
   */
  private Diagnostic editionBeyondProtoc(List<String> roots) {
    for (String r : roots) {
      Unit u = units.get(r);
      if (u == null || u.proto == null || !u.proto.getSyntax().equals("editions")) {
        continue;
      }
      if (r.startsWith("google/protobuf/")
          || r.startsWith("upb/")
          || r.startsWith("com/google/protobuf/")
          || r.startsWith("conformance/test_protos/")
          || r.startsWith("test_messages_edition_unstable")) {
        continue;
      }
      Edition edition = u.proto.getEdition();
      if (edition.getNumber() > Edition.EDITION_2026_VALUE) {
        String name = edition.name().substring("EDITION_".length());
        return Diagnostic.of(
            r,
            0,
            0,
            "is a file using edition "
                + name
                + ", which is later than the protoc maximum supported edition 2026.");
      }
    }
    return null;
  }

  /** An error protoc reports once the file is linked, at {@code pos} (null: the file). */
  private record LateError(int[] pos, String message) {}

  private Unit build(String name, List<String> chain) {
    Unit u = units.get(name);
    if (u != null) {
      return u;
    }
    u = new Unit(name);
    units.put(name, u);
    u.text = sources.read(name);
    if (u.text == null) {
      u.done = true;
      diagnostics.add(
          Diagnostic.of(name, 0, 0, "File not found. Searched: " + sources.describe() + "."));
      return u;
    }
    u.parsed = Parser.parse(name, u.text, diagnostics, includeSourceInfo);
    u.inProgress = true;
    FileDescriptorProto.Builder fb = u.parsed.proto();
    SourceTable src = u.parsed.source();
    if (u.parsed.hadErrors()) {
      // protoc neither loads the imports of nor links a file that did not parse
      u.inProgress = false;
      u.done = true;
      return u;
    }
    boolean depsOk = true;
    List<String> nextChain = new ArrayList<>(chain);
    nextChain.add(name);
    List<String> allDeps = new ArrayList<>(fb.getDependencyList());
    allDeps.addAll(fb.getOptionDependencyList());
    // like protoc: first load every import (reporting missing files and cycles), then check them
    for (String dep : allDeps) {
      Unit d = units.get(dep);
      if (d == null) {
        build(dep, nextChain);
      } else if (d.inProgress) {
        reportCycle(d, dep, nextChain);
      }
    }
    List<Unit> deps = new ArrayList<>();
    List<LateError> deferred = new ArrayList<>();
    Set<String> seenDeps = new LinkedHashSet<>();
    for (int i = 0; i < allDeps.size(); i++) {
      String dep = allDeps.get(i);
      boolean option = i >= fb.getDependencyCount();
      int[] pos =
          src.get(fb, option ? "option_import:" + (i - fb.getDependencyCount()) : "import:" + dep);
      if (!seenDeps.add(dep)) {
        addAt(name, pos, "Import \"" + dep + "\" was listed twice.");
        depsOk = false;
      }
      if (dep.equals(name)) {
        // protoc finds the file itself half built, and stops building it without another word
        u.inProgress = false;
        u.done = true;
        return u;
      }
      Unit d = units.get(dep);
      if (option && d != null && !d.inProgress && !d.ok) {
        // protoc builds on with a placeholder and reports a missing option import after linking
        deferred.add(new LateError(pos, "Import \"" + dep + "\" was not found or had errors."));
        depsOk = false;
        continue;
      }
      if (d == null || d.inProgress || !d.ok) {
        addAt(name, pos, "Import \"" + dep + "\" was not found or had errors.");
        depsOk = false;
        if (!option) {
          deps.add(null);
        }
        continue;
      }
      if (!option) {
        deps.add(d);
      }
    }
    u.inProgress = false;
    u.done = true;
    if (u.parsed.hadErrors()) {
      return u;
    }
    Set<String> visible = new LinkedHashSet<>();
    visible.add(name);
    for (Unit d : deps) {
      if (d != null) {
        addPublic(d, visible);
      }
    }
    Set<String> regular = new LinkedHashSet<>(visible);
    for (String od : fb.getOptionDependencyList()) {
      Unit d = units.get(od);
      if (d != null) {
        addPublic(d, visible);
      }
    }
    // files seen only through option imports: protoc sees their fields and extensions alone
    Set<String> optionOnly = new LinkedHashSet<>(visible);
    optionOnly.removeAll(regular);
    try {
      return link(u, fb, src, deps, visible, optionOnly, depsOk, deferred);
    } finally {
      if (!u.ok) {
        // like protoc's rollback: a file that failed leaves no symbols behind
        pool.rollback(name);
      }
    }
  }

  private Unit link(
      Unit u,
      FileDescriptorProto.Builder fb,
      SourceTable src,
      List<Unit> deps,
      Set<String> visible,
      Set<String> optionOnly,
      boolean depsOk,
      List<LateError> deferred) {
    String name = u.name;
    int before = diagnostics.size();
    Linker linker = Linker.linkAndKeep(fb, src, pool, visible, optionOnly, diagnostics);
    // protoc reports them only when the file has options to interpret (and crashes otherwise)
    for (LateError d : deferred) {
      addAt(name, d.pos(), d.message());
    }
    try {
      return finish(u, fb, src, deps, visible, depsOk, linker, before);
    } finally {
      if (!u.ok) {
        linker.detectMapConflicts();
      }
    }
  }

  private Unit finish(
      Unit u,
      FileDescriptorProto.Builder fb,
      SourceTable src,
      List<Unit> deps,
      Set<String> visible,
      boolean depsOk,
      Linker linker,
      int before) {
    String name = u.name;
    boolean linked = !linker.hadErrors();
    if (!linked || !depsOk || diagnostics.size() > before) {
      return u;
    }
    // pre-build without options so option types defined here can be used here
    List<FileDescriptor> javaDeps = new ArrayList<>();
    for (Unit d : deps) {
      javaDeps.add(d.descriptor);
    }
    FileDescriptor pre = null;
    DescriptorValidationException preError = null;
    try {
      pre = FileDescriptor.buildFrom(withoutOptions(fb), javaDeps.toArray(new FileDescriptor[0]));
    } catch (DescriptorValidationException e) {
      // protobuf-java rejected something protoc reports later, in its own words; keep going
      preError = e;
    }
    if (name.equals("google/protobuf/descriptor.proto")) {
      registry.addFile(DescriptorProtos.getDescriptor());
    } else if (pre != null) {
      registry.addFile(pre);
    }
    if (!OptionInterpreter.interpret(fb, src, linker, registry, diagnostics, includeSourceInfo)) {
      return u;
    }
    for (DescriptorProto.Builder m : fb.getMessageTypeBuilderList()) {
      messageSetRanges(m, src);
    }
    OptionInterpreter.recordRetention(fb, registry);
    FileDescriptor mid = null;
    DescriptorValidationException midError = null;
    if (!name.equals("google/protobuf/descriptor.proto")) {
      try {
        // register the extensions again with their interpreted options (packed, features)
        mid = FileDescriptor.buildFrom(fb.clone().build(), javaDeps.toArray(new FileDescriptor[0]));
        registry.addFile(mid);
      } catch (DescriptorValidationException e) {
        midError = e;
      }
    }
    if (!Validator.validate(
        fb,
        src,
        mid,
        registry::findEnum,
        pool::findMessage,
        diagnostics,
        diagnostics,
        u.targetErrors)) {
      return u;
    }
    if (midError != null || preError != null) {
      DescriptorValidationException e = midError != null ? midError : preError;
      diagnostics.add(Diagnostic.of(name, 0, 0, e.getDescription()));
      return u;
    }
    // protoc's last check, of a file with no other error
    List<String> visibility = VisibilityRules.check(fb);
    if (!visibility.isEmpty()) {
      for (String message : visibility) {
        diagnostics.add(Diagnostic.of(name, 0, 0, message));
      }
      return u;
    }
    if (includeSourceInfo) {
      List<int[]> stripped = new ArrayList<>();
      OptionInterpreter.stripAll(fb, src, registry, stripped);
      fb.setSourceCodeInfo(src.sourceInfo().build(stripped));
    } else {
      OptionInterpreter.stripAll(fb, src, registry);
    }
    u.proto = fb.build();
    if (name.equals("google/protobuf/descriptor.proto")) {
      u.descriptor = DescriptorProtos.getDescriptor();
    } else {
      try {
        u.descriptor = FileDescriptor.buildFrom(u.proto, javaDeps.toArray(new FileDescriptor[0]));
      } catch (DescriptorValidationException e) {
        diagnostics.add(Diagnostic.of(name, 0, 0, e.getDescription()));
        return u;
      }
      registry.addFile(u.descriptor);
    }
    u.ok = true;
    order.add(u);
    if (directInputs.contains(name)) {
      // protoc warns about imports of the files it was asked for that nothing uses
      Set<Integer> publicIndexes = new java.util.HashSet<>(fb.getPublicDependencyList());
      int regular = fb.getDependencyCount();
      for (int i = 0; i < regular + fb.getOptionDependencyCount(); i++) {
        String dep = i < regular ? fb.getDependency(i) : fb.getOptionDependency(i - regular);
        Unit d = units.get(dep);
        if (publicIndexes.contains(i)
            || d == null
            || d.proto == null
            || d.proto.getPublicDependencyCount() > 0
            || linker.usedFiles().contains(dep)) {
          continue;
        }
        int[] pos = src.get(fb, i < regular ? "import:" + dep : "option_import:" + (i - regular));
        diagnostics.add(
            pos == null
                ? Diagnostic.warning(name, 0, 0, "Import " + dep + " is unused.")
                : Diagnostic.warning(
                    name, pos[0] + 1, pos[1] + 1, "Import " + dep + " is unused."));
      }
    }
    return u;
  }

  /** protoc ends {@code max} ranges at INT32_MAX in message sets, at 2^29 elsewhere. */
  private static void messageSetRanges(DescriptorProto.Builder m, SourceTable src) {
    if (m.getOptions().getMessageSetWireFormat()) {
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
    for (DescriptorProto.Builder n : m.getNestedTypeBuilderList()) {
      messageSetRanges(n, src);
    }
  }

  private void reportCycle(Unit d, String dep, List<String> chain) {
    StringBuilder cycle = new StringBuilder();
    int start = chain.indexOf(dep);
    for (int k = start; k < chain.size(); k++) {
      cycle.append(chain.get(k)).append(" -> ");
    }
    cycle.append(dep);
    String next = start + 1 < chain.size() ? chain.get(start + 1) : dep;
    FileDescriptorProto.Builder startProto = d.parsed.proto();
    addAt(
        dep,
        d.parsed.source().get(startProto, "import:" + next),
        "File recursively imports itself: " + cycle);
  }

  private void addPublic(Unit d, Set<String> visible) {
    if (!visible.add(d.name) || d.parsed == null) {
      return;
    }
    FileDescriptorProto.Builder b = d.parsed.proto();
    for (int idx : b.getPublicDependencyList()) {
      Unit x = units.get(b.getDependency(idx));
      if (x != null) {
        addPublic(x, visible);
      }
    }
  }

  private void addAt(String file, int[] pos, String message) {
    if (pos == null) {
      diagnostics.add(Diagnostic.of(file, 0, 0, message));
    } else {
      diagnostics.add(Diagnostic.of(file, pos[0] + 1, pos[1] + 1, message));
    }
  }

  private static FileDescriptorProto withoutOptions(FileDescriptorProto.Builder fb) {
    FileDescriptorProto.Builder b = fb.clone();
    b.clearOptions();
    for (DescriptorProto.Builder m : b.getMessageTypeBuilderList()) {
      clearMessage(m);
    }
    for (EnumDescriptorProto.Builder e : b.getEnumTypeBuilderList()) {
      clearEnum(e);
    }
    for (var s : b.getServiceBuilderList()) {
      s.clearOptions();
      for (var m : s.getMethodBuilderList()) {
        m.clearOptions();
      }
    }
    for (FieldDescriptorProto.Builder f : b.getExtensionBuilderList()) {
      clearField(f);
    }
    return b.build();
  }

  private static void clearField(FieldDescriptorProto.Builder f) {
    if (f.hasOptions()) {
      f.clearOptions();
    }
  }

  private static void clearMessage(DescriptorProto.Builder m) {
    boolean mapEntry = m.getOptions().getMapEntry();
    m.clearOptions();
    if (mapEntry) {
      m.getOptionsBuilder().setMapEntry(true);
    }
    for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
      clearField(f);
    }
    for (FieldDescriptorProto.Builder f : m.getExtensionBuilderList()) {
      clearField(f);
    }
    for (DescriptorProto.Builder n : m.getNestedTypeBuilderList()) {
      clearMessage(n);
    }
    for (EnumDescriptorProto.Builder e : m.getEnumTypeBuilderList()) {
      clearEnum(e);
    }
    for (var r : m.getExtensionRangeBuilderList()) {
      r.clearOptions();
    }
    for (var o : m.getOneofDeclBuilderList()) {
      o.clearOptions();
    }
  }

  private static void clearEnum(EnumDescriptorProto.Builder e) {
    e.clearOptions();
    for (var v : e.getValueBuilderList()) {
      v.clearOptions();
    }
  }
}
