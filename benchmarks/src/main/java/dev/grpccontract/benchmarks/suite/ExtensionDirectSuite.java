package dev.grpccontract.benchmarks.suite;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;

import dev.grpccontract.benchmarks.EchoService;
import dev.grpccontract.benchmarks.proto.EchoRequest;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.junit.GrpcTarget;
import org.junit.jupiter.api.Test;

/**
 * The tests of {@link ExtensionSuite} with the services on the calling thread ({@code
 * directExecutor = true}), the opt-in that saves two thread hand-offs per call.
 */
@GrpcTarget(services = EchoService.class, directExecutor = true)
public class ExtensionDirectSuite {

  static final String METHOD = "grpccontract.bench.EchoService/Echo";
  static final EchoRequest REQUEST =
      EchoRequest.newBuilder().setId("order-1").setSequence(1).build();

  @Test
  void call0(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST)).isOk();
  }

  @Test
  void call1(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST)).isOk();
  }

  @Test
  void call2(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST)).isOk();
  }

  @Test
  void call3(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST)).isOk();
  }

  @Test
  void call4(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST)).isOk();
  }

  @Test
  void call5(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST)).isOk();
  }

  @Test
  void call6(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST)).isOk();
  }

  @Test
  void call7(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST)).isOk();
  }

  @Test
  void call8(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST)).isOk();
  }

  @Test
  void call9(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST)).isOk();
  }
}
