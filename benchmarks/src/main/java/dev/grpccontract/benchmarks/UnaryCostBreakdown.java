package dev.grpccontract.benchmarks;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.benchmarks.proto.EchoReply;
import dev.grpccontract.benchmarks.proto.EchoRequest;
import dev.grpccontract.benchmarks.proto.EchoServiceGrpc;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.client.GrpcResponse;
import dev.grpccontract.client.internal.CallCapture;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
 * Where the time of {@link UnaryBenchmark}'s client variants goes: the same call with one part of
 * {@link GrpcClient}'s work added at a time, and the JSON work alone. Not part of the ratios the
 * README quotes; run it when those change, ideally with {@code -prof gc} for allocations per call:
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main UnaryCostBreakdown -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class UnaryCostBreakdown {

  private static final long DEADLINE_NANOS = GrpcClient.DEFAULT_DEADLINE.toNanos();

  /** The payload size: {@link Payloads#SMALL} or {@link Payloads#LARGE}. */
  @Param({Payloads.SMALL, Payloads.LARGE})
  public String payload;

  private EchoFixture echo;
  private ManagedChannel channel;
  private EchoServiceGrpc.EchoServiceBlockingStub stub;
  private MethodDescriptor<Message, Message> schemaMethod;
  private Channel capturingChannel;
  private GrpcClient client;
  private EchoRequest request;
  private String requestJson;
  private EchoReply reply;
  private JsonFormat.Parser parser;
  private JsonFormat.Printer printer;
  private ScheduledThreadPoolExecutor quietTimer;
  private EchoFixture quietTimerEcho;
  private EchoServiceGrpc.EchoServiceBlockingStub quietTimerStub;
  private GrpcClient quietTimerClient;

  /** Starts the server and channel. */
  @Setup(Level.Trial)
  public void start() {
    echo = EchoFixture.start(payload);
    channel = echo.channel;
    stub = echo.stub;
    schemaMethod = echo.schema.grpcMethod(EchoFixture.METHOD);
    capturingChannel = ClientInterceptors.intercept(channel, CallCapture.INTERCEPTOR);
    client = echo.client;
    request = echo.request;
    requestJson = echo.requestJson;
    reply = stub.echo(request);
    parser = JsonFormat.parser().usingTypeRegistry(echo.schema.typeRegistry());
    printer = JsonFormat.printer().usingTypeRegistry(echo.schema.typeRegistry());

    // A server and channel whose deadline timers (the client's, and the server's context
    // deadline) go to a scheduler that always holds a task due sooner than any call's deadline:
    // a new deadline then never becomes the head of the timer queue, so arming it does not wake
    // the timer thread.
    quietTimer = new ScheduledThreadPoolExecutor(1, UnaryCostBreakdown::daemon);
    quietTimer.setRemoveOnCancelPolicy(true);
    quietTimer.scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.SECONDS);
    quietTimerEcho = EchoFixture.start(payload, EchoFixture.DIRECT, quietTimer);
    quietTimerStub = quietTimerEcho.stub;
    quietTimerClient = quietTimerEcho.client;
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "quiet-deadline-timer");
    thread.setDaemon(true);
    return thread;
  }

  /** Shuts the channel and server down. */
  @TearDown(Level.Trial)
  public void stop() throws InterruptedException {
    quietTimerEcho.close();
    quietTimer.shutdownNow();
    echo.close();
  }

  /** The generated blocking stub, as in {@link UnaryBenchmark#stub()}. */
  @Benchmark
  public EchoReply stub() {
    return stub.echo(request);
  }

  /** The stub with a deadline, which every {@link GrpcClient} call has. */
  @Benchmark
  public EchoReply stubWithDeadline() {
    return stub.withDeadlineAfter(DEADLINE_NANOS, TimeUnit.NANOSECONDS).echo(request);
  }

  /** The stub with a deadline, when the timer queue always has an earlier task. */
  @Benchmark
  public EchoReply stubWithDeadlineQuietTimer() {
    return quietTimerStub.withDeadlineAfter(DEADLINE_NANOS, TimeUnit.NANOSECONDS).echo(request);
  }

  /** The client with a {@code Message} request, when the timer queue always has an earlier task. */
  @Benchmark
  public GrpcResponse clientMessageQuietTimer() {
    return quietTimerClient.invoke(EchoFixture.METHOD, request);
  }

  /** A blocking call with the schema's method descriptor and no deadline, interceptor, response. */
  @Benchmark
  public Message schemaDescriptorCall() {
    return ClientCalls.blockingUnaryCall(channel, schemaMethod, CallOptions.DEFAULT, request);
  }

  /** As {@link #schemaDescriptorCall()}, with the client's default deadline. */
  @Benchmark
  public Message schemaDescriptorCallWithDeadline() {
    return ClientCalls.blockingUnaryCall(
        channel,
        schemaMethod,
        CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_NANOS, TimeUnit.NANOSECONDS),
        request);
  }

  /**
   * As {@link #schemaDescriptorCallWithDeadline()}, through the client's interceptor that records
   * headers and trailers: all of {@link GrpcClient#invoke} but the lookups and the response.
   */
  @Benchmark
  public Message capturedCallWithDeadline() {
    return ClientCalls.blockingUnaryCall(
        capturingChannel,
        schemaMethod,
        CallOptions.DEFAULT
            .withDeadlineAfter(DEADLINE_NANOS, TimeUnit.NANOSECONDS)
            .withOption(CallCapture.KEY, new CallCapture(null)),
        request);
  }

  /** The client with a {@code Message} request, as in {@link UnaryBenchmark#clientMessage()}. */
  @Benchmark
  public GrpcResponse clientMessage() {
    return client.invoke(EchoFixture.METHOD, request);
  }

  /** The client with a JSON request, without reading the answer as JSON. */
  @Benchmark
  public GrpcResponse clientJsonRequestOnly() {
    return client.invoke(EchoFixture.METHOD, requestJson);
  }

  /** The client with a {@code Message} request, reading the answer as JSON. */
  @Benchmark
  public String clientJsonAnswerOnly() {
    return client.invoke(EchoFixture.METHOD, request).json();
  }

  /** Parsing the request's JSON alone, as the client does it. */
  @Benchmark
  public Message parseRequestJson() throws InvalidProtocolBufferException {
    EchoRequest.Builder builder = EchoRequest.newBuilder();
    parser.merge(requestJson, builder);
    return builder.buildPartial();
  }

  /** Printing the answer as JSON alone, as {@link GrpcResponse#json()} does it. */
  @Benchmark
  public String printAnswerJson() throws InvalidProtocolBufferException {
    return printer.print(reply);
  }
}
