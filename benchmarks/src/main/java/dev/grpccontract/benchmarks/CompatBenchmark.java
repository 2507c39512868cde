package dev.grpccontract.benchmarks;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import dev.grpccontract.compat.Finding;
import dev.grpccontract.compat.Profile;
import dev.grpccontract.compat.SchemaCompatibility;
import dev.grpccontract.compiler.CompilationResult;
import dev.grpccontract.proto.ProtoSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Breaking-change checks on a large schema: the compiler benchmark's corpus (every {@code .proto}
 * file of protobuf-java, common protos, grpc-services, Spanner, Pub/Sub and the gRPC interop
 * tests), compiled with source info, against a mutated copy ({@link #mutate}): a renamed field, a
 * deleted field or a widened type in some messages. {@link #check} runs the default profile on the
 * two versions; {@link #unchanged} checks the schema against itself; {@link #compile}, the baseline
 * of the ratios, compiles the corpus once with our compiler in the same run. Run it with {@link
 * CompatBenchmarkMain}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompatBenchmark {

  private CompilerWorkload corpus;
  private ProtoSchema before;
  private ProtoSchema after;
  private SchemaCompatibility check;

  /** Compiles the corpus and builds its mutated copy. */
  @Setup
  public void setUp() {
    corpus =
        CompilerWorkload.of(
            CompilerWorkload.CORPUS,
            Path.of(System.getProperty(CompilerWorkload.CORPUS_PROPERTY, "target/corpus")),
            Path.of(System.getProperty("java.io.tmpdir")));
    CompilationResult result = corpus.newCompiler(true).compile(corpus.files());
    before = ProtoSchema.fromCompilation(result, "corpus");
    after = ProtoSchema.fromDescriptorSet(mutate(result.toFileDescriptorSet()), "mutated corpus");
    check = SchemaCompatibility.withProfile(Profile.WIRE_JSON);
    if (check.findings(before, after).isEmpty()) {
      throw new IllegalStateException("the mutated corpus should have breaking changes");
    }
  }

  /** Returns the number of files in the corpus. */
  public int fileCount() {
    return corpus.files().size();
  }

  /** The breaking changes between the corpus and its mutated copy (profile WIRE_JSON). */
  @Benchmark
  public List<Finding> check() {
    return check.findings(before, after);
  }

  /** The corpus checked against itself: the cost of walking every element with no findings. */
  @Benchmark
  public List<Finding> unchanged() {
    return check.findings(before, before);
  }

  /** The baseline: compiling the corpus with source info, as loading the baseline would. */
  @Benchmark
  public CompilationResult compile() {
    return corpus.newCompiler(true).compile(corpus.files());
  }

  /**
   * Returns a copy of {@code set} in which every 7th message (outside {@code google/protobuf/})
   * renames its first field, every 11th loses its last field outside a oneof, and every int32 field
   * of every 13th becomes int64.
   */
  public static FileDescriptorSet mutate(FileDescriptorSet set) {
    FileDescriptorSet.Builder out = FileDescriptorSet.newBuilder();
    int[] counter = {0};
    for (FileDescriptorProto file : set.getFileList()) {
      if (file.getName().startsWith("google/protobuf/")) {
        out.addFile(file);
        continue;
      }
      FileDescriptorProto.Builder b = file.toBuilder();
      for (DescriptorProto.Builder m : b.getMessageTypeBuilderList()) {
        mutate(m, counter);
      }
      out.addFile(b);
    }
    return out.build();
  }

  private static void mutate(DescriptorProto.Builder m, int[] counter) {
    int n = ++counter[0];
    if (!m.getOptions().getMapEntry() && m.getFieldCount() > 0) {
      if (n % 7 == 0) {
        FieldDescriptorProto.Builder f = m.getFieldBuilder(0);
        f.setName(f.getName() + "_renamed").setJsonName(f.getJsonName() + "Renamed");
      } else if (n % 11 == 0) {
        int last = m.getFieldCount() - 1;
        if (!m.getField(last).hasOneofIndex()) {
          m.removeField(last);
        }
      } else if (n % 13 == 0) {
        for (FieldDescriptorProto.Builder f : m.getFieldBuilderList()) {
          if (f.getType() == FieldDescriptorProto.Type.TYPE_INT32) {
            f.setType(FieldDescriptorProto.Type.TYPE_INT64);
          }
        }
      }
    }
    for (DescriptorProto.Builder nested : m.getNestedTypeBuilderList()) {
      mutate(nested, counter);
    }
  }
}
