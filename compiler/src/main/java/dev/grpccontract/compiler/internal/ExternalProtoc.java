package dev.grpccontract.compiler.internal;

import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.grpccontract.compiler.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Runs a protoc executable over sources copied to a temporary directory. */
public final class ExternalProtoc {
  private static final Pattern LOCATED = Pattern.compile("^(.+?):(\\d+):(\\d+): (.*)$");
  private static final Pattern FILE_ONLY = Pattern.compile("^([^:]+\\.proto): (.*)$");

  /** protoc's output read back. */
  public record Output(
      List<FileDescriptorProto> protos,
      List<FileDescriptor> descriptors,
      List<Diagnostic> diagnostics) {}

  private ExternalProtoc() {}

  /** The protoc 4.36.2 executable of the local Maven repository, copied to be executable. */
  public static Path findInLocalRepository() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String osPart = os.contains("win") ? "windows" : os.contains("mac") ? "osx" : "linux";
    String archPart = arch.contains("aarch64") || arch.contains("arm64") ? "aarch_64" : "x86_64";
    Path repo =
        Path.of(
            System.getProperty(
                "maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
    Path exe =
        repo.resolve(
            "com/google/protobuf/protoc/4.36.2/protoc-4.36.2-" + osPart + "-" + archPart + ".exe");
    if (!Files.isRegularFile(exe)) {
      throw new IllegalStateException("protoc not found at " + exe);
    }
    return exe;
  }

  /** Runs protoc on {@code roots}, the files of {@code closure} being its whole source tree. */
  public static Output run(Path protoc, Map<String, String> closure, List<String> roots) {
    return run(protoc, closure, roots, false);
  }

  /**
   * Runs protoc on {@code roots}, the files of {@code closure} being its whole source tree; with
   * {@code includeSourceInfo} protoc writes source code info too.
   */
  public static Output run(
      Path protoc, Map<String, String> closure, List<String> roots, boolean includeSourceInfo) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("grpccontract-protoc");
      Path exe = executable(protoc);
      Path src = dir.resolve("src");
      for (Map.Entry<String, String> e : closure.entrySet()) {
        if (e.getValue() != null) {
          Path p = src.resolve(e.getKey());
          Files.createDirectories(p.getParent());
          Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        }
      }
      Files.createDirectories(src);
      Path out = dir.resolve("out.pb");
      List<String> cmd =
          new ArrayList<>(
              List.of(exe.toString(), "-I.", "--include_imports", "--descriptor_set_out=" + out));
      if (includeSourceInfo) {
        cmd.add("--include_source_info");
      }
      cmd.addAll(roots);
      Process proc =
          new ProcessBuilder(cmd).directory(src.toFile()).redirectErrorStream(true).start();
      String text = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int rc = proc.waitFor();
      List<Diagnostic> diags = new ArrayList<>();
      if (rc != 0) {
        for (String line : text.split("\\R")) {
          Matcher m = LOCATED.matcher(line);
          Matcher f = FILE_ONLY.matcher(line);
          if (m.matches()) {
            diags.add(
                Diagnostic.of(
                    m.group(1),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    m.group(4)));
          } else if (f.matches()) {
            diags.add(Diagnostic.of(f.group(1), 0, 0, f.group(2)));
          } else if (!line.isBlank()) {
            diags.add(Diagnostic.of("", 0, 0, line));
          }
        }
        if (diags.isEmpty()) {
          diags.add(Diagnostic.of("", 0, 0, "protoc exited with " + rc));
        }
        return new Output(List.of(), List.of(), diags);
      }
      FileDescriptorSet set = FileDescriptorSet.parseFrom(Files.readAllBytes(out));
      Map<String, FileDescriptor> built = new HashMap<>();
      List<FileDescriptor> descs = new ArrayList<>();
      for (FileDescriptorProto fp : set.getFileList()) {
        FileDescriptor fd;
        if (fp.getName().equals("google/protobuf/descriptor.proto")) {
          fd = DescriptorProtos.getDescriptor();
        } else {
          FileDescriptor[] deps =
              fp.getDependencyList().stream().map(built::get).toArray(FileDescriptor[]::new);
          fd = FileDescriptor.buildFrom(fp, deps);
        }
        built.put(fp.getName(), fd);
        descs.add(fd);
      }
      return new Output(set.getFileList(), descs, List.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running protoc", e);
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException("protoc output did not build: " + e.getMessage(), e);
    } finally {
      if (dir != null) {
        deleteTree(dir);
      }
    }
  }

  private static final java.util.concurrent.ConcurrentMap<Path, Path> EXECUTABLES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The executable itself, or (once per JVM) an executable copy when it lacks the permission. */
  private static Path executable(Path protoc) {
    if (Files.isExecutable(protoc)) {
      return protoc;
    }
    return EXECUTABLES.computeIfAbsent(
        protoc.toAbsolutePath(),
        p -> {
          try {
            Path copy = Files.createTempFile("grpccontract-protoc", ".exe");
            Files.copy(p, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try {
              Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
              copy.toFile().setExecutable(true);
            }
            copy.toFile().deleteOnExit();
            return copy;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
