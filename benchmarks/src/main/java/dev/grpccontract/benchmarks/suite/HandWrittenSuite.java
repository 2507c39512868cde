package dev.grpccontract.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grpccontract.benchmarks.EchoService;
import dev.grpccontract.benchmarks.proto.EchoRequest;
import dev.grpccontract.benchmarks.proto.EchoServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tests of {@link ExtensionSuite} written by hand, as grpc-testing's {@code GrpcCleanupRule}
 * documents it: an in-process server and channel per class on {@code directExecutor()}, the
 * generated blocking stub with the same deadline the extension's calls have, shut down in
 * {@code @AfterAll}. The baseline of {@link SuiteCostMain}.
 */
public class HandWrittenSuite {

  static final EchoRequest REQUEST =
      EchoRequest.newBuilder().setId("order-1").setSequence(1).build();

  static Server server;
  static ManagedChannel channel;
  static EchoServiceGrpc.EchoServiceBlockingStub stub;

  @BeforeAll
  static void start() throws IOException {
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(new EchoService())
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    stub = EchoServiceGrpc.newBlockingStub(channel);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void call0() {
    assertThat(stub.withDeadlineAfter(5, TimeUnit.SECONDS).echo(REQUEST).getStatus())
        .isEqualTo("OK");
  }

  @Test
  void call1() {
    assertThat(stub.withDeadlineAfter(5, TimeUnit.SECONDS).echo(REQUEST).getStatus())
        .isEqualTo("OK");
  }

  @Test
  void call2() {
    assertThat(stub.withDeadlineAfter(5, TimeUnit.SECONDS).echo(REQUEST).getStatus())
        .isEqualTo("OK");
  }

  @Test
  void call3() {
    assertThat(stub.withDeadlineAfter(5, TimeUnit.SECONDS).echo(REQUEST).getStatus())
        .isEqualTo("OK");
  }

  @Test
  void call4() {
    assertThat(stub.withDeadlineAfter(5, TimeUnit.SECONDS).echo(REQUEST).getStatus())
        .isEqualTo("OK");
  }

  @Test
  void call5() {
    assertThat(stub.withDeadlineAfter(5, TimeUnit.SECONDS).echo(REQUEST).getStatus())
        .isEqualTo("OK");
  }

  @Test
  void call6() {
    assertThat(stub.withDeadlineAfter(5, TimeUnit.SECONDS).echo(REQUEST).getStatus())
        .isEqualTo("OK");
  }

  @Test
  void call7() {
    assertThat(stub.withDeadlineAfter(5, TimeUnit.SECONDS).echo(REQUEST).getStatus())
        .isEqualTo("OK");
  }

  @Test
  void call8() {
    assertThat(stub.withDeadlineAfter(5, TimeUnit.SECONDS).echo(REQUEST).getStatus())
        .isEqualTo("OK");
  }

  @Test
  void call9() {
    assertThat(stub.withDeadlineAfter(5, TimeUnit.SECONDS).echo(REQUEST).getStatus())
        .isEqualTo("OK");
  }
}
