package dev.grpccontract.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.grpccontract.testing.EchoRequest;
import dev.grpccontract.testing.Item;
import dev.grpccontract.testing.TestServiceGrpc;
import dev.grpccontract.testing.TestServiceImpl;
import dev.grpccontract.testing.TestingProto;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtoSchemaTest {

  static final Path PROTOSET = Paths.get("target/test-classes/protosets/testing.protoset");

  @Test
  void descriptorSetFileHasServicesMethodsAndMessages() {
    ProtoSchema schema = ProtoSchema.fromDescriptorSet(PROTOSET);

    assertThat(schema.methodNames())
        .contains("grpccontract.test.TestService/Echo", "grpccontract.test.TestService/Repeat");
    assertThat(schema.findService("grpccontract.test.TestService")).isPresent();
    assertThat(schema.messageType("grpccontract.test.EchoRequest").getFields()).hasSize(9);
    assertThat(schema.findMessageType(".grpccontract.test.Item")).isPresent();
    assertThat(schema.findEnumType("grpccontract.test.Color")).isPresent();
    assertThat(schema.files())
        .extracting(f -> f.getName())
        .containsSubsequence("google/protobuf/timestamp.proto", "grpccontract/test/testing.proto");
    assertThat(schema.defaultInstance(schema.messageType("grpccontract.test.Item")))
        .isInstanceOf(DynamicMessage.class);
  }

  @Test
  void descriptorSetResourceLoadsFromTheClasspath() {
    ProtoSchema schema =
        ProtoSchema.fromDescriptorSetResource(
            "/protosets/testing.protoset", getClass().getClassLoader());

    assertThat(schema.origin()).isEqualTo("descriptor set classpath:protosets/testing.protoset");
    assertThat(schema.findService("grpccontract.test.TestService")).isPresent();
  }

  @Test
  void missingDescriptorSetSaysHowToWriteOne() {
    assertThatThrownBy(() -> ProtoSchema.fromDescriptorSet(Paths.get("nope.protoset")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("nope.protoset does not exist")
        .hasMessageContaining("protoc --include_imports --descriptor_set_out=nope.protoset");
    assertThatThrownBy(() -> ProtoSchema.fromDescriptorSetResource("nope.protoset", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No classpath resource 'nope.protoset'");
  }

  @Test
  void fileThatIsNotADescriptorSetSaysSo(@TempDir Path dir) throws Exception {
    Path text = dir.resolve("hello.proto");
    Files.writeString(text, "syntax = \"proto3\";\nmessage A {}\n");

    assertThatThrownBy(() -> ProtoSchema.fromDescriptorSet(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a FileDescriptorSet");
  }

  @Test
  void setWithoutImportsNamesTheMissingFileAndTheFlag() {
    FileDescriptorProto main =
        FileDescriptorProto.newBuilder().setName("a.proto").addDependency("b.proto").build();

    assertThatThrownBy(
            () ->
                ProtoSchema.fromDescriptorSet(
                    FileDescriptorSet.newBuilder().addFile(main).build(), "a.protoset"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a.protoset lacks 'b.proto', imported by 'a.proto'")
        .hasMessageContaining("--include_imports");
  }

  @Test
  void wellKnownTypesMissingFromASetComeFromProtobufJava() {
    FileDescriptorProto main = TestingProto.getDescriptor().toProto();

    ProtoSchema schema =
        ProtoSchema.fromDescriptorSet(FileDescriptorSet.newBuilder().addFile(main).build());

    assertThat(schema.findMessageType("google.protobuf.Timestamp")).isPresent();
  }

  @Test
  void emptySetIsAnError() {
    assertThatThrownBy(() -> ProtoSchema.fromDescriptorSet(FileDescriptorSet.getDefaultInstance()))
        .hasMessageContaining("holds no files");
  }

  @Test
  void protoFilesCompileAtRunTimeToTheSameSchemaAsProtoc() {
    ProtoSchema compiled =
        ProtoSchema.fromProtoFiles(
            List.of(Paths.get("src/test/proto")), List.of("grpccontract/test/testing.proto"));
    ProtoSchema fromProtoc = ProtoSchema.fromDescriptorSet(PROTOSET);

    assertThat(compiled.methodNames()).isEqualTo(fromProtoc.methodNames());
    assertThat(compiled.messageType("grpccontract.test.EchoRequest").toProto())
        .isEqualTo(fromProtoc.messageType("grpccontract.test.EchoRequest").toProto());
  }

  @Test
  void protoFileErrorsCarryFileLineAndColumn() {
    assertThatThrownBy(
            () ->
                ProtoSchema.fromProtoFiles(
                    List.of(Paths.get("src/test/resources/broken")), List.of("broken.proto")))
        .isInstanceOf(dev.grpccontract.compiler.ProtoCompilationException.class)
        .hasMessageContaining("broken.proto:7:3: \"Missing\" is not defined.");
  }

  @Test
  void generatedClassesKeepTheirJavaTypes() {
    for (Class<?> source : List.of(TestingProto.class, TestServiceGrpc.class, EchoRequest.class)) {
      ProtoSchema schema = ProtoSchema.fromClasses(source);

      Message item = schema.defaultInstance(schema.messageType("grpccontract.test.Item"));
      assertThat(item).as("from %s", source.getSimpleName()).isInstanceOf(Item.class);
      assertThat(schema.defaultInstance(schema.messageType("google.protobuf.Timestamp")))
          .isInstanceOf(Timestamp.class);
    }
  }

  @Test
  void nonGeneratedClassIsRejected() {
    assertThatThrownBy(() -> ProtoSchema.fromClasses(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String is not generated protobuf or gRPC code");
  }

  @Test
  void servicesBringTheirDescriptorsAndPrototypes() {
    ProtoSchema schema = ProtoSchema.fromServices(List.of(new TestServiceImpl()));

    assertThat(schema.methodNames()).hasSize(6);
    assertThat(schema.defaultInstance(schema.messageType("grpccontract.test.EchoRequest")))
        .isSameAs(EchoRequest.getDefaultInstance());
  }

  @Test
  void grpcMethodIsBuiltOncePerSchema() {
    ProtoSchema schema = ProtoSchema.fromClasses(TestServiceGrpc.class);

    assertThat(schema.grpcMethod("grpccontract.test.TestService/Echo"))
        .isSameAs(schema.grpcMethod("grpccontract.test.TestService/Echo"));
    assertThat(schema.grpcMethod("grpccontract.test.TestService/Repeat").getType())
        .isEqualTo(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING);
  }

  @Test
  void unknownMessageTypeNamesTheClosest() {
    ProtoSchema schema = ProtoSchema.fromClasses(TestServiceGrpc.class);

    assertThatThrownBy(() -> schema.messageType("grpccontract.test.EchoRequets"))
        .hasMessageContaining("did you mean 'grpccontract.test.EchoRequest'");
  }

  @Test
  void schemasCombineAndRejectConflictingFiles() {
    ProtoSchema combined =
        ProtoSchema.fromClasses(TestServiceGrpc.class)
            .plus(ProtoSchema.fromDescriptorSet(PROTOSET));
    assertThat(combined.findService("grpccontract.test.TestService")).isPresent();

    FileDescriptorProto other =
        TestingProto.getDescriptor().toProto().toBuilder()
            .addMessageType(
                com.google.protobuf.DescriptorProtos.DescriptorProto.newBuilder().setName("Extra"))
            .build();
    ProtoSchema conflicting =
        ProtoSchema.fromDescriptorSet(
            FileDescriptorSet.newBuilder()
                .addFile(com.google.protobuf.TimestampProto.getDescriptor().toProto())
                .addFile(other)
                .build());
    assertThatThrownBy(() -> combined.plus(conflicting))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "Two different files are both named 'grpccontract/test/testing.proto'");
  }

  @Test
  void messageBuildsASchemaTypeFromJsonMapOrMessage() {
    ProtoSchema schema = ProtoSchema.fromDescriptorSet(PROTOSET);

    DynamicMessage fromJson =
        schema.message(
            "grpccontract.test.EchoRequest",
            "{\"text\": \"a\", \"items\": [{\"sku\": \"A-1\", \"quantity\": 2}]}");
    DynamicMessage fromMap =
        schema.message(
            ".grpccontract.test.EchoRequest",
            java.util.Map.of(
                "text", "a", "items", List.of(java.util.Map.of("sku", "A-1", "quantity", 2))));
    DynamicMessage fromGenerated =
        schema.message(
            "grpccontract.test.EchoRequest",
            EchoRequest.newBuilder()
                .setText("a")
                .addItems(Item.newBuilder().setSku("A-1").setQuantity(2))
                .build());

    assertThat(fromJson.getDescriptorForType())
        .isSameAs(schema.messageType("grpccontract.test.EchoRequest"));
    assertThat(fromMap).isEqualTo(fromJson);
    assertThat(fromGenerated).isEqualTo(fromJson);
  }

  @Test
  void messageThatDoesNotFitNamesTheFieldPath() {
    ProtoSchema schema = ProtoSchema.fromDescriptorSet(PROTOSET);

    assertThatThrownBy(
            () ->
                schema.message(
                    "grpccontract.test.EchoRequest",
                    "{\"items\": [{\"sku\": \"A\", \"quantity\": \"x\"}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "The message does not fit grpccontract.test.EchoRequest: at 'items[0].quantity'");
    assertThatThrownBy(() -> schema.message("grpccontract.test.Itme", "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No message type 'grpccontract.test.Itme'")
        .hasMessageContaining("grpccontract.test.Item");
    assertThatThrownBy(() -> schema.message("grpccontract.test.Item", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The message is null");
  }
}
