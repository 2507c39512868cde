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
 * <p>Server and channel run on the calling thread ({@code directExecutor()}), so the figures show
 * the cost of the client code itself rather than thread hand-offs, which would hide it.
 */
final class InProcessEcho implements AutoCloseable {

  /** The full name of the method the benchmarks call. */
  static final String METHOD = "grpccontract.bench.EchoService/Echo";

  final Server server;
  final ManagedChannel channel;
  final EchoServiceGrpc.EchoServiceBlockingStub stub;
  final ProtoSchema schema;
  final GrpcClient client;
  final EchoRequest request;
  final String requestJson;

  private InProcessEcho(String payload, ScheduledExecutorService timer) throws IOException {
    String name = InProcessServerBuilder.generateName();
    EchoService service = new EchoService();
    InProcessServerBuilder serverBuilder =
        InProcessServerBuilder.forName(name).directExecutor().addService(service);
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
    return start(payload, null);
  }

  /**
   * Starts the server and the channel with {@code timer} (when not null) for their deadline timers
   * instead of grpc-java's shared one.
   *
   * @throws UncheckedIOException when the server cannot start
   */
  static InProcessEcho start(String payload, ScheduledExecutorService timer) {
    try {
      return new InProcessEcho(payload, timer);
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
