package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static dev.grpccontract.assertj.TestProtos.ORDER;
import static dev.grpccontract.assertj.TestProtos.message;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Field;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Field paths on the message assertion: values, presence, sizes, extraction, bad paths. */
class ProtoMessageFieldPathTest {

  static final DynamicMessage ORDER_1 =
      message(
          ORDER,
          """
          {"id": "o-1",
           "items": [{"sku": "A", "quantity": 2}, {"sku": "B"}],
           "labels": {"env": "prod", "team": "shop"},
           "shipTo": {"city": "Oslo"},
           "priority": 0,
           "state": "OPEN",
           "payload": "AQI=",
           "stock": {"7": {"sku": "S7", "quantity": 70}},
           "createdAt": "2024-05-01T10:00:00Z",
           "email": "a@b.c",
           "tags": ["x", "y"]}
          """);

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertError(
      Throwable error) {
    return org.assertj.core.api.Assertions.assertThat(error);
  }

  @Test
  void hasFieldComparesScalarsByProtobufMeaning() {
    assertThat(ORDER_1)
        .hasField("id", "o-1")
        .hasField("items[0].sku", "A")
        .hasField("items[0].quantity", 2)
        .hasField("items[0].quantity", 2L)
        .hasField("items[0].quantity", BigInteger.TWO)
        .hasField("items[1].quantity", 0)
        .hasField("ship_to.city", "Oslo")
        .hasField("state", "OPEN")
        .hasField("state", 1)
        .hasField("payload", ByteString.copyFrom(new byte[] {1, 2}))
        .hasField("payload", new byte[] {1, 2})
        .hasField("priority", 0)
        .hasField("tags[1]", "y")
        .hasField("tags", List.of("x", "y"));
  }

  @Test
  void hasFieldReadsMapsByKey() {
    assertThat(ORDER_1)
        .hasField("labels[\"env\"]", "prod")
        .hasField("stock[7].sku", "S7")
        .hasField("stock[7]", "{\"sku\": \"S7\", \"quantity\": 70}")
        .hasField("labels", Map.of("env", "prod", "team", "shop"));
  }

  @Test
  void hasFieldComparesMessagesAsMessagesOrJson() {
    assertThat(ORDER_1)
        .hasField("shipTo", "{\"city\": \"Oslo\"}")
        .hasField("items[1]", message(TestProtos.ITEM, "{\"sku\": \"B\"}"))
        .hasField("createdAt", "2024-05-01T10:00:00Z")
        .hasField("createdAt", "\"2024-05-01T10:00:00Z\"");
  }

  @Test
  void hasFieldTakesGeneratedEnumsOnGeneratedMessages() {
    Field field =
        Field.newBuilder().setName("sku").setKind(Field.Kind.TYPE_STRING).setNumber(1).build();

    assertThat(field)
        .hasField("kind", Field.Kind.TYPE_STRING)
        .hasField("kind", "TYPE_STRING")
        .hasField("kind", Field.Kind.TYPE_STRING.getValueDescriptor())
        .hasField("number", 1);
  }

  @Test
  void hasFieldFailureShowsPathExpectedAndActual() {
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () -> assertThat(ORDER_1).as("order").hasField("items[0].sku", "B"));

