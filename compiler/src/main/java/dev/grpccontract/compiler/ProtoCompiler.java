package dev.grpccontract.compiler;

import dev.grpccontract.compiler.internal.CompilerCore;
import dev.grpccontract.compiler.internal.ExternalProtoc;
import dev.grpccontract.compiler.internal.ResultCache;
import dev.grpccontract.compiler.internal.Sources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles {@code .proto} sources to descriptors, byte for byte what protoc 36.x produces.
 *
 * <p>Files are looked up in the configured places in the order they were added (in-memory sources
 * first), then in the well-known types ({@code google/protobuf/*.proto}) that the protobuf-java jar
 * ships, so those need no configuration. Instances are immutable and thread-safe; results are
 * cached JVM-wide by the content of the sources involved.
 *
 * <pre>{@code
 * CompilationResult result = ProtoCompiler.builder()
 *     .addImportPath(Path.of("src/test/proto"))
 *     .build()
 *     .compile("hello.proto");
 * List<Descriptors.FileDescriptor> files = result.fileDescriptors();
 * }</pre>
 */
public final class ProtoCompiler {
  /** The system property naming a protoc executable; when set, protoc is run instead. */
  public static final String PROTOC_PROPERTY = "grpccontract.protoc";

  private final Sources sources;
  private final boolean useProtoc;
  private final Path protocPath;
  private final boolean cache;
  private final boolean includeSourceInfo;

  private ProtoCompiler(Builder b) {
    this.sources = new Sources(b.inMemory, b.roots);
    this.useProtoc = b.useProtoc;
    this.protocPath = b.protocPath;
    this.cache = b.cache;
    this.includeSourceInfo = b.includeSourceInfo;
  }

  /**
   * Starts a configuration.
   *
   * @return a new builder; builders are not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Compiles files against the given import paths with default settings.
   *
   * @param importPaths directories searched in order, not null
   * @param files file names relative to an import path, not null
   * @return the result
   * @throws ProtoCompilationException when the sources have errors
   */
  public static CompilationResult compile(List<Path> importPaths, List<String> files) {
    Builder b = builder();
    importPaths.forEach(b::addImportPath);
    return b.build().compile(files);
  }

  /**
   * Compiles the named files and everything they import.
   *
   * @param fileNames names as used in imports, e.g. {@code "foo/bar.proto"}; not null
   * @return the result, never null
   * @throws ProtoCompilationException with every error found when the sources do not compile
   */
  public CompilationResult compile(String... fileNames) {
    return compile(Arrays.asList(fileNames));
  }

  /**
   * Compiles the named files and everything they import.
   *
   * @param fileNames names as used in imports; not null, no null elements
   * @return the result, never null
   * @throws ProtoCompilationException with every error found when the sources do not compile
   * @throws IllegalStateException when protoc was asked for but cannot be found or run
   */
  public CompilationResult compile(List<String> fileNames) {
    List<String> names = new ArrayList<>();
    for (String f : fileNames) {
      names.add(Objects.requireNonNull(f, "file name"));
    }
    Path protoc = resolveProtoc();
    Map<String, String> closure = CompilerCore.closure(sources, names);
    String mode =
        (protoc == null ? "" : protoc.toString()) + (includeSourceInfo ? "|source-info" : "");
    String key = cache ? ResultCache.key(names, closure, mode) : null;
    if (key != null) {
      CompilationResult hit = ResultCache.get(key);
      if (hit != null) {
        return hit;
      }
    }
    CompilationResult result;
    if (protoc != null) {
      ExternalProtoc.Output out = ExternalProtoc.run(protoc, closure, names, includeSourceInfo);
      if (!out.diagnostics().isEmpty()) {
        throw new ProtoCompilationException(out.diagnostics());
      }
      result = CompilationResult.of(names, out.protos(), out.descriptors(), List.of());
    } else {
      CompilerCore.Result r = CompilerCore.compile(sources, names, includeSourceInfo);
      if (!r.diagnostics().isEmpty()) {
        throw new ProtoCompilationException(r.diagnostics());
      }
      result = CompilationResult.of(names, r.protos(), r.descriptors(), r.warnings());
    }
    if (key != null) {
      ResultCache.put(key, result);
    }
    return result;
  }

  private Path resolveProtoc() {
    if (protocPath != null) {
      return protocPath;
    }
    String prop = System.getProperty(PROTOC_PROPERTY);
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    if (useProtoc) {
      return ExternalProtoc.findInLocalRepository();
    }
    return null;
  }

  /** Configures a {@link ProtoCompiler}. Not thread-safe; {@link #build()} copies the state. */
  public static final class Builder {
    private final Map<String, String> inMemory = new java.util.LinkedHashMap<>();
    private final List<Sources.Root> roots = new ArrayList<>();
    private boolean useProtoc;
    private Path protocPath;
    private boolean cache = true;
    private boolean includeSourceInfo;

    private Builder() {}

    /**
     * Adds a directory to search, like protoc's {@code -I}.
     *
     * @param directory not null
     * @return this builder
     */
    public Builder addImportPath(Path directory) {
      roots.add(Sources.directory(Objects.requireNonNull(directory, "directory")));
      return this;
    }

    /**
     * Adds a classpath location to search: file {@code a/b.proto} is read as resource {@code prefix
     * + "/a/b.proto"} from the loader.
     *
     * @param prefix resource folder, {@code ""} for the classpath root; not null
     * @param loader the class loader, not null
     * @return this builder
     */
    public Builder addClasspathRoot(String prefix, ClassLoader loader) {
      roots.add(
          Sources.classpath(
              Objects.requireNonNull(prefix, "prefix"), Objects.requireNonNull(loader, "loader")));
      return this;
    }

    /**
     * Adds a source held in memory, searched before every other location.
     *
     * @param name the file name used in imports, not null
     * @param text the file's content, not null
     * @return this builder
     */
    public Builder addSource(String name, String text) {
      inMemory.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(text, "text"));
      return this;
    }

    /**
     * Runs a protoc executable instead of the Java compiler: the one given by {@link
     * #protocExecutable(Path)}, else the system property {@value #PROTOC_PROPERTY}, else protoc
     * 4.36.2 from the local Maven repository.
     *
     * @param useProtoc whether to run protoc
     * @return this builder
     */
    public Builder useProtoc(boolean useProtoc) {
      this.useProtoc = useProtoc;
      return this;
    }

    /**
     * Runs this protoc executable instead of the Java compiler.
     *
     * @param executable path of protoc, not null
     * @return this builder
     */
    public Builder protocExecutable(Path executable) {
      this.protocPath = Objects.requireNonNull(executable, "executable");
      this.useProtoc = true;
      return this;
    }

    /**
     * Whether results are shared through the JVM-wide cache (default true).
     *
     * @param cache false to always compile
     * @return this builder
     */
    public Builder cacheResults(boolean cache) {
      this.cache = cache;
      return this;
    }

    /**
     * Whether every compiled file carries source code info (default false): the location of each
     * element and the comments before, after and detached from it, exactly as {@code protoc
     * --include_source_info} writes them. The info is in {@link
     * CompilationResult#fileDescriptorProtos()}, in {@link CompilationResult#toFileDescriptorSet()}
     * and in the {@code toProto()} of the built descriptors (except {@code
     * google/protobuf/descriptor.proto}'s, which is protobuf-java's own). With {@link
     * #useProtoc(boolean)}, protoc is run with {@code --include_source_info}.
     *
     * @param includeSourceInfo true to record locations and comments
     * @return this builder
     */
    public Builder includeSourceInfo(boolean includeSourceInfo) {
      this.includeSourceInfo = includeSourceInfo;
      return this;
    }

    /**
     * Builds the compiler.
     *
     * @return an immutable compiler
     */
    public ProtoCompiler build() {
      return new ProtoCompiler(this);
    }
  }
}
