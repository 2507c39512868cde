package dev.grpccontract.testing;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** An in-process server and channel for tests that use the client without the extension. */
public final class InProcessTarget implements AutoCloseable {

  private final Server server;
  private final ManagedChannel channel;

  private InProcessTarget(Server server, ManagedChannel channel) {
    this.server = server;
    this.channel = channel;
  }

  /** Starts {@code service} (with the metadata-echoing interceptor) in-process. */
  public static InProcessTarget start(BindableService service) throws IOException {
    String name = InProcessServerBuilder.generateName();
    Server server =
        InProcessServerBuilder.forName(name)
            .addService(ServerInterceptors.intercept(service, TestServiceImpl.ECHO_METADATA))
            .build()
            .start();
    return new InProcessTarget(server, InProcessChannelBuilder.forName(name).build());
  }

  public ManagedChannel channel() {
    return channel;
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow();
    server.shutdownNow();
    channel.awaitTermination(5, TimeUnit.SECONDS);
    server.awaitTermination(5, TimeUnit.SECONDS);
  }
}
