package dev.grpccontract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.grpccontract.testing.EchoRequest;
import dev.grpccontract.testing.EchoResponse;
import dev.grpccontract.testing.Item;
import dev.grpccontract.testing.Nested;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class GrpcResponseTest {

  static final EchoResponse MESSAGE =
      EchoResponse.newBuilder()
          .setText("line one")
          .setRequest(
              EchoRequest.newBuilder()
                  .setText("t")
                  .addItems(Item.newBuilder().setSku("A-1").setQuantity(3))
                  .addItems(Item.newBuilder().setSku("B-2"))
                  .putCatalog("a", Item.newBuilder().setSku("C-3").build())
                  .setColorValue(2)
                  .setNested(Nested.newBuilder().setLabel("n")))
          .build();

  static GrpcResponse ok(com.google.protobuf.Message message) {
    return GrpcResponse.of(
        "grpccontract.test.TestService/Echo", Status.OK, message, null, null, Duration.ZERO);
  }

  @Test
  void fieldReadsAValueByPath() {
    GrpcResponse response = ok(MESSAGE);

    assertThat(response.field("request.items[0].sku")).isEqualTo("A-1");
    assertThat(response.field("request.items[0].quantity")).isEqualTo(3);
    assertThat(response.field("request.items[1].quantity")).isEqualTo(0);
    assertThat(response.field("request.catalog[\"a\"].sku")).isEqualTo("C-3");
    assertThat(response.field("request.color")).isEqualTo("GREEN");
    assertThat(response.field("request.nested.label")).isEqualTo("n");
    assertThat(response.field("text")).isEqualTo("line one");
    assertThat(response.field("request.items"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .hasSize(2);
    assertThat(response.field("request.catalog"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsOnlyKeys("a");
  }

  @Test
  void fieldPathThatDoesNotFitTheTypeNamesTheClosestField() {
    GrpcResponse response = ok(MESSAGE);

    assertThatThrownBy(() -> response.field("request.itms[0].sku"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("grpccontract.test.EchoRequest has no field \"itms\"")
        .hasMessageContaining("the closest is items");
    assertThatThrownBy(() -> response.field("request.items[0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Malformed field path");
    assertThatThrownBy(() -> response.field("request.catalog[a]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a string key is written in quotes");
  }

  @Test
  void fieldPathThatDoesNotFitTheDataSaysWhatIsThere() {
    GrpcResponse response = ok(MESSAGE);

    assertThatThrownBy(() -> response.field("request.items[5].sku"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("request.items has 2 elements, no [5]");
    assertThatThrownBy(() -> response.field("request.catalog[\"zz\"]"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("request.catalog has no key \"zz\"");
  }

  @Test
  void fieldOfAFailedCallNamesTheStatus() {
    GrpcResponse failed =
        GrpcResponse.of(
            "grpccontract.test.TestService/Echo",
            Status.NOT_FOUND.withDescription("gone"),
            null,
            null,
            null,
            Duration.ZERO);

    assertThatThrownBy(() -> failed.field("text"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NOT_FOUND (gone)");
  }

  @Test
  void jsonIsPrettyAndToStringIsOneCompactLine() {
    GrpcResponse response = ok(MESSAGE);

    assertThat(response.json()).contains("\n  \"text\": \"line one\"");
    assertThat(response.toString())
        .doesNotContain("\n")
        .contains("{\"text\":\"line one\",\"request\":{")
        .startsWith("GrpcResponse{grpccontract.test.TestService/Echo OK, message=");
  }

  @Test
  void toStringStaysOneLineWithALineBreakInTheDescription() {
    GrpcResponse failed =
        GrpcResponse.of(
            "grpccontract.test.TestService/Echo",
            Status.INVALID_ARGUMENT.withDescription("first\nsecond"),
            null,
            null,
            null,
            Duration.ZERO);

    assertThat(failed.toString())
        .isEqualTo(
            "GrpcResponse{grpccontract.test.TestService/Echo INVALID_ARGUMENT \"first\\nsecond\","
                + " duration=0ms}");
  }

  @Test
  void toStringStaysOneLineForAMessageJsonCannotPrint() {
    Struct struct =
        Struct.newBuilder()
            .putFields("x", Value.newBuilder().setNumberValue(Double.NaN).build())
            .putFields(
                "list",
                Value.newBuilder()
                    .setListValue(
                        ListValue.newBuilder().addValues(Value.newBuilder().setStringValue("a")))
                    .build())
            .build();
    GrpcResponse response = ok(struct);

    assertThat(response.toString())
        .doesNotContain("\n")
        .contains("message=fields { key: \"list\" value { list_value {");
    assertThat(response.json()).contains("number_value: NaN");
  }

  @Test
  void streamResponseToStringIsOneLine() {
    StreamResponse stream =
        StreamResponse.of(
            "grpccontract.test.TestService/Repeat",
            Status.ABORTED.withDescription("a\nb"),
            List.of(MESSAGE, MESSAGE),
            null,
            null,
            Duration.ZERO,
            false);

    assertThat(stream.toString()).doesNotContain("\n").contains("ABORTED \"a\\nb\", 2 messages");
    assertThat(stream.json()).first().asString().contains("\n");
  }
}
