package dev.grpccontract.benchmarks;

import dev.grpccontract.compat.Finding;
import dev.grpccontract.compat.Profile;
import dev.grpccontract.compat.SchemaCompatibility;
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
 * Breaking-change checks on a real history: two releases of the Vertex AI API's {@code .proto}
 * files ({@link SchemaHistory}), twenty releases apart. {@link #check} runs the default profile
 * ({@code WIRE_JSON}) from the older to the newer version, warm; {@link #checkGrpcClients} the
 * profile for running clients. Run it with {@link CompatHistoryBenchmarkMain}, which also times buf
 * on the same pair where buf is found.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompatHistoryBenchmark {

  private SchemaHistory history;
  private final SchemaCompatibility wireJson = SchemaCompatibility.withProfile(Profile.WIRE_JSON);
  private final SchemaCompatibility grpcClients =
      SchemaCompatibility.withProfile(Profile.GRPC_CLIENTS);

  /** Compiles both versions. */
  @Setup
  public void setUp() {
    history =
        SchemaHistory.load(
            Path.of(System.getProperty(CompilerWorkload.CORPUS_PROPERTY, "target/corpus")));
  }

  /** Checks the newer version against the older one under {@code WIRE_JSON}. */
  @Benchmark
  public List<Finding> check() {
    return wireJson.findings(history.before().schema(), history.after().schema());
  }

  /** Checks the newer version against the older one under {@code GRPC_CLIENTS}. */
  @Benchmark
  public List<Finding> checkGrpcClients() {
    return grpcClients.findings(history.before().schema(), history.after().schema());
  }
}
