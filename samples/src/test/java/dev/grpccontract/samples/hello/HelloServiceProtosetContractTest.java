package dev.grpccontract.samples.hello;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;

import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.junit.GrpcTarget;
import dev.grpccontract.junit.ProtoSource;
import org.junit.jupiter.api.Test;

/**
 * The same contract with the schema from a descriptor set ("protoset"), the file {@code protoc
 * --include_imports --descriptor_set_out} writes and grpcurl reads: the test needs no generated
 * classes, so the same class can check a server written in any language.
 */
@GrpcTarget(services = HelloServiceImpl.class)
@ProtoSource(descriptorSet = "classpath:protosets/samples.protoset")
class HelloServiceProtosetContractTest {

  @Test
  void greets(GrpcClient client) {
    assertThat(client.invoke("hello.HelloService/SayHello", "{\"greeting\": \"Bert\"}"))
        .isOk()
        .hasMessageJson("{\"reply\": \"hello Bert\"}");
  }

  @Test
  void rejectsEmptyGreeting(GrpcClient client) {
    assertThat(client.invoke("hello.HelloService/SayHello", "{\"greeting\": \"\"}"))
        .isInvalidArgument()
        .hasDescriptionContaining("greeting");
  }
}
