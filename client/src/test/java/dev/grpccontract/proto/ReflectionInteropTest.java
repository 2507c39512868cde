package dev.grpccontract.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.reflection.v1.FileDescriptorResponse;
import io.grpc.reflection.v1.ListServiceResponse;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reflection against servers that answer the way other implementations do. */
class ReflectionInteropTest {

  /** shop/item.proto: defines shop.Item. */
  static final FileDescriptorProto ITEM =
      FileDescriptorProto.newBuilder()
          .setName("shop/item.proto")
          .setPackage("shop")
          .setSyntax("proto3")
          .addMessageType(
              DescriptorProto.newBuilder()
                  .setName("Item")
                  .addField(field("sku", 1, FieldDescriptorProto.Type.TYPE_STRING, null)))
          .build();

  /**
   * shop/cart.proto as Node's @grpc/reflection sends it: it uses shop.Item and a Timestamp, and
   * lists no dependencies.
   */
  static final FileDescriptorProto CART =
      FileDescriptorProto.newBuilder()
          .setName("shop/cart.proto")
          .setPackage("shop")
          .setSyntax("proto3")
          .addMessageType(
              DescriptorProto.newBuilder()
                  .setName("Cart")
                  .addField(
                      field("items", 1, FieldDescriptorProto.Type.TYPE_MESSAGE, ".shop.Item")
                          .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED))
                  .addField(
                      field(
                          "at",
                          2,
                          FieldDescriptorProto.Type.TYPE_MESSAGE,
                          ".google.protobuf.Timestamp")))
          .addService(
              ServiceDescriptorProto.newBuilder()
                  .setName("CartService")
                  .addMethod(
                      MethodDescriptorProto.newBuilder()
                          .setName("Add")
                          .setInputType(".shop.Item")
                          .setOutputType("Cart")))
          .build();

  static FieldDescriptorProto.Builder field(
      String name, int number, FieldDescriptorProto.Type type, String typeName) {
    FieldDescriptorProto.Builder field =
        FieldDescriptorProto.newBuilder()
            .setName(name)
            .setNumber(number)
            .setType(type)
            .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
    return typeName == null ? field : field.setTypeName(typeName);
  }

  /**
   * A reflection service whose files list no dependencies. It answers every file question with
   * every file, or, when {@code onlyTheAskedFile}, with the one file that defines the symbol.
   */
  static final class NoDependenciesReflection
      extends ServerReflectionGrpc.ServerReflectionImplBase {
    final boolean onlyTheAskedFile;
    final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

    NoDependenciesReflection(boolean onlyTheAskedFile) {
      this.onlyTheAskedFile = onlyTheAskedFile;
    }

    @Override
    public StreamObserver<ServerReflectionRequest> serverReflectionInfo(
        StreamObserver<ServerReflectionResponse> responses) {
      return new StreamObserver<>() {
        @Override
        public void onNext(ServerReflectionRequest request) {
          ServerReflectionResponse.Builder answer =
              ServerReflectionResponse.newBuilder().setOriginalRequest(request);
          if (request.hasListServices()) {
            answer.setListServicesResponse(
                ListServiceResponse.newBuilder()
                    .addService(ServiceResponse.newBuilder().setName("shop.CartService"))
                    .addService(
                        ServiceResponse.newBuilder()
                            .setName("grpc.reflection.v1.ServerReflection")));
          } else if (onlyTheAskedFile) {
            asked.add(request.getFileContainingSymbol());
            FileDescriptorProto file =
                request.getFileContainingSymbol().equals("shop.Item") ? ITEM : CART;
            answer.setFileDescriptorResponse(
                FileDescriptorResponse.newBuilder().addFileDescriptorProto(file.toByteString()));
          } else {
            answer.setFileDescriptorResponse(
                FileDescriptorResponse.newBuilder()
                    .addFileDescriptorProto(CART.toByteString())
                    .addFileDescriptorProto(ITEM.toByteString()));
          }
          responses.onNext(answer.build());
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          responses.onCompleted();
        }
      };
    }
  }

  /** A reflection service that never answers. */
  static final class SilentReflection extends ServerReflectionGrpc.ServerReflectionImplBase {
    @Override
    public StreamObserver<ServerReflectionRequest> serverReflectionInfo(
        StreamObserver<ServerReflectionResponse> responses) {
      return new StreamObserver<>() {
        @Override
        public void onNext(ServerReflectionRequest request) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
      };
    }
  }

  final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  ManagedChannel serve(io.grpc.BindableService... services) throws Exception {
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
    for (io.grpc.BindableService service : services) {
      builder.addService(service);
    }
    Server server = builder.build().start();
    resources.add(() -> server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    resources.add(() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    return channel;
  }

  static final class Warnings extends Handler implements AutoCloseable {
    final List<String> messages = new ArrayList<>();
    final Logger logger = Logger.getLogger(ProtoSchema.class.getName());

    Warnings() {
      logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
      messages.add(record.getLevel() + " " + record.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
    }
  }

  @Test
  void filesWithoutTheirDependenciesAreLinkedAndTheRepairIsWarned() throws Exception {
    ProtoSchema schema;
    List<String> warnings;
    try (Warnings log = new Warnings()) {
      schema = ProtoSchema.fromReflection(serve(new NoDependenciesReflection(false)));
      warnings = log.messages;
    }

    assertThat(schema.methodNames()).containsExactly("shop.CartService/Add");
    assertThat(schema.messageType("shop.Cart").findFieldByName("items").getMessageType())
        .isSameAs(schema.messageType("shop.Item"));
    assertThat(schema.messageType("shop.Cart").findFieldByName("at").getMessageType().getFullName())
        .isEqualTo("google.protobuf.Timestamp");
    assertThat(schema.origin())
        .isEqualTo(
            "server reflection (grpc.reflection.v1.ServerReflection, 2 missing imports added)");
    assertThat(warnings)
        .singleElement()
        .asString()
        .startsWith("WARNING Server reflection sent files without the imports they need")
        .contains(
            "'shop/cart.proto' names .shop.Item but does not import 'shop/item.proto'; added the"
                + " import",
            "'shop/cart.proto' names .google.protobuf.Timestamp but does not import"
                + " 'google/protobuf/timestamp.proto'");
    assertThat(schema.message("shop.Cart", "{\"items\": [{\"sku\": \"A-1\"}]}").toString())
        .contains("A-1");
  }

  @Test
  void typesWhoseFilesWereNotSentAreAskedForBySymbol() throws Exception {
    NoDependenciesReflection reflection = new NoDependenciesReflection(true);

    ProtoSchema schema = ProtoSchema.fromReflection(serve(reflection));

    assertThat(reflection.asked).containsExactly("shop.CartService", "shop.Item");
    assertThat(schema.messageType("shop.Cart").findFieldByName("items").getMessageType())
        .isSameAs(schema.messageType("shop.Item"));
    assertThat(schema.origin()).contains("2 missing imports added");
  }

  @Test
  void reflectionThatNeverAnswersEndsAtTheGivenDeadline() throws Exception {
    ManagedChannel channel = serve(new SilentReflection());

    Throwable failure =
        catchThrowable(() -> ProtoSchema.fromReflection(channel, null, Duration.ofMillis(200)));

    assertThat(failure)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Server reflection failed with DEADLINE_EXCEEDED");
    assertThat(failure.getCause()).isInstanceOf(io.grpc.StatusRuntimeException.class);
  }

  @Test
  void completeFilesAreNotRepaired() throws Exception {
    ProtoSchema schema;
    List<String> warnings;
    try (Warnings log = new Warnings()) {
      schema =
          ProtoSchema.fromReflection(
              serve(
                  new dev.grpccontract.testing.TestServiceImpl(),
                  io.grpc.protobuf.services.ProtoReflectionServiceV1.newInstance()));
      warnings = log.messages;
    }

    assertThat(schema.methodNames()).contains("grpccontract.test.TestService/Echo");
    assertThat(schema.origin())
        .isEqualTo("server reflection (grpc.reflection.v1.ServerReflection)");
    assertThat(warnings).isEmpty();
  }
}
