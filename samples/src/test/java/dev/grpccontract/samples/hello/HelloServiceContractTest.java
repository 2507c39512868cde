package dev.grpccontract.samples.hello;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;

import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.junit.GrpcTarget;
import io.grpc.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's first example: the hello service hosted in-process, its schema taken from the
 * service's own generated descriptors, called by method name with JSON or a {@code Map}.
 */
@GrpcTarget(services = HelloServiceImpl.class)
class HelloServiceContractTest {

  @Test
  void greets(GrpcClient client) {
    var response = client.invoke("hello.HelloService/SayHello", "{\"greeting\": \"Bert\"}");

    assertThat(response).hasStatus(Status.Code.OK).hasMessageJson("{\"reply\": \"hello Bert\"}");
  }

  @Test
  void rejectsEmptyGreeting(GrpcClient client) {
    assertThat(client.invoke("hello.HelloService/SayHello", Map.of("greeting", "")))
        .isInvalidArgument()
        .hasDescriptionContaining("greeting");
  }

  @Test
  void rejectsMissingGreeting(GrpcClient client) {
    assertThat(client.invoke("hello.HelloService/SayHello", "{}"))
        .isInvalidArgument()
        .hasDescription("greeting must not be empty");
  }

  @Test
  void acceptsGeneratedMessagesToo(GrpcClient client) {
    HelloRequest request = HelloRequest.newBuilder().setGreeting("Ernie").build();

    var response = client.invoke("hello.HelloService/SayHello", request);

    assertThat(response).isOk();
    assertThat(response.as(HelloResponse.class))
        .isEqualTo(HelloResponse.newBuilder().setReply("hello Ernie").build());
  }
}
