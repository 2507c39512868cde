package dev.grpccontract.benchmarks;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;

import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.client.GrpcResponse;
import dev.grpccontract.contract.ContractFile;
import dev.grpccontract.contract.ContractVerifier;
import dev.grpccontract.contract.Contracts;
import dev.grpccontract.contract.Interaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * A set of contract interactions verified against an in-process service, against the same calls and
 * checks written by hand with the client and the assertions: (a) {@link #handWritten}, one {@code
 * invoke} with a JSON request and {@code isOk().hasMessageJson(...)} per interaction; (b) {@link
 * #contracts}, {@link ContractVerifier#verify} of each interaction of a file parsed once per JVM,
 * as {@code @GrpcContracts} runs it; (c) {@link #contractsColdLoad}, the same with the file parsed
 * and checked against the schema again every time, the cost of a JVM's first use.
 *
 * <p>One operation is the whole set; {@link ContractBenchmarkMain} prints (b)/(a) and (c)/(a).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ContractBenchmark {

  /** How many interactions the set has. */
  @Param({"1000"})
  public int interactions;

  private EchoFixture echo;
  private GrpcClient client;
  private final List<String> requests = new ArrayList<>();
  private final List<String> responses = new ArrayList<>();
  private String yaml;
  private List<Interaction> parsed;
  private final AtomicLong loads = new AtomicLong();

  /** Starts the service, writes the contract file, and checks that every variant passes. */
  @Setup(Level.Trial)
  public void start() {
    echo = EchoFixture.start(Payloads.SMALL);
    client = echo.client;
    StringBuilder text =
        new StringBuilder("service: grpccontract.bench.EchoService\ninteractions:\n");
    for (int i = 0; i < interactions; i++) {
      String request =
          "{\"id\": \"order-"
              + i
              + "\", \"sequence\": "
              + i
              + ", \"tags\": [\"a\", \"b"
              + (i % 7)
              + "\"]}";
      String response =
          "{\"id\": \"order-"
              + i
              + "\", \"sequence\": "
              + i
              + ", \"status\": \"OK\", \"tags\": [\"a\", \"b"
              + (i % 7)
              + "\"]}";
      requests.add(request);
      responses.add(response);
      // Block style, as contract files are written (docs/contract-format.md).
      text.append("  - name: echo ")
          .append(i)
          .append("\n    method: Echo\n    request:\n      id: order-")
          .append(i)
          .append("\n      sequence: ")
          .append(i)
          .append("\n      tags: [a, b")
          .append(i % 7)
          .append("]\n    response:\n      id: order-")
          .append(i)
          .append("\n      sequence: ")
          .append(i)
          .append("\n      status: OK\n      tags: [a, b")
          .append(i % 7)
          .append("]\n");
    }
    yaml = text.toString();
    ContractFile file = Contracts.parse("bench.grpc.yaml", yaml).requireFits(client.schema());
    parsed = file.interactions();
    handWritten();
    contracts();
    contractsColdLoad();
  }

  /** Shuts the service down. */
  @TearDown(Level.Trial)
  public void stop() throws InterruptedException {
    echo.close();
  }

  /** (a) The calls and checks written by hand. */
  @Benchmark
  public int handWritten() {
    int checked = 0;
    for (int i = 0; i < requests.size(); i++) {
      GrpcResponse response = client.invoke(EchoFixture.METHOD, requests.get(i));
      assertThat(response).isOk().hasMessageJson(responses.get(i));
      checked++;
    }
    return checked;
  }

  /** (b) The interactions of a file parsed once per JVM. */
  @Benchmark
  public int contracts() {
    int checked = 0;
    for (Interaction interaction : parsed) {
      ContractVerifier.verify(client, interaction).assertPassed();
      checked++;
    }
    return checked;
  }

  /** (c) The file parsed and checked against the schema anew, then verified. */
  @Benchmark
  public int contractsColdLoad() {
    String fresh = "# load " + loads.incrementAndGet() + "\n" + yaml;
    ContractFile file = Contracts.parse("bench.grpc.yaml", fresh).requireFits(client.schema());
    int checked = 0;
    for (Interaction interaction : file.interactions()) {
      ContractVerifier.verify(client, interaction).assertPassed();
      checked++;
    }
    return checked;
  }
}
