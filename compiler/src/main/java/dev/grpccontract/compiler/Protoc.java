package dev.grpccontract.compiler;

import dev.grpccontract.compiler.internal.CompilerCore;
import dev.grpccontract.compiler.internal.Sources;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A command line with protoc's own flags for descriptor-set output: {@code -IPATH}, {@code -I
 * PATH}, {@code --proto_path=PATH}, {@code --include_imports}, {@code --include_source_info},
 * {@code --descriptor_set_out=FILE}, {@code -oFILE}, {@code @argfile}, then file names.
 *
 * <p>The descriptor set written is byte for byte what protoc 36.x writes for the same flags,
 * including the source code info (locations and comments) that {@code --include_source_info} adds.
 * Stateless and thread-safe.
 */
public final class Protoc {
  private Protoc() {}

  /**
   * Runs the command line and exits with its status.
   *
   * @param args protoc-style arguments
   */
  public static void main(String[] args) {
    int rc = run(args, System.out, System.err);
    System.exit(rc);
  }

  /**
   * Runs the command line; errors go to {@code err} as {@code file:line:column: message}.
   *
   * @param args protoc-style arguments, not null
   * @param out standard output, not null
   * @param err standard error, not null
   * @return 0 on success, 1 on any error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> expanded = new ArrayList<>();
    try {
      expand(args, expanded);
    } catch (IOException e) {
      err.println(e.getMessage());
      return 1;
    }
    List<String> paths = new ArrayList<>();
    List<String> files = new ArrayList<>();
    boolean includeImports = false;
    boolean includeSourceInfo = false;
    String outFile = null;
    for (int i = 0; i < expanded.size(); i++) {
      String a = expanded.get(i);
      if (a.equals("-I")
          || a.equals("--proto_path")
          || a.equals("-o")
          || a.equals("--descriptor_set_out")) {
        if (i + 1 >= expanded.size()) {
          err.println("Missing value for flag: " + a);
          return 1;
        }
        String v = expanded.get(++i);
        if (a.equals("-I") || a.equals("--proto_path")) {
          addPaths(v, paths);
        } else {
          outFile = v;
        }
      } else if (a.startsWith("--proto_path=")) {
        addPaths(a.substring("--proto_path=".length()), paths);
      } else if (a.startsWith("-I")) {
        addPaths(a.substring(2), paths);
      } else if (a.startsWith("--descriptor_set_out=")) {
        outFile = a.substring("--descriptor_set_out=".length());
      } else if (a.startsWith("-o")) {
        outFile = a.substring(2);
      } else if (a.equals("--include_imports")) {
        includeImports = true;
      } else if (a.equals("--include_source_info")) {
        includeSourceInfo = true;
      } else if (a.equals("--version")) {
        out.println("libprotoc 36.2");
        return 0;
      } else if (a.startsWith("-")) {
        err.println("Unknown flag: " + a);
        return 1;
      } else {
        files.add(a);
      }
    }
    if (files.isEmpty()) {
      err.println("Missing input file.");
      return 1;
    }
    if (includeSourceInfo && outFile == null) {
      // protoc's own warning; it compiles all the same
      err.println(
          "--include_source_info only makes sense when combined with --descriptor_set_out.");
    }
    if (paths.isEmpty()) {
      paths.add(".");
    }
    List<Sources.Root> roots = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String p : paths) {
      roots.add(Sources.directory(Path.of(p), p));
    }
    for (String f : files) {
      String name = relativize(f, paths);
      if (name == null) {
        err.println(
            f
                + ": File does not reside within any path specified using --proto_path (or -I).  You must specify a --proto_path which encompasses this file.  Note that the proto_path must be an exact prefix of the .proto file names -- protoc is too dumb to figure out when two paths (e.g. absolute and relative) are equivalent (it's harder than you think).");
        return 1;
      }
      names.add(name);
    }
    Sources sources = new Sources(Map.of(), roots);
    for (String n : names) {
      if (sources.read(n) == null) {
        err.println("Could not make proto path relative: " + n + ": No such file or directory");
        return 1;
      }
    }
    CompilerCore.Result r = CompilerCore.compile(sources, names, includeSourceInfo);
    for (Diagnostic d : r.all()) {
      String message = d.message().startsWith("File not found.") ? "File not found." : d.message();
      // protoc names a file by its disk path, except in its own check of the file's edition,
      // made once everything compiled, which names it as imported
      boolean editionCheck = d.line() == 0 && d.message().startsWith("is a file using edition ");
      String file = editionCheck ? d.file() : sources.displayPath(d.file());
      err.println(
          d.isWarning()
              ? Diagnostic.warning(file, d.line(), d.column(), message)
              : Diagnostic.of(file, d.line(), d.column(), message));
    }
    if (!r.diagnostics().isEmpty()) {
      return 1;
    }
    if (outFile != null) {
      com.google.protobuf.DescriptorProtos.FileDescriptorSet.Builder set =
          com.google.protobuf.DescriptorProtos.FileDescriptorSet.newBuilder();
      for (var fp : r.protos()) {
        if (includeImports || names.contains(fp.getName())) {
          set.addFile(fp);
        }
      }
      try {
        Files.write(Path.of(outFile), set.build().toByteArray());
      } catch (IOException e) {
        err.println(outFile + ": " + e.getMessage());
        return 1;
      }
    }
    return 0;
  }

  private static void addPaths(String v, List<String> paths) {
    for (String p : v.split(java.io.File.pathSeparator)) {
      if (!p.isEmpty()) {
        paths.add(p);
      }
    }
  }

  private static String relativize(String file, List<String> pathNames) {
    Path f = Path.of(file);
    for (String pn : pathNames) {
      Path p = Path.of(pn);
      if (Files.isRegularFile(p.resolve(file)) && !f.isAbsolute()) {
        return file.replace('\\', '/');
      }
      Path norm = p.normalize();
      if (f.normalize().startsWith(norm) && !norm.toString().isEmpty()) {
        return norm.relativize(f.normalize()).toString().replace('\\', '/');
      }
    }
    return f.isAbsolute() ? null : file.replace('\\', '/');
  }

  private static void expand(String[] args, List<String> out) throws IOException {
    for (String a : args) {
      if (a.startsWith("@")) {
        for (String line : Files.readAllLines(Path.of(a.substring(1)), StandardCharsets.UTF_8)) {
          if (!line.isEmpty()) {
            out.add(line);
          }
        }
      } else {
        out.add(a);
      }
    }
  }
}
