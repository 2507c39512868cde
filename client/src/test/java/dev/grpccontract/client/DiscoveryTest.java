package dev.grpccontract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.testing.TestServiceGrpc;
import dev.grpccontract.testing.TestServiceImpl;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Health checks, server reflection and grpcurl-style discovery. */
class DiscoveryTest {

  final List<Server> servers = new ArrayList<>();
  final List<ManagedChannel> channels = new ArrayList<>();

  ManagedChannel serve(io.grpc.BindableService... services) throws Exception {
    return serve(null, services);
  }

  ManagedChannel serve(io.grpc.ServerInterceptor interceptor, io.grpc.BindableService... services)
      throws Exception {
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
    for (io.grpc.BindableService service : services) {
      builder.addService(
          interceptor == null
              ? service.bindService()
              : ServerInterceptors.intercept(service, interceptor));
    }
    servers.add(builder.build().start());
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    channels.add(channel);
    return channel;
  }

  @AfterEach
  void stop() throws Exception {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (Server server : servers) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void healthCheckReportsServingStatuses() throws Exception {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("grpccontract.test.TestService", ServingStatus.NOT_SERVING);
    GrpcClient client =
        GrpcClient.create(
            serve(health.getHealthService()), ProtoSchema.fromClasses(TestServiceGrpc.class));

    assertThat(client.healthCheck().servingStatus()).isEqualTo(ServingStatus.SERVING);
    assertThat(client.healthCheck().isServing()).isTrue();
    assertThat(client.healthCheck("grpccontract.test.TestService").servingStatus())
        .isEqualTo(ServingStatus.NOT_SERVING);
    HealthCheck unknown = client.healthCheck("no.Such");
    assertThat(unknown.servingStatus()).isEqualTo(ServingStatus.SERVICE_UNKNOWN);
    assertThat(unknown.status().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(unknown.toString()).contains("no.Such", "SERVICE_UNKNOWN", "NOT_FOUND");
  }

  @Test
  void healthCheckOfAServerWithoutHealthIsUnknown() throws Exception {
    GrpcClient client =
        GrpcClient.create(
            serve(new TestServiceImpl()), ProtoSchema.fromClasses(TestServiceGrpc.class));

    HealthCheck check = client.healthCheck();

    assertThat(check.servingStatus()).isEqualTo(ServingStatus.UNKNOWN);
    assertThat(check.status().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
  }

  @Test
  void reflectionV1LoadsTheServersSchema() throws Exception {
    ManagedChannel channel = serve(new TestServiceImpl(), ProtoReflectionServiceV1.newInstance());

    ProtoSchema schema = ProtoSchema.fromReflection(channel);

    assertThat(schema.origin())
        .isEqualTo("server reflection (grpc.reflection.v1.ServerReflection)");
    assertThat(schema.methodNames()).contains("grpccontract.test.TestService/Chat");
    assertThat(schema.findMessageType("google.protobuf.Timestamp")).isPresent();
    assertThat(
            GrpcClient.create(channel, schema)
                .invoke("grpccontract.test.TestService/Echo", "{\"text\": \"r\"}")
                .json())
        .contains("\"text\": \"r\"");
  }

  @Test
  @SuppressWarnings("deprecation") // the v1alpha service is what older servers offer
  void reflectionFallsBackToV1alpha() throws Exception {
    ManagedChannel channel = serve(new TestServiceImpl(), ProtoReflectionService.newInstance());

    ProtoSchema schema = ProtoSchema.fromReflection(channel);

    assertThat(schema.origin()).contains("v1alpha");
    assertThat(schema.findService("grpccontract.test.TestService")).isPresent();
  }

  @Test
  void reflectionSendsTheGivenMetadata() throws Exception {
    Metadata.Key<String> token = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    io.grpc.ServerInterceptor requireToken =
        new io.grpc.ServerInterceptor() {
          @Override
          public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(
              io.grpc.ServerCall<Q, R> call,
              Metadata headers,
              io.grpc.ServerCallHandler<Q, R> next) {
            if (!"Bearer t".equals(headers.get(token))) {
              call.close(Status.UNAUTHENTICATED.withDescription("no token"), new Metadata());
              return new io.grpc.ServerCall.Listener<Q>() {};
            }
            return next.startCall(call, headers);
          }
        };
    ManagedChannel channel =
        serve(requireToken, new TestServiceImpl(), ProtoReflectionServiceV1.newInstance());
    Metadata metadata = new Metadata();
    metadata.put(token, "Bearer t");

    assertThat(
            ProtoSchema.fromReflection(channel, metadata, java.time.Duration.ofSeconds(5))
                .services())
        .isNotEmpty();
    assertThatThrownBy(() -> ProtoSchema.fromReflection(channel))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Server reflection failed with UNAUTHENTICATED (no token)");
  }

  @Test
  void serverWithoutReflectionSuggestsOtherSources() throws Exception {
    ManagedChannel channel = serve(new TestServiceImpl());

    assertThatThrownBy(() -> ProtoSchema.fromReflection(channel))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not offer gRPC server reflection")
        .hasMessageContaining(
            "@ProtoSource(files = ...), (descriptorSet = ...) or (classes = ...)");
  }

  @Test
  void listsServicesAndMethodsLikeGrpcurl() throws Exception {
    GrpcClient client =
        GrpcClient.create(
            serve(new TestServiceImpl()), ProtoSchema.fromClasses(TestServiceGrpc.class));

    assertThat(client.services()).containsExactly("grpccontract.test.TestService");
    assertThat(client.methods("grpccontract.test.TestService"))
        .startsWith("grpccontract.test.TestService/Echo")
        .hasSize(6);
    assertThatThrownBy(() -> client.methods("grpccontract.test.TestServise"))
        .hasMessageContaining("did you mean 'grpccontract.test.TestService'");
  }

  @Test
  void describesServicesMethodsMessagesAndEnumsWithComments() throws Exception {
    // Generated code keeps no comments; reflection of a descriptor set with source info would.
    GrpcClient client =
        GrpcClient.create(
            serve(new TestServiceImpl()), ProtoSchema.fromClasses(TestServiceGrpc.class));

    assertThat(client.describe("grpccontract.test.TestService"))
        .startsWith("service TestService {\n")
        .contains(
            "  rpc Chat(stream .grpccontract.test.EchoRequest) returns (stream .grpccontract.test.EchoResponse);\n");
    assertThat(client.describe("grpccontract.test.TestService/Repeat"))
        .isEqualTo(
            "rpc Repeat(.grpccontract.test.EchoRequest) returns (stream .grpccontract.test.EchoResponse);\n");
    assertThat(client.describe("grpccontract.test.EchoRequest"))
        .contains(
            "  repeated .grpccontract.test.Item items = 4;\n",
            "  map<string, .grpccontract.test.Item> catalog = 5;\n",
            "  optional string note = 7;\n",
            "  .google.protobuf.Timestamp at = 8;\n");
    assertThat(client.describe("grpccontract.test.Color")).contains("  GREEN = 2;\n");
    assertThatThrownBy(() -> client.describe("grpccontract.test.Colour"))
        .hasMessageContaining("did you mean 'grpccontract.test.Color'");
  }

  @Test
  void describeShowsCommentsFromSourceInfo() {
    com.google.protobuf.DescriptorProtos.FileDescriptorProto file =
        com.google.protobuf.DescriptorProtos.FileDescriptorProto.newBuilder()
            .setName("c.proto")
            .setSyntax("proto3")
            .setPackage("c")
            .addMessageType(
                com.google.protobuf.DescriptorProtos.DescriptorProto.newBuilder()
                    .setName("M")
                    .addField(
                        com.google.protobuf.DescriptorProtos.FieldDescriptorProto.newBuilder()
                            .setName("f")
                            .setNumber(1)
                            .setType(
                                com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type
                                    .TYPE_STRING)
                            .setLabel(
                                com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label
                                    .LABEL_OPTIONAL)))
            .setSourceCodeInfo(
                com.google.protobuf.DescriptorProtos.SourceCodeInfo.newBuilder()
                    .addLocation(
                        com.google.protobuf.DescriptorProtos.SourceCodeInfo.Location.newBuilder()
                            .addAllPath(List.of(4, 0))
                            .setLeadingComments(" A message.\n"))
                    .addLocation(
                        com.google.protobuf.DescriptorProtos.SourceCodeInfo.Location.newBuilder()
                            .addAllPath(List.of(4, 0, 2, 0))
                            .setLeadingComments(" Its field.\n")))
            .build();
    ProtoSchema schema =
        ProtoSchema.fromDescriptorSet(
            com.google.protobuf.DescriptorProtos.FileDescriptorSet.newBuilder()
                .addFile(file)
                .build());

    assertThat(schema.describe("c.M"))
        .isEqualTo("// A message.\nmessage M {\n  // Its field.\n  string f = 1;\n}\n");
  }
}
