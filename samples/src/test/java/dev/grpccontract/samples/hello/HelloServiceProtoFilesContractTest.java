package dev.grpccontract.samples.hello;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;

import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.junit.GrpcTarget;
import dev.grpccontract.junit.ProtoSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hello contract with the schema compiled from {@code hello.proto} at run time, like k6's
 * {@code client.load(['src/main/proto'], 'hello.proto')}: no generated code is involved on the
 * client side, so the same test checks a server in any language that implements the file.
 */
@GrpcTarget(services = HelloServiceImpl.class)
@ProtoSource(importPaths = "src/main/proto", files = "hello.proto")
class HelloServiceProtoFilesContractTest {

  @Test
  void greets(GrpcClient client) {
    assertThat(client.invoke("hello.HelloService/SayHello", "{\"greeting\": \"Bert\"}"))
        .isOk()
        .hasMessageJson("{\"reply\": \"hello Bert\"}");
  }

  @Test
  void rejectsEmptyGreeting(GrpcClient client) {
    assertThat(client.invoke("hello.HelloService/SayHello", Map.of("greeting", "")))
        .isInvalidArgument()
        .hasDescriptionContaining("greeting");
  }

  @Test
  void describesTheServiceWithItsComments(GrpcClient client) {
    org.assertj.core.api.Assertions.assertThat(client.describe("hello.HelloService"))
        .contains(
            "  // Greets one person.\n  rpc SayHello(.hello.HelloRequest) returns (.hello.HelloResponse);")
        .contains("  // Greets each person as they arrive.\n  rpc BidiHello(");
  }
}
