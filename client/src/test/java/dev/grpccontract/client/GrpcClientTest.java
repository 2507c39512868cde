package dev.grpccontract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.testing.EchoRequest;
import dev.grpccontract.testing.EchoResponse;
import dev.grpccontract.testing.InProcessTarget;
import dev.grpccontract.testing.Item;
import dev.grpccontract.testing.TestServiceImpl;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GrpcClientTest {

  static final Path PROTOSET = Paths.get("target/test-classes/protosets/testing.protoset");

  InProcessTarget target;
  GrpcClient generated;
  GrpcClient dynamic;

  @BeforeEach
  void start() throws IOException {
    target = InProcessTarget.start(new TestServiceImpl());
    generated =
        GrpcClient.create(
            target.channel(), ProtoSchema.fromServices(List.of(new TestServiceImpl())));
    dynamic = GrpcClient.create(target.channel(), ProtoSchema.fromDescriptorSet(PROTOSET));
  }

  @AfterEach
  void stop() throws InterruptedException {
    target.close();
  }

  @Test
  void invokesWithJsonText() {
    GrpcResponse response =
        dynamic.invoke("grpccontract.test.TestService/Echo", "{\"text\": \"ab\", \"times\": 2}");

    assertThat(response.code()).isEqualTo(Status.Code.OK);
    assertThat(
            response
                .message()
                .getField(response.message().getDescriptorForType().findFieldByName("text")))
        .isEqualTo("abab");
    assertThat(response.json()).contains("\"text\": \"abab\"");
    assertThat(response.method()).isEqualTo("grpccontract.test.TestService/Echo");
    assertThat(response.duration()).isPositive();
  }

  @Test
  void invokesWithNestedMapsAndLists() {
    Map<String, Object> request =
        Map.of(
            "text",
            "x",
            "items",
            List.of(Map.of("sku", "A-1", "quantity", 3)),
            "catalog",
            Map.of("a", Map.of("sku", "A-2")),
            "color",
            "GREEN",
            "payload",
            new byte[] {1, 2, 3});

    EchoResponse response =
        dynamic.invoke("grpccontract.test.TestService/Echo", request).as(EchoResponse.class);

    assertThat(response.getRequest().getItems(0))
        .isEqualTo(Item.newBuilder().setSku("A-1").setQuantity(3).build());
    assertThat(response.getRequest().getCatalogMap().get("a").getSku()).isEqualTo("A-2");
    assertThat(response.getRequest().getColor().name()).isEqualTo("GREEN");
    assertThat(response.getRequest().getPayload().toByteArray()).containsExactly(1, 2, 3);
  }

  @Test
  void invokesWithGeneratedMessageAndKeepsGeneratedTypes() {
    EchoRequest request = EchoRequest.newBuilder().setText("hi").build();

    GrpcResponse response = generated.invoke("grpccontract.test.TestService/Echo", request);

    assertThat(response.rawMessage()).get().isInstanceOf(EchoResponse.class);
    assertThat(response.as(EchoResponse.class).getText()).isEqualTo("hi");
    assertThat(response.message()).isInstanceOf(DynamicMessage.class);
    assertThat(response.json()).contains("\"text\": \"hi\"");
  }

  @Test
  void convertsAGeneratedRequestForADescriptorSetSchema() {
    GrpcResponse response =
        dynamic.invoke("grpccontract.test.TestService/Echo", EchoRequest.newBuilder().setText("z"));

    assertThat(response.rawMessage()).get().isInstanceOf(DynamicMessage.class);
    assertThat(response.as(EchoResponse.class).getText()).isEqualTo("z");
  }

  @Test
  void failedCallIsAResponseWithStatusDescriptionAndTrailers() {
    GrpcResponse response =
        dynamic.invoke(
            "grpccontract.test.TestService/Fail",
            Map.of(
                "code", "NOT_FOUND",
                "description", "no order 7",
                "trailers", Map.of("x-reason", "gone")));

    assertThat(response.code()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(response.description()).isEqualTo("no order 7");
    assertThat(response.isOk()).isFalse();
    assertThat(response.hasMessage()).isFalse();
    assertThat(
            response.trailers().get(Metadata.Key.of("x-reason", Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo("gone");
    assertThatThrownBy(response::message)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no response message: it ended with NOT_FOUND (no order 7)");
    assertThat(response.toString()).contains("NOT_FOUND", "no order 7");
  }

  @Test
  void sendsMetadataAndReadsHeaders() {
    GrpcResponse response =
        dynamic.invoke(
            "grpccontract.test.TestService/Echo",
            "{}",
            CallParams.withMetadata("x-tenant", "acme").andMetadata("x-trace-bin", new byte[] {9}));

    Metadata headers = response.headers();
    assertThat(headers.get(Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo("acme");
    assertThat(headers.get(Metadata.Key.of("x-trace-bin", Metadata.BINARY_BYTE_MARSHALLER)))
        .containsExactly(9);
  }

  @Test
  void deadlineOfTheCallParamsEndsASlowCall() {
    GrpcResponse response =
        dynamic.invoke(
            "grpccontract.test.TestService/Slow",
            "{\"millis\": 2000}",
            CallParams.withDeadline(Duration.ofMillis(100)));

    assertThat(response.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(response.duration()).isLessThan(Duration.ofMillis(1900));
  }

  @Test
  void interruptCancelsABlockedCallAndKeepsTheFlag() {
    Thread.currentThread().interrupt();
    try {
      GrpcResponse response =
          dynamic.invoke("grpccontract.test.TestService/Slow", "{\"millis\": 3000}");

      assertThat(response.code()).isEqualTo(Status.Code.CANCELLED);
      assertThat(response.description()).contains("interrupted");
      assertThat(response.duration()).isLessThan(Duration.ofSeconds(2));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void defaultDeadlineAppliesWhenTheCallSetsNone() {
    GrpcClient client =
        GrpcClient.builder(target.channel(), dynamic.schema())
            .defaultDeadline(Duration.ofMillis(100))
            .build();

    assertThat(client.invoke("grpccontract.test.TestService/Slow", "{\"millis\": 2000}").code())
        .isEqualTo(Status.Code.DEADLINE_EXCEEDED);
  }

  @Test
  void serverThatIsNotListeningGivesUnavailableWithinTheDeadline() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      GrpcResponse response =
          GrpcClient.create(channel, dynamic.schema())
              .invoke(
                  "grpccontract.test.TestService/Echo",
                  "{}",
                  CallParams.withDeadline(Duration.ofSeconds(3)));

      assertThat(response.code()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(response.duration()).isLessThan(Duration.ofSeconds(3));
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void invokeAsyncCompletesWithTheResponse() throws Exception {
    GrpcResponse ok =
        dynamic
            .invokeAsync("grpccontract.test.TestService/Echo", "{\"text\": \"a\"}")
            .get(5, TimeUnit.SECONDS);
    GrpcResponse failed =
        dynamic
            .invokeAsync("grpccontract.test.TestService/Fail", "{\"code\": \"ABORTED\"}")
            .get(5, TimeUnit.SECONDS);

    assertThat(ok.json()).contains("\"text\": \"a\"");
    assertThat(failed.code()).isEqualTo(Status.Code.ABORTED);
  }

  @Test
  void unknownMethodNamesTheClosestMatches() {
    assertThatThrownBy(() -> dynamic.invoke("grpccontract.test.TestService/Ecko", "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No method 'grpccontract.test.TestService/Ecko'")
        .hasMessageContaining("Closest: grpccontract.test.TestService/Echo");
  }

  @Test
  void methodWithoutPackageFindsTheQualifiedName() {
    assertThatThrownBy(() -> dynamic.invoke("TestService/Echo", "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("grpccontract.test.TestService/Echo");
  }

  @Test
  void methodNamesMayUseADotOrALeadingSlash() {
    assertThat(dynamic.invoke("grpccontract.test.TestService.Echo", "{}").isOk()).isTrue();
    assertThat(dynamic.invoke("/grpccontract.test.TestService/Echo", "{}").isOk()).isTrue();
  }

  @Test
  void streamingMethodThroughInvokeNamesItsKind() {
    assertThatThrownBy(() -> dynamic.invoke("grpccontract.test.TestService/Repeat", "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TestService/Repeat is a server-streaming method");
    assertThatThrownBy(() -> dynamic.invoke("grpccontract.test.TestService/Collect", "{}"))
        .hasMessageContaining("is a client-streaming method");
  }

  @Test
  void unknownJsonFieldNamesThePathAndTheClosestField() {
    assertThatThrownBy(
            () ->
                dynamic.invoke(
                    "grpccontract.test.TestService/Echo",
                    "{\"nested\": {\"item\": {\"skew\": \"x\"}}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit grpccontract.test.EchoRequest")
        .hasMessageContaining("at 'nested.item.skew': no field 'skew' in grpccontract.test.Item")
        .hasMessageContaining("did you mean 'sku'");
  }

  @Test
  void wrongJsonValueTypeNamesTheElementPath() {
    assertThatThrownBy(
            () ->
                dynamic.invoke(
                    "grpccontract.test.TestService/Echo",
                    "{\"items\": [{\"sku\": \"a\"}, {\"quantity\": \"many\"}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at 'items[1].quantity'")
        .hasMessageContaining("many");
  }

  @Test
  void wrongValueInAMapNamesTheKey() {
    assertThatThrownBy(
            () ->
                dynamic.invoke(
                    "grpccontract.test.TestService/Echo",
                    Map.of("catalog", Map.of("k", Map.of("quantity", true)))))
        .hasMessageContaining("at 'catalog[\"k\"].quantity'");
  }

  @Test
  void unknownEnumValueNamesTheField() {
    assertThatThrownBy(
            () -> dynamic.invoke("grpccontract.test.TestService/Echo", "{\"color\": \"PURPLE\"}"))
        .hasMessageContaining("at 'color'")
        .hasMessageContaining("PURPLE");
  }

  @Test
  void malformedJsonSaysSo() {
    assertThatThrownBy(() -> dynamic.invoke("grpccontract.test.TestService/Echo", "{\"text\": "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not valid JSON");
  }

  @Test
  void messageOfTheWrongTypeNamesBothTypes() {
    Message wrong = Item.newBuilder().setSku("x").build();

    assertThatThrownBy(() -> generated.invoke("grpccontract.test.TestService/Echo", wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "must be a grpccontract.test.EchoRequest, but was a grpccontract.test.Item");
  }

  @Test
  void requestOfAnUnsupportedJavaTypeSaysWhatIsAccepted() {
    assertThatThrownBy(() -> dynamic.invoke("grpccontract.test.TestService/Echo", 42))
        .hasMessageContaining("must be JSON text, a Map or a protobuf Message")
        .hasMessageContaining("java.lang.Integer");
  }

  @Test
  void nullRequestSuggestsAnEmptyObject() {
    assertThatThrownBy(() -> dynamic.invoke("grpccontract.test.TestService/Echo", null))
        .hasMessageContaining("pass \"{}\"");
  }
}