    assertError(error)
        .hasMessageStartingWith(
            String.format(
                "[order] %nExpecting message field:%n  items[0].sku%nto be:%n  \"B\"%n"
                    + "but was:%n  \"A\"%nactual message:%n  {%n    \"id\": \"o-1\","));
    org.assertj.core.api.Assertions.assertThat(error.getExpected().getValue()).isEqualTo("\"B\"");
    org.assertj.core.api.Assertions.assertThat(error.getActual().getValue()).isEqualTo("\"A\"");
  }

  @Test
  void hasFieldFailsWhenThePathDoesNotExistInTheData() {
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(ORDER_1).hasField("items[5].sku", "A")))
        .hasMessageStartingWith(
            String.format(
                "%nExpecting message to have field:%n  items[5].sku%n"
                    + "but items has 2 elements, no [5]%n"));
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(ORDER_1).hasField("labels[\"owner\"]", "me")))
        .hasMessageContaining("but labels has no key \"owner\"");
    DynamicMessage empty = message(ORDER, "{}");
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class, () -> assertThat(empty).hasField("shipTo.city", "")))
        .hasMessageContaining("but shipTo is not set");
  }

  @Test
  void hasFieldWithAWrongKindOfValueIsAMistakeInTheTest() {
    assertError(catchThrowable(() -> assertThat(ORDER_1).hasField("items[0].quantity", "2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The expected value \"2\" (String) cannot be a value of quantity, a int32 field: pass"
                + " an integral number (int, long or BigInteger).");
    assertError(catchThrowable(() -> assertThat(ORDER_1).hasField("state", "OPENED")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("its values are STATE_UNSPECIFIED, OPEN, CLOSED");
  }

  @Test
  void badPathsNameTheSegmentAndTheClosestFields() {
    assertError(catchThrowable(() -> assertThat(ORDER_1).hasField("items[0].skuu", "A")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Field path \"items[0].skuu\": shop.Item has no field \"skuu\" (at items[0].skuu);"
                + " the closest is sku. Fix the path in the test.");
    assertError(catchThrowable(() -> assertThat(ORDER_1).hasField("shipto.city", "Oslo")))
        .hasMessageContaining("the closest is shipTo");
    assertError(catchThrowable(() -> assertThat(ORDER_1).hasField("items.sku", "A")))
        .hasMessage(
            "Field path \"items.sku\": items is a repeated field: select one element, e.g."
                + " items[0]. Fix the path in the test.");
    assertError(catchThrowable(() -> assertThat(ORDER_1).hasField("id.value", "A")))
        .hasMessage(
            "Field path \"id.value\": id is a string field, it has no field \"value\". Fix the"
                + " path in the test.");
    assertError(catchThrowable(() -> assertThat(ORDER_1).hasField("labels[env]", "prod")))
        .hasMessageContaining("labels is a map with string keys");
    assertError(catchThrowable(() -> assertThat(ORDER_1).hasField("id[0]", "x")))
        .hasMessageContaining("id is not a repeated or map field");
    assertError(catchThrowable(() -> assertThat(ORDER_1).hasField("items[0", "x")))
        .hasMessageStartingWith("Malformed field path \"items[0\"");
  }

  @Test
  void hasFieldChecksPresence() {
    assertThat(ORDER_1).hasField("priority").hasField("shipTo").hasField("items[1]").hasField("id");
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class, () -> assertThat(ORDER_1).hasField("phone")))
        .hasMessageStartingWith(
            String.format("%nExpecting message to have field:%n  phone%nbut it is not set%n"));
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class, () -> assertThat(ORDER_1).hasField("count")))
        .hasMessageContaining(
            "but it has its default value 0 (a proto3 field without presence is absent when"
                + " default)");
  }

  @Test
  void doesNotHaveFieldIsPresenceAware() {
    DynamicMessage empty = message(ORDER, "{}");
    assertThat(empty)
        .doesNotHaveField("priority")
        .doesNotHaveField("shipTo")
        .doesNotHaveField("shipTo.city")
        .doesNotHaveField("items")
        .doesNotHaveField("items[0].sku")
        .doesNotHaveField("labels[\"env\"]")
        .doesNotHaveField("count")
        .doesNotHaveField("email");
    assertThat(ORDER_1).doesNotHaveField("phone").doesNotHaveField("count");
  }

  @Test
  void doesNotHaveFieldFailureShowsTheValue() {
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class, () -> assertThat(ORDER_1).doesNotHaveField("priority")))
        .hasMessageStartingWith(
            String.format(
                "%nExpecting message not to have field:%n  priority%nbut it has:%n  0%n"));
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class, () -> assertThat(ORDER_1).doesNotHaveField("shipTo")))
        .hasMessageContaining(String.format("but it has:%n  {\"city\":\"Oslo\"}%n"));
  }

  @Test
  void hasRepeatedFieldSizeCountsElementsAndEntries() {
    assertThat(ORDER_1)
        .hasRepeatedFieldSize("items", 2)
        .hasRepeatedFieldSize("labels", 2)
        .hasRepeatedFieldSize("tags", 2);
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(ORDER_1).hasRepeatedFieldSize("tags", 3)))
        .hasMessageStartingWith(
            String.format(
                "%nExpecting message field:%n  tags%nto have 3 elements but it has 2 elements:%n"
                    + "  [\"x\", \"y\"]%n"));
    assertError(catchThrowable(() -> assertThat(ORDER_1).hasRepeatedFieldSize("id", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not end with a repeated or map field");
  }

  @Test
  void hasFieldSatisfyingGivesTheValueAsTestsSeeIt() {
    assertThat(ORDER_1)
        .hasFieldSatisfying(
            "state", value -> org.assertj.core.api.Assertions.assertThat(value).isEqualTo("OPEN"))
        .hasFieldSatisfying(
            "labels",
            value ->
                org.assertj.core.api.Assertions.assertThat(value)
                    .isEqualTo(Map.of("env", "prod", "team", "shop")))
        .hasFieldSatisfying(
            "items[0].quantity",
            value -> org.assertj.core.api.Assertions.assertThat(value).isEqualTo(2));
  }

  @Test
  void extractingFieldReturnsAnAssertionOnTheValueKeepingTheDescription() {
    assertThat(ORDER_1)
        .extractingField("tags")
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .containsExactly("x", "y");
    assertThat(ORDER_1).extractingField("stock[7].quantity").isEqualTo(70);

    assertError(
            catchThrowableOfType(
                AssertionError.class,
                () -> assertThat(ORDER_1).as("order").extractingField("id").isEqualTo("o-2")))
        .hasMessageStartingWith("[order message field id] ");
  }
}
