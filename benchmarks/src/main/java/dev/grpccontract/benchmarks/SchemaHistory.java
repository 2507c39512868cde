package dev.grpccontract.benchmarks;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import dev.grpccontract.compiler.CompilationResult;
import dev.grpccontract.compiler.ProtoCompiler;
import dev.grpccontract.proto.ProtoSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Two released versions of a real schema for the breaking-change benchmark: the {@code .proto}
 * files of the Vertex AI API (v1 and v1beta1) as two releases of its Maven artifacts ship them,
 * unpacked by the build into {@code <corpus>/history/before} and {@code <corpus>/history/after}.
 * Each version is compiled with source info (so findings have lines), its imports resolved from the
 * corpus' protobuf-java and common-protos folders.
 */
public final class SchemaHistory {

  /** One compiled version: the schema, its descriptor set and the number of its own files. */
  public record Version(ProtoSchema schema, FileDescriptorSet descriptorSet, int files) {}

  private final Version before;
  private final Version after;

  private SchemaHistory(Version before, Version after) {
    this.before = before;
    this.after = after;
  }

  /**
   * Compiles both versions found under {@code corpus}.
   *
   * @throws IllegalArgumentException when a folder is missing (the benchmarks module is not built)
   * @throws dev.grpccontract.compiler.ProtoCompilationException when a version does not compile
   */
  public static SchemaHistory load(Path corpus) {
    return new SchemaHistory(compile(corpus, "before"), compile(corpus, "after"));
  }

  /** Returns the older version. */
  public Version before() {
    return before;
  }

  /** Returns the newer version. */
  public Version after() {
    return after;
  }

  private static Version compile(Path corpus, String side) {
    Path root = corpus.resolve("history").resolve(side);
    List<Path> importPaths =
        List.of(root, corpus.resolve("protobuf-java"), corpus.resolve("common-protos"));
    for (Path path : importPaths) {
      if (!Files.isDirectory(path)) {
        throw new IllegalArgumentException(
            "The folder "
                + path
                + " is missing: build the benchmarks module (mvn -pl benchmarks -am package"
                + " -DskipTests), or set "
                + CompilerWorkload.CORPUS_PROPERTY
                + " to its target/corpus");
      }
    }
    TreeSet<String> files = new TreeSet<>();
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .filter(path -> path.toString().endsWith(".proto"))
          .forEach(path -> files.add(root.relativize(path).toString().replace('\\', '/')));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProtoCompiler.Builder builder =
        ProtoCompiler.builder().cacheResults(false).includeSourceInfo(true);
    importPaths.forEach(builder::addImportPath);
    CompilationResult result = builder.build().compile(new ArrayList<>(files));
    return new Version(
        ProtoSchema.fromCompilation(result, side + " (" + files.size() + " files)"),
        result.toFileDescriptorSet(),
        files.size());
  }
}
