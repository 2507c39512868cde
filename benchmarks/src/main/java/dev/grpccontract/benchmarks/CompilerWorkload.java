package dev.grpccontract.benchmarks;

import dev.grpccontract.compiler.ProtoCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What {@link CompilerBenchmark} compiles: directories searched in order, as protoc's {@code -I},
 * and the files named on the command line. Our compiler and protoc get exactly these.
 */
public final class CompilerWorkload {

  /** The project's own {@code hello.proto}: one small file that imports nothing. */
  public static final String HELLO = "hello";

  /** Every {@code .proto} file of the corpus, in one invocation. */
  public static final String CORPUS = "corpus";

  /**
   * The system property naming the corpus directory, which holds one folder per artifact as {@code
   * benchmarks/pom.xml} unpacks them.
   */
  public static final String CORPUS_PROPERTY = "bench.corpus";

  /**
   * The corpus folders in the order they are searched: the artifacts of the compiler's conformance
   * corpus, well-known types first.
   */
  public static final List<String> CORPUS_ROOTS =
      List.of(
          "protobuf-java",
          "common-protos",
          "grpc-services",
          "spanner",
          "pubsub",
          "grpc-interop-testing");

  private final String name;
  private final List<Path> importPaths;
  private final List<String> files;

  private CompilerWorkload(String name, List<Path> importPaths, List<String> files) {
    this.name = name;
    this.importPaths = List.copyOf(importPaths);
    this.files = List.copyOf(files);
  }

  /**
   * Returns the workload called {@code name}.
   *
   * @param name {@link #HELLO} or {@link #CORPUS}
   * @param corpus the corpus directory; used by {@link #CORPUS} only
   * @param scratch an existing directory this workload may write its own files to
   * @throws IllegalArgumentException for another name, or when the corpus is missing
   */
  public static CompilerWorkload of(String name, Path corpus, Path scratch) {
    switch (name) {
      case HELLO:
        return hello(scratch);
      case CORPUS:
        return corpus(corpus);
      default:
        throw new IllegalArgumentException(
            "Unknown workload '" + name + "'; expected " + HELLO + " or " + CORPUS);
    }
  }

  private static CompilerWorkload hello(Path scratch) {
    // Copied out of the jar so both compilers read it from disk, as they read the corpus.
    Path directory = scratch.resolve(HELLO);
    try (InputStream in = CompilerWorkload.class.getResourceAsStream("hello.proto")) {
      if (in == null) {
        throw new IllegalStateException("hello.proto is missing from the benchmark's resources");
      }
      Files.createDirectories(directory);
      Files.write(directory.resolve("hello.proto"), in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CompilerWorkload(HELLO, List.of(directory), List.of("hello.proto"));
  }

  private static CompilerWorkload corpus(Path corpus) {
    List<Path> roots = new ArrayList<>();
    TreeSet<String> files = new TreeSet<>();
    for (String folder : CORPUS_ROOTS) {
      Path root = corpus.resolve(folder);
      if (!Files.isDirectory(root)) {
        throw new IllegalArgumentException(
            "The corpus folder "
                + root
                + " is missing: build the benchmarks module (mvn -pl benchmarks package), or set "
                + CORPUS_PROPERTY
                + " to the directory that holds "
                + CORPUS_ROOTS);
      }
      roots.add(root);
      try (Stream<Path> paths = Files.walk(root)) {
        paths
            .filter(path -> path.toString().endsWith(".proto"))
            .forEach(path -> files.add(root.relativize(path).toString().replace('\\', '/')));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new CompilerWorkload(CORPUS, roots, new ArrayList<>(files));
  }

  /** Returns the workload's name. */
  public String name() {
    return name;
  }

  /** Returns the directories searched, in order. */
  public List<Path> importPaths() {
    return importPaths;
  }

  /** Returns the files compiled, relative to the import paths. */
  public List<String> files() {
    return files;
  }

  /**
   * Returns a new compiler over the import paths that compiles every time it is asked: the JVM-wide
   * result cache is off, so no call is answered from an earlier one.
   */
  public ProtoCompiler newCompiler() {
    return newCompiler(false);
  }

  /**
   * Returns a compiler over the import paths that never answers from the result cache, recording
   * source code info (locations and comments) when {@code sourceInfo} is set, as
   * {@code @ProtoSource(files = ...)} does.
   */
  public ProtoCompiler newCompiler(boolean sourceInfo) {
    ProtoCompiler.Builder builder =
        ProtoCompiler.builder().cacheResults(false).includeSourceInfo(sourceInfo);
    importPaths.forEach(builder::addImportPath);
    return builder.build();
  }

  /**
   * Returns the command line that has protoc write the same descriptors, imports included, to
   * {@code descriptorSet}.
   */
  public List<String> protocCommand(Path protoc, Path descriptorSet) {
    List<String> command = new ArrayList<>();
    command.add(protoc.toString());
    importPaths.forEach(path -> command.add("-I" + path));
    command.add("--include_imports");
    command.add("--descriptor_set_out=" + descriptorSet);
    command.addAll(files);
    return command;
  }
}
