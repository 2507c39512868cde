package dev.grpccontract.benchmarks;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.benchmarks.proto.EchoRequest;
import dev.grpccontract.benchmarks.proto.EchoServiceGrpc;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.proto.ProtoSchema;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EchoService} hosted in-process with a channel to it, and what the benchmarks call it
 * with: a generated blocking stub, a {@link GrpcClient} over the same channel, and one request as a
 * message and as JSON text.
 *
 * <p>By default the server and the channel run on the calling thread ({@code directExecutor()}),
 * so the figures show the cost of the client code itself rather than thread hand-offs, which would
 * hide it.
 */
final class InProcessEcho implements AutoCloseable {

  /** The full name of the method the benchmarks call. */
  static final String METHOD = "grpccontract.bench.EchoService/Echo";

  /** The service runs on the calling thread: the figures show the cost of the client code. */
  static final String DIRECT_EXECUTOR = "direct";

  /**
   * The service runs on grpc-java's default executor, as the JUnit extension hosts services: each
   * call hands work to another thread and back.
   */
  static final String DEFAULT_EXECUTOR = "default";

  final Server server;
  final ManagedChannel channel;
  final EchoServiceGrpc.EchoServiceBlockingStub stub;
  final ProtoSchema schema;
  final GrpcClient client;
  final EchoRequest request;
  final String requestJson;

  private InProcessEcho(String payload, String serverExecutor, ScheduledExecutorService timer)
      throws IOException {
    String name = InProcessServerBuilder.generateName();
    EchoService service = new EchoService();
    InProcessServerBuilder serverBuilder = InProcessServerBuilder.forName(name).addService(service);
    switch (serverExecutor) {
      case DIRECT_EXECUTOR:
        serverBuilder.directExecutor();
        break;
      case DEFAULT_EXECUTOR:
        break;
      default:
        throw new IllegalArgumentException(
            "Unknown server executor '"
                + serverExecutor
                + "'; use "
                + DIRECT_EXECUTOR
                + " or "
                + DEFAULT_EXECUTOR);
    }
    InProcessChannelBuilder channelBuilder = InProcessChannelBuilder.forName(name).directExecutor();
    if (timer != null) {
      serverBuilder.scheduledExecutorService(timer);
      channelBuilder.scheduledExecutorService(timer);
    }
    server = serverBuilder.build().start();
    channel = channelBuilder.build();
    stub = EchoServiceGrpc.newBlockingStub(channel);
    schema = ProtoSchema.fromServices(List.of(service));
    client = GrpcClient.create(channel, schema);
    request = Payloads.request(payload);
    try {
      requestJson = JsonFormat.printer().omittingInsignificantWhitespace().print(request);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("Cannot print the request as JSON", e);
    }
  }

  /**
   * Starts the server and the channel for requests of the given payload size.
   *
   * @throws UncheckedIOException when the server cannot start
   */
  static InProcessEcho start(String payload) {
    return start(payload, DIRECT_EXECUTOR, null);
  }

  /**
   * Starts the server on the given executor, and the server and the channel with {@code timer}
   * (when not null) for their deadline timers instead of grpc-java's shared one.
   *
   * @param serverExecutor {@link #DIRECT_EXECUTOR} or {@link #DEFAULT_EXECUTOR}
   * @throws UncheckedIOException when the server cannot start
   */
  static InProcessEcho start(
      String payload, String serverExecutor, ScheduledExecutorService timer) {
    try {
      return new InProcessEcho(payload, serverExecutor, timer);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the in-process server", e);
    }
  }

  /** Shuts the channel and the server down and waits a little for them to terminate. */
  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
