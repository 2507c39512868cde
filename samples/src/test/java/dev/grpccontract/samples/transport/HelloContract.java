package dev.grpccontract.samples.transport;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;

import dev.grpccontract.client.GrpcClient;
import org.junit.jupiter.api.Test;

/**
 * One contract, several ways to reach the service: each subclass only says where the server is
 * (in-process, over Netty with TLS, with mutual TLS, or a deployed address).
 */
abstract class HelloContract {

  @Test
  void greets(GrpcClient client) {
    assertThat(client.invoke("hello.HelloService/SayHello", "{\"greeting\": \"Bert\"}"))
        .isOk()
        .hasMessageJson("{\"reply\": \"hello Bert\"}");
  }

  @Test
  void rejectsEmptyGreeting(GrpcClient client) {
    assertThat(client.invoke("hello.HelloService/SayHello", "{}"))
        .isInvalidArgument()
        .hasDescription("greeting must not be empty");
  }
}
