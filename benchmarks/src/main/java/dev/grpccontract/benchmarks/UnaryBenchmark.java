package dev.grpccontract.benchmarks;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.benchmarks.proto.EchoReply;
import dev.grpccontract.benchmarks.proto.EchoRequest;
import dev.grpccontract.benchmarks.proto.EchoServiceGrpc;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.client.GrpcResponse;
import dev.grpccontract.junit.internal.DeadlineTimer;
import java.util.concurrent.TimeUnit;
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
 * One unary call made three ways over the same server and channel with the same request: (a) the
 * generated blocking stub, (b) {@link GrpcClient} with a {@code Message} request, (c) {@link
 * GrpcClient} with a JSON request, reading the answer with {@link GrpcResponse#json()}. A fourth
 * variant, the stub with the deadline every client call carries, is the reference that separates
 * the client's own cost from the cost of having a deadline at all.
 *
 * <p>By default the server is in-process and runs on the calling thread ({@code directExecutor()}),
 * so the figures show the cost of the client code itself rather than thread hand-offs, which would
 * hide it; the {@link #server} parameter chooses others. Run it with {@link UnaryBenchmarkMain},
 * which prints the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class UnaryBenchmark {

  /** The full name of the method every variant calls. */
  public static final String METHOD = EchoFixture.METHOD;

  private static final long DEADLINE_NANOS = GrpcClient.DEFAULT_DEADLINE.toNanos();

  /** The payload size: {@link Payloads#SMALL} or {@link Payloads#LARGE}. */
  @Param({Payloads.SMALL, Payloads.LARGE})
  public String payload;

  /**
   * The server: {@code direct} (the default), in-process on the calling thread, which shows the
   * client's own cost; {@code inprocess}, in-process on grpc-java's default executor as the JUnit
   * extension hosts services; {@code loopback}, over TCP on the loopback interface.
   */
  @Param({EchoFixture.DIRECT})
  public String server;

  private EchoFixture echo;
  private DeadlineTimer timer;
  private EchoServiceGrpc.EchoServiceBlockingStub stub;
  private GrpcClient client;
  private EchoRequest request;
  private String requestJson;

  /**
   * Starts the server and channel and checks that all three variants get the same answer.
   *
   * @throws IllegalStateException when a variant answers differently from the stub
   */
  @Setup(Level.Trial)
  public void start() throws InvalidProtocolBufferException {
    // In-process, deadlines are timed the way the JUnit extension times them (DeadlineTimer).
    timer = server.equals(EchoFixture.LOOPBACK) ? null : DeadlineTimer.start();
    echo = EchoFixture.start(payload, server, timer == null ? null : timer.scheduler());
    stub = echo.stub;
    client = echo.client;
    request = echo.request;
    requestJson = echo.requestJson;
    checkSameAnswers();
  }

  /** Shuts the channel and server down. */
  @TearDown(Level.Trial)
  public void stop() throws InterruptedException {
    echo.close();
    if (timer != null) {
      timer.close();
    }
  }

  /** (a) The generated blocking stub. */
  @Benchmark
  public EchoReply stub() {
    return stub.echo(request);
  }

  /**
   * The reference: the stub with {@link GrpcClient#DEFAULT_DEADLINE}, as every client call has one.
   * grpc-java arms a timer for each call with a deadline, which in-process costs about as much as
   * the rest of a small call.
   */
  @Benchmark
  public EchoReply stubWithDeadline() {
    return stub.withDeadlineAfter(DEADLINE_NANOS, TimeUnit.NANOSECONDS).echo(request);
  }

  /** (b) The dynamic client with the request as a generated {@code Message}. */
  @Benchmark
  public GrpcResponse clientMessage() {
    return client.invoke(METHOD, request);
  }

  /** (c) The dynamic client with the request as JSON text, and the answer read as JSON. */
  @Benchmark
  public String clientJson() {
    return client.invoke(METHOD, requestJson).json();
  }

  private void checkSameAnswers() throws InvalidProtocolBufferException {
    EchoReply expected = stub();
    GrpcResponse viaMessage = clientMessage();
    Message raw = viaMessage.rawMessage().orElse(null);
    if (!viaMessage.isOk() || !(raw instanceof EchoReply) || !raw.equals(expected)) {
      // A reply that is not an EchoReply means the client lost the generated types and would
      // measure a slower path than the one users of generated classes get.
      throw new IllegalStateException("The client with a Message request answered " + viaMessage);
    }
    EchoReply.Builder viaJson = EchoReply.newBuilder();
    JsonFormat.parser().merge(clientJson(), viaJson);
    if (!viaJson.build().equals(expected)) {
      throw new IllegalStateException("The client with a JSON request answered " + viaJson);
    }
  }
}
