package dev.grpccontract.benchmarks;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.benchmarks.proto.EchoRequest;
import dev.grpccontract.benchmarks.proto.EchoServiceGrpc;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.proto.ProtoSchema;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EchoService} server with a channel to it, and what the benchmarks call it with: a
 * generated blocking stub, a {@link GrpcClient} over the same channel, and one request as a message
 * and as JSON text.
 */
final class EchoFixture implements AutoCloseable {

  /** The full name of the method the benchmarks call. */
  static final String METHOD = "grpccontract.bench.EchoService/Echo";

  /**
   * In-process, the service running on the calling thread ({@code directExecutor()}): the figures
   * show the cost of the client code itself rather than thread hand-offs, which would hide it.
   */
  static final String DIRECT = "direct";

  /**
   * In-process, the service running on grpc-java's default executor, as the JUnit extension hosts
   * services: each call hands work to another thread and back.
   */
  static final String IN_PROCESS = "inprocess";

  /**
   * Over TCP on the loopback interface, in plaintext, with the default executors: the stub then
   * serializes and parses every message too.
   */
  static final String LOOPBACK = "loopback";

  final Server server;
  final ManagedChannel channel;
  final EchoServiceGrpc.EchoServiceBlockingStub stub;
  final ProtoSchema schema;
  final GrpcClient client;
  final EchoRequest request;
  final String requestJson;

  private EchoFixture(String payload, String kind, ScheduledExecutorService timer)
      throws IOException {
    EchoService service = new EchoService();
    switch (kind.toLowerCase(Locale.ROOT)) {
      case DIRECT:
      case IN_PROCESS:
        String name = InProcessServerBuilder.generateName();
        InProcessServerBuilder serverBuilder =
            InProcessServerBuilder.forName(name).addService(service);
        InProcessChannelBuilder channelBuilder =
            InProcessChannelBuilder.forName(name).directExecutor();
        if (kind.equalsIgnoreCase(DIRECT)) {
          serverBuilder.directExecutor();
        }
        if (timer != null) {
          serverBuilder.scheduledExecutorService(timer);
          channelBuilder.scheduledExecutorService(timer);
        }
        server = serverBuilder.build().start();
        channel = channelBuilder.build();
        break;
      case LOOPBACK:
        if (timer != null) {
          throw new IllegalArgumentException("A timer can only be set for in-process servers");
        }
        server =
            Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(service)
                .build()
                .start();
        channel =
            Grpc.newChannelBuilderForAddress(
                    "localhost", server.getPort(), InsecureChannelCredentials.create())
                .build();
        break;
      default:
        throw new IllegalArgumentException(
            "Unknown server '" + kind + "'; use " + DIRECT + ", " + IN_PROCESS + " or " + LOOPBACK);
    }
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
   * Starts an in-process server on the calling thread ({@link #DIRECT}) and a channel to it, for
   * requests of the given payload size.
   *
   * @throws UncheckedIOException when the server cannot start
   */
  static EchoFixture start(String payload) {
    return start(payload, DIRECT, null);
  }

  /**
   * Starts a server of the given kind and a channel to it, for requests of the given payload size.
   *
   * @param kind {@link #DIRECT}, {@link #IN_PROCESS} or {@link #LOOPBACK}
   * @param timer for in-process servers, the scheduler of the server's and the channel's deadline
   *     timers instead of grpc-java's shared one; {@code null} for the shared one
   * @throws UncheckedIOException when the server cannot start
   */
  static EchoFixture start(String payload, String kind, ScheduledExecutorService timer) {
    try {
      return new EchoFixture(payload, kind, timer);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the " + kind + " server", e);
    }
  }

  /** Shuts the channel and the server down and waits a little for them to terminate. */
  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
