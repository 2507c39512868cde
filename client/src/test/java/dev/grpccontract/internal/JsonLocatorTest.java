package dev.grpccontract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.proto.compare.ProtoJson;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one JSON locator, as the client and the contract files both use it. */
class JsonLocatorTest {

  private static final Descriptor ORDER = order();

  private static Optional<JsonLocator.Mismatch> locate(String json) {
    return JsonLocator.locate(
        JsonFormat.parser(),
        DynamicMessage.getDefaultInstance(ORDER),
        JsonParser.parseString(json));
  }

  @Test
  void findsTheBadValueInsideAListElementWithTheFieldThatRejectsIt() {
    JsonLocator.Mismatch mismatch =
        locate(
                "{\"id\": \"o1\", \"items\": [{\"sku\": \"a\"}, {\"sku\": \"b\", \"quantity\": \"x\"}]}")
            .orElseThrow();

    assertThat(mismatch.steps())
        .extracting(s -> s.isField() ? s.key() : s.isIndex() ? "[" + s.index() + "]" : s.mapKey())
        .containsExactly("items", "[1]", "quantity");
    assertThat(mismatch.valueField().getName()).isEqualTo("quantity");
    assertThat(mismatch.value().getAsString()).isEqualTo("x");
    assertThat(mismatch.unknownIn()).isNull();
    assertThat(mismatch.cause()).isNotNull();
  }

  @Test
  void anUnknownFieldIsReportedWithTheTypeThatLacksIt() {
    JsonLocator.Mismatch mismatch = locate("{\"items\": [{\"skew\": \"a\"}]}").orElseThrow();

    assertThat(mismatch.unknownIn().getName()).isEqualTo("Item");
    assertThat(mismatch.steps().get(mismatch.steps().size() - 1).key()).isEqualTo("skew");
    assertThat(mismatch.cause()).isNull();
  }

  @Test
  void aBadMapValueIsLocatedAtItsKey() {
    JsonLocator.Mismatch mismatch =
        locate("{\"counts\": {\"a\": 1, \"b\": \"many\"}}").orElseThrow();

    assertThat(mismatch.steps()).hasSize(2);
    assertThat(mismatch.steps().get(1).mapKey()).isEqualTo("b");
    assertThat(mismatch.steps().get(1).stringKey()).isTrue();
  }

  @Test
  void jsonThatFitsHasNoMismatch() {
    assertThat(locate("{\"id\": \"o1\", \"items\": [{\"sku\": \"a\", \"quantity\": 2}]}"))
        .isEmpty();
  }

  @Test
  void theContractFilesPathUsesJsonNamesAndEndsAtAField() {
    assertThat(
            ProtoJson.locateMismatch(
                "{\"items\": [{\"sku\": \"a\"}, {\"quantity\": \"x\"}]}", ORDER))
        .hasValue("items[1].quantity");
    assertThat(ProtoJson.locateMismatch("{\"order_id_alias\": 1}", ORDER))
        .hasValue("order_id_alias");
    assertThat(ProtoJson.locateMismatch("{\"counts\": {\"b\": \"many\"}}", ORDER))
        .hasValue("counts");
    assertThat(ProtoJson.locateMismatch("[1]", ORDER)).isEmpty();
  }

  private static Descriptor order() {
    FileDescriptorProto file =
        FileDescriptorProto.newBuilder()
            .setName("locator_test.proto")
            .setPackage("locator")
            .setSyntax("proto3")
            .addMessageType(
                DescriptorProto.newBuilder()
                    .setName("Item")
                    .addField(field("sku", 1, Type.TYPE_STRING, Label.LABEL_OPTIONAL, null))
                    .addField(field("quantity", 2, Type.TYPE_INT32, Label.LABEL_OPTIONAL, null)))
            .addMessageType(
                DescriptorProto.newBuilder()
                    .setName("Order")
                    .addField(field("id", 1, Type.TYPE_STRING, Label.LABEL_OPTIONAL, null))
                    .addField(
                        field("items", 2, Type.TYPE_MESSAGE, Label.LABEL_REPEATED, ".locator.Item"))
                    .addField(
                        field(
                            "counts",
                            3,
                            Type.TYPE_MESSAGE,
                            Label.LABEL_REPEATED,
                            ".locator.Order.CountsEntry"))
                    .addNestedType(
                        DescriptorProto.newBuilder()
                            .setName("CountsEntry")
                            .setOptions(MessageOptions.newBuilder().setMapEntry(true))
                            .addField(field("key", 1, Type.TYPE_STRING, Label.LABEL_OPTIONAL, null))
                            .addField(
                                field("value", 2, Type.TYPE_INT32, Label.LABEL_OPTIONAL, null))))
            .build();
    try {
      return FileDescriptor.buildFrom(file, new FileDescriptor[0]).findMessageTypeByName("Order");
    } catch (DescriptorValidationException e) {
      throw new AssertionError(e);
    }
  }

  private static FieldDescriptorProto field(
      String name, int number, Type type, Label label, String typeName) {
    FieldDescriptorProto.Builder field =
        FieldDescriptorProto.newBuilder()
            .setName(name)
            .setNumber(number)
            .setType(type)
            .setLabel(label)
            .setJsonName(name);
    if (typeName != null) {
      field.setTypeName(typeName);
    }
    return field.build();
  }
}
