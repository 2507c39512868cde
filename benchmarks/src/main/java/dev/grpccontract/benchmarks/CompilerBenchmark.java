package dev.grpccontract.benchmarks;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import dev.grpccontract.compiler.CompilationResult;
import dev.grpccontract.compiler.ProtoCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The same {@code .proto} files compiled four ways in the same run: by our {@link ProtoCompiler}
 * built once ({@link #warm}), by a new {@link ProtoCompiler} each time ({@link #fresh}), by protoc
 * run as a process ({@link #protoc}), which is what a build or a test would otherwise do, and by
 * our compiler recording source code info ({@link #warmWithSourceInfo}).
 *
 * <p>Every variant does real work: our compilers are built with {@code cacheResults(false)}, so the
 * JVM-wide result cache never answers a call, and they read the sources from disk each time, as
 * protoc does. Setup checks that our descriptor set is byte for byte protoc's, so both sides do the
 * same work. Run it with {@link CompilerBenchmarkMain}, which prints the ratios.
 *
 * <p>protoc is the executable named by the system property {@value #PROTOC_PROPERTY}, and the
 * corpus is in {@value CompilerWorkload#CORPUS_PROPERTY}; unset, both are found in the module's
 * {@code target} folder, so JMH's own runner works too. When protoc is not there, setup skips the
 * comparison and {@link #protoc} fails, so leave that variant out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompilerBenchmark {

  /** The system property naming the protoc executable. */
  public static final String PROTOC_PROPERTY = "bench.protoc";

  /** What is compiled: {@link CompilerWorkload#HELLO} or {@link CompilerWorkload#CORPUS}. */
  @Param({CompilerWorkload.HELLO, CompilerWorkload.CORPUS})
  public String workload;

  private Path scratch;
  private CompilerWorkload files;
  private ProtoCompiler warmCompiler;
  private ProtoCompiler sourceInfoCompiler;
  private ProcessBuilder protocProcess;

  /**
   * Returns the protoc executable named by the system property {@value #PROTOC_PROPERTY} when it
   * exists and can be run, else empty. Unset, it names the module's {@code
   * target/protoc/protoc.exe}.
   */
  public static Optional<Path> protocExecutable() {
    return protocExecutable(System.getProperties());
  }

  /**
   * Returns the protoc executable named by {@value #PROTOC_PROPERTY} in {@code properties} when it
   * exists and can be run, else empty. Unset, it names the module's {@code
   * target/protoc/protoc.exe}.
   */
  public static Optional<Path> protocExecutable(Properties properties) {
    String property = properties.getProperty(PROTOC_PROPERTY);
    Path protoc =
        property == null
            ? CompilerBenchmarkMain.moduleTarget().resolve("protoc/protoc.exe")
            : Path.of(property.trim());
    return Files.isRegularFile(protoc) && Files.isExecutable(protoc)
        ? Optional.of(protoc)
        : Optional.empty();
  }

  /**
   * Finds the workload, builds the warm compiler and, when protoc is there, checks that protoc
   * writes exactly our descriptor set.
   *
   * @throws IllegalStateException when our compiler would run protoc itself, or when the two
   *     descriptor sets differ
   */
  @Setup(Level.Trial)
  public void start() throws IOException, InterruptedException {
    if (System.getProperty(ProtoCompiler.PROTOC_PROPERTY) != null) {
      // With it set, ProtoCompiler runs protoc itself and "ours" would measure protoc twice.
      throw new IllegalStateException(
          "Unset the system property " + ProtoCompiler.PROTOC_PROPERTY + " for this benchmark");
    }
    scratch = Files.createTempDirectory("compiler-benchmark");
    files =
        CompilerWorkload.of(
            workload,
            Path.of(
                System.getProperty(
                    CompilerWorkload.CORPUS_PROPERTY,
                    CompilerBenchmarkMain.moduleTarget().resolve("corpus").toString())),
            scratch);
    warmCompiler = files.newCompiler();
    sourceInfoCompiler = files.newCompiler(true);
    Optional<Path> protoc = protocExecutable();
    if (protoc.isPresent()) {
      Path descriptorSet = scratch.resolve("protoc.pb");
      protocProcess =
          new ProcessBuilder(files.protocCommand(protoc.get(), descriptorSet))
              .redirectErrorStream(true);
      protoc();
      checkSameDescriptors(
          warm().toFileDescriptorSet(), FileDescriptorSet.parseFrom(readProtocOutput()));
    }
  }

  /** Deletes the files setup and protoc wrote. */
  @TearDown(Level.Trial)
  public void stop() throws IOException {
    try (Stream<Path> paths = Files.walk(scratch)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** (1) Our compiler, built once in setup; every call compiles the workload again. */
  @Benchmark
  public CompilationResult warm() {
    return warmCompiler.compile(files.files());
  }

  /**
   * (4) As {@link #warm}, recording source code info (locations and comments), as the JUnit
   * extension compiles {@code @ProtoSource(files = ...)} so that {@code describe} shows comments.
   */
  @Benchmark
  public CompilationResult warmWithSourceInfo() {
    return sourceInfoCompiler.compile(files.files());
  }

  /** (2) A new compiler for each compilation, as code that builds one per use would do. */
  @Benchmark
  public CompilationResult fresh() {
    return files.newCompiler().compile(files.files());
  }

  /**
   * (3) protoc as a process writing the descriptor set, imports included, to a file.
   *
   * @return protoc's exit status, always 0
   * @throws IllegalStateException when protoc is not there or fails
   */
  @Benchmark
  public int protoc() throws IOException, InterruptedException {
    if (protocProcess == null) {
      throw new IllegalStateException(
          "protoc was not found: set " + PROTOC_PROPERTY + " or leave this variant out");
    }
    Process process = protocProcess.start();
    byte[] output;
    try (InputStream in = process.getInputStream()) {
      output = in.readAllBytes();
    }
    int status = process.waitFor();
    if (status != 0) {
      throw new IllegalStateException(
          "protoc exited with " + status + ": " + new String(output, StandardCharsets.UTF_8));
    }
    return status;
  }

  private byte[] readProtocOutput() throws IOException {
    return Files.readAllBytes(scratch.resolve("protoc.pb"));
  }

  private void checkSameDescriptors(FileDescriptorSet ours, FileDescriptorSet protocs) {
    if (Arrays.equals(ours.toByteArray(), protocs.toByteArray())) {
      return;
    }
    List<String> ourNames = ours.getFileList().stream().map(FileDescriptorProto::getName).toList();
    List<String> protocNames =
        protocs.getFileList().stream().map(FileDescriptorProto::getName).toList();
    String difference = "the files differ: " + ourNames + " against " + protocNames;
    if (ourNames.equals(protocNames)) {
      for (int i = 0; i < ourNames.size(); i++) {
        if (!ours.getFile(i).equals(protocs.getFile(i))) {
          difference = "the first file that differs is " + ourNames.get(i);
          break;
        }
      }
    }
    throw new IllegalStateException(
        "Our descriptor set for workload "
            + workload
            + " is not protoc's, so the variants would not do the same work: "
            + difference);
  }
}
