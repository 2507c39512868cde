package dev.grpccontract.benchmarks.suite;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;

import dev.grpccontract.benchmarks.EchoService;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.junit.GrpcTarget;
import dev.grpccontract.junit.ProtoSource;
import org.junit.jupiter.api.Test;

/**
 * The tests of {@link ExtensionSuite} with the schema compiled from {@code bench.proto} at run
 * time, requests as JSON and the answer checked as JSON.
 */
@GrpcTarget(services = EchoService.class)
@ProtoSource(files = "bench.proto", importPaths = "classpath:proto")
public class ExtensionJsonSuite {

  static final String METHOD = "grpccontract.bench.EchoService/Echo";
  static final String REQUEST_JSON = "{\"id\": \"order-1\", \"sequence\": 1}";
  static final String REPLY_JSON = "{\"id\": \"order-1\", \"sequence\": 1, \"status\": \"OK\"}";

  @Test
  void call0(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST_JSON)).isOk().hasMessageJson(REPLY_JSON);
  }

  @Test
  void call1(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST_JSON)).isOk().hasMessageJson(REPLY_JSON);
  }

  @Test
  void call2(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST_JSON)).isOk().hasMessageJson(REPLY_JSON);
  }

  @Test
  void call3(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST_JSON)).isOk().hasMessageJson(REPLY_JSON);
  }

  @Test
  void call4(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST_JSON)).isOk().hasMessageJson(REPLY_JSON);
  }

  @Test
  void call5(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST_JSON)).isOk().hasMessageJson(REPLY_JSON);
  }

  @Test
  void call6(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST_JSON)).isOk().hasMessageJson(REPLY_JSON);
  }

  @Test
  void call7(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST_JSON)).isOk().hasMessageJson(REPLY_JSON);
  }

  @Test
  void call8(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST_JSON)).isOk().hasMessageJson(REPLY_JSON);
  }

  @Test
  void call9(GrpcClient client) {
    assertThat(client.invoke(METHOD, REQUEST_JSON)).isOk().hasMessageJson(REPLY_JSON);
  }
}
