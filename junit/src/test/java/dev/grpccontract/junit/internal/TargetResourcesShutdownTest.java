package dev.grpccontract.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.testing.TestServiceGrpc;
import dev.grpccontract.testing.TestServiceImpl;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The failure paths of {@link TargetResources#close()}: a channel or server that does not
 * terminate, and an interrupt during the wait. Real servers and channels terminate promptly after
 * {@code shutdownNow}, so the stuck ones here are fakes that never do.
 */
class TargetResourcesShutdownTest {

  private static final ProtoSchema SCHEMA = ProtoSchema.fromClasses(TestServiceGrpc.class);
  private static final long WAIT_MILLIS = 50;

  private Server realServer;
  private ManagedChannel realChannel;

  @AfterEach
  void cleanUp() throws InterruptedException {
    Thread.interrupted(); // never leave the flag set for the next test
    if (realChannel != null) {
      realChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (realServer != null) {
      realServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aChannelThatDoesNotTerminateFailsTheCloseNamingItAndTheServerStillStops()
      throws IOException {
    String name = startRealServer();
    StuckChannel channel = new StuckChannel();
    TargetResources resources = TargetResources.of(name, realServer, channel, SCHEMA, WAIT_MILLIS);

    assertThatThrownBy(resources::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "grpc-contract could not shut down channel to "
                + name
                + " within 50 ms; a call or a service thread may still be running");
    assertThat(channel.stuck.shutdowns.get()).isEqualTo(1);
    assertThat(channel.stuck.shutdownNows.get()).isEqualTo(1);
    assertThat(realServer.isTerminated()).isTrue();
  }

  @Test
  void aServerThatDoesNotTerminateFailsTheCloseNamingItAfterTheChannelStopped() throws IOException {
    String name = InProcessServerBuilder.generateName();
    realChannel = InProcessChannelBuilder.forName(name).build();
    StuckServer server = new StuckServer();
    TargetResources resources = TargetResources.of(name, server, realChannel, SCHEMA, WAIT_MILLIS);

    assertThatThrownBy(resources::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("grpc-contract could not shut down server " + name + " within");
    assertThat(realChannel.isTerminated()).isTrue();
    assertThat(server.stuck.shutdowns.get()).isEqualTo(1);
    assertThat(server.stuck.shutdownNows.get()).isEqualTo(1);
  }

  @Test
  void bothStuckAreNamedInOneFailure() {
    TargetResources resources =
        TargetResources.of("t", new StuckServer(), new StuckChannel(), SCHEMA, WAIT_MILLIS);

    assertThatThrownBy(resources::close)
        .hasMessageStartingWith("grpc-contract could not shut down channel to t and server t ");
  }

  @Test
  void closingTwiceClosesOnce() throws IOException {
    String name = startRealServer();
    StuckChannel channel = new StuckChannel();
    TargetResources resources = TargetResources.of(name, realServer, channel, SCHEMA, WAIT_MILLIS);

    assertThatThrownBy(resources::close).isInstanceOf(IllegalStateException.class);
    resources.close();

    assertThat(channel.stuck.shutdowns.get()).isEqualTo(1);
  }

  @Test
  void anInterruptDuringTheWaitStopsEverythingAtOnceAndKeepsTheInterrupt() throws IOException {
    String name = startRealServer();
    StuckChannel channel = new StuckChannel();
    TargetResources resources =
        TargetResources.of(name, realServer, channel, SCHEMA, TimeUnit.MINUTES.toMillis(1));

    Thread.currentThread().interrupt();
    assertThatThrownBy(resources::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Interrupted while shutting down " + name)
        .hasCauseInstanceOf(InterruptedException.class);

    assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
    assertThat(channel.stuck.shutdownNows.get()).isEqualTo(1);
    assertThat(realServer.isShutdown()).isTrue();
  }

  private String startRealServer() throws IOException {
    String name = InProcessServerBuilder.generateName();
    realServer =
        InProcessServerBuilder.forName(name).addService(new TestServiceImpl()).build().start();
    return name;
  }

  /** What a stuck channel or server was asked: its shutdowns never complete. */
  private static final class Stuck {
    final AtomicInteger shutdowns = new AtomicInteger();
    final AtomicInteger shutdownNows = new AtomicInteger();

    boolean isShutdown() {
      return shutdowns.get() + shutdownNows.get() > 0;
    }

    /** Waits the whole timeout, as for a resource that never terminates. */
    static boolean await(long timeout, TimeUnit unit) throws InterruptedException {
      unit.sleep(timeout);
      return false;
    }
  }

  private static final class StuckChannel extends ManagedChannel {
    final Stuck stuck = new Stuck();

    @Override
    public ManagedChannel shutdown() {
      stuck.shutdowns.incrementAndGet();
      return this;
    }

    @Override
    public ManagedChannel shutdownNow() {
      stuck.shutdownNows.incrementAndGet();
      return this;
    }

    @Override
    public boolean isShutdown() {
      return stuck.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return Stuck.await(timeout, unit);
    }

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
      throw new UnsupportedOperationException("no calls in this test");
    }

    @Override
    public String authority() {
      return "stuck";
    }
  }

  private static final class StuckServer extends Server {
    final Stuck stuck = new Stuck();

    @Override
    public Server start() {
      return this;
    }

    @Override
    public Server shutdown() {
      stuck.shutdowns.incrementAndGet();
      return this;
    }

    @Override
    public Server shutdownNow() {
      stuck.shutdownNows.incrementAndGet();
      return this;
    }

    @Override
    public boolean isShutdown() {
      return stuck.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return Stuck.await(timeout, unit);
    }

    @Override
    public void awaitTermination() throws InterruptedException {
      Thread.sleep(Long.MAX_VALUE);
    }

    @Override
    public List<ServerServiceDefinition> getServices() {
      return List.of();
    }
  }
}
