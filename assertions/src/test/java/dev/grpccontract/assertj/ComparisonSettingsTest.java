package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static dev.grpccontract.assertj.TestProtos.ITEM;
import static dev.grpccontract.assertj.TestProtos.ORDER;
import static dev.grpccontract.assertj.TestProtos.message;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Any;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.client.GrpcResponse;
import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Comparison settings and partial matches: what they accept and how failures read. */
class ComparisonSettingsTest {

  static final DynamicMessage ACTUAL =
      message(
          ORDER,
          "{\"id\": \"o-1\", \"count\": 5, \"items\": [{\"sku\": \"A\", \"quantity\": 1},"
              + " {\"sku\": \"B\", \"quantity\": 2}], \"labels\": {\"env\": \"prod\", \"team\":"
              + " \"shop\"}}");

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertError(
      Throwable error) {
    return org.assertj.core.api.Assertions.assertThat(error);
  }

  @Test
  void ignoringFieldsWithoutIndexesSkipsTheFieldInEveryElement() {
    String expected =
        "{\"id\": \"o-1\", \"count\": 5, \"items\": [{\"sku\": \"X\", \"quantity\": 1},"
            + " {\"sku\": \"Y\", \"quantity\": 2}], \"labels\": {\"env\": \"prod\", \"team\":"
            + " \"shop\"}}";
    assertThat(ACTUAL).ignoringFields("items.sku").isEqualToJson(expected);

    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(ACTUAL).ignoringFields("items[0].sku").isEqualToJson(expected)))
        .hasMessageContaining(
            String.format("but 1 field differs:%n  items[1].sku: expected \"Y\" but was \"B\"%n"))
        .hasMessageEndingWith("compared ignoring fields [items[0].sku]");
  }

  @Test
  void ignoringFieldsWithATypoIsAMistakeInTheTest() {
    assertError(catchThrowable(() -> assertThat(ACTUAL).ignoringFields("items.skew")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Field path \"items.skew\": shop.Item has no field \"skew\" (at items.skew); the"
                + " closest is sku. Fix the path in the test.");
  }

  @Test
  void ignoringRepeatedFieldOrderNamesTheElementsWithoutPartner() {
    String reordered =
        "{\"id\": \"o-1\", \"count\": 5, \"items\": [{\"sku\": \"B\", \"quantity\": 2},"
            + " {\"sku\": \"A\", \"quantity\": 1}], \"labels\": {\"team\": \"shop\", \"env\":"
            + " \"prod\"}}";
    assertThat(ACTUAL).ignoringRepeatedFieldOrder().isEqualToJson(reordered);

    String other = reordered.replace("\"quantity\": 2", "\"quantity\": 3");
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(ACTUAL).ignoringRepeatedFieldOrder().isEqualToJson(other)))
        .hasMessageContaining(
            String.format(
                "but 2 fields differ:%n"
                    + "  items[0]: missing in any order (expected {\"sku\":\"B\",\"quantity\":3})%n"
                    + "  items[1]: unexpected in any order (was {\"sku\":\"B\",\"quantity\":2})%n"))
        .hasMessageEndingWith("compared ignoring repeated field order");
  }

  @Test
  void comparingExpectedFieldsOnlyCannotExpectADefault() {
    assertThat(ACTUAL)
        .comparingExpectedFieldsOnly()
        .isEqualToJson(
            "{\"count\": 0, \"items\": [{\"sku\": \"A\"}, {\"sku\": \"B\"}], \"labels\": {\"env\":"
                + " \"prod\", \"team\": \"shop\"}}");
  }

  @Test
  void conformsToJsonComparesOnlyTheNamedFieldsDefaultsIncluded() {
    assertThat(ACTUAL)
        .conformsToJson("{\"id\": \"o-1\"}")
        .conformsToJson("{\"items\": [{\"sku\": \"A\"}, {\"quantity\": 2}]}")
        .conformsToJson("{\"labels\": {\"env\": \"prod\"}}")
        .conformsToJson("{\"shipTo\": null, \"priority\": null}");

    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () -> assertThat(ACTUAL).as("order").conformsToJson("{\"id\": \"o-1\", \"count\": 0}"));
    assertError(error)
        .hasMessageStartingWith(
            String.format(
                "[order] %nExpecting message to have the field values of (fields the JSON leaves"
                    + " out are not compared):%n  {\"id\":\"o-1\"}%n"
                    + "but 1 field differs:%n"
                    + "  count: expected 0 but was 5%n"
                    + "actual message:%n"));
  }

  @Test
  void conformsToJsonWantsTheSameNumberOfElementsAndOnlyTheNamedKeys() {
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(ACTUAL).conformsToJson("{\"items\": [{\"sku\": \"A\"}]}")))
        .hasMessageContaining("items[1]: unexpected (was {\"sku\":\"B\",\"quantity\":2})");
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(ACTUAL).conformsToJson("{\"labels\": {\"env\": \"dev\"}}")))
        .hasMessageContaining("labels[\"env\"]: expected \"dev\" but was \"prod\"")
        .hasMessageContaining("but 1 field differs");
    assertError(catchThrowable(() -> assertThat(ACTUAL).conformsToJson("{\"idd\": \"o-1\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit shop.Order at field idd");
  }

  @Test
  void conformsToJsonTakesTheOtherSettings() {
    assertThat(ACTUAL)
        .ignoringRepeatedFieldOrder()
        .conformsToJson("{\"items\": [{\"sku\": \"B\"}, {\"sku\": \"A\"}]}");
  }

  @Test
  void tolerancesMustBeZeroOrMore() {
    assertError(catchThrowable(() -> assertThat(ACTUAL).usingDoubleTolerance(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A tolerance is zero or more, not -1.0");
    assertError(catchThrowable(() -> assertThat(ACTUAL).usingFloatTolerance(Float.NaN)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anyFieldsOfSchemaTypesResolveWithTheResponseRegistry() {
    com.google.rpc.Status status =
        com.google.rpc.Status.newBuilder()
            .setCode(3)
            .addDetails(Any.pack(message(ITEM, "{\"sku\": \"A\", \"quantity\": 1}")))
            .build();
    GrpcResponse response =
        GrpcResponse.of(
            "shop.Admin/LastError",
            Status.OK,
            status,
            null,
            null,
            Duration.ZERO,
            JsonFormat.TypeRegistry.newBuilder().add(ITEM).build());

    assertThat(response)
        .hasMessageJson(
            "{\"code\": 3, \"details\": [{\"@type\": \"type.googleapis.com/shop.Item\", \"sku\":"
                + " \"A\", \"quantity\": 1}]}");
    assertThat(response)
        .message()
        .comparingExpectedFieldsOnly()
        .isEqualToJson(
            "{\"details\": [{\"@type\": \"type.googleapis.com/shop.Item\", \"sku\": \"A\"}]}");
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () ->
                    assertThat(response)
                        .hasMessageJson(
                            "{\"code\": 3, \"details\": [{\"@type\":"
                                + " \"type.googleapis.com/shop.Item\", \"sku\": \"B\","
                                + " \"quantity\": 1}]}")))
        .hasMessageContaining("details[0].sku: expected \"B\" but was \"A\"")
        .hasMessageContaining("\"@type\": \"type.googleapis.com/shop.Item\"");
  }

  @Test
  void ignoringMapEntriesByKeyAndFieldDescriptorsAnywhere() {
    String expected =
        "{\"id\": \"o-1\", \"count\": 5, \"items\": [{\"sku\": \"A\", \"quantity\": 7},"
            + " {\"sku\": \"B\", \"quantity\": 8}], \"labels\": {\"env\": \"dev\", \"team\":"
            + " \"shop\"}}";
    assertThat(ACTUAL)
        .ignoringFields("labels[\"env\"]")
        .ignoringFieldDescriptors(ITEM.findFieldByName("quantity"))
        .isEqualToJson(expected);

    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () ->
                    assertThat(ACTUAL)
                        .ignoringFieldDescriptors(ITEM.findFieldByName("quantity"))
                        .isEqualToJson(expected)))
        .hasMessageContaining(
            String.format(
                "but 1 field differs:%n  labels[\"env\"]: expected \"dev\" but was \"prod\"%n"))
        .hasMessageEndingWith("compared ignoring field descriptors [shop.Item.quantity]");
  }
}
