package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.ComparisonSettingsProtoTruthTest.READING;
import static dev.grpccontract.assertj.ComparisonSettingsProtoTruthTest.TYPES;
import static dev.grpccontract.assertj.ComparisonSettingsProtoTruthTest.reading;
import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.common.truth.extensions.proto.FieldScopes;
import com.google.common.truth.extensions.proto.ProtoFluentAssertion;
import com.google.common.truth.extensions.proto.ProtoTruth;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.Message;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Cases where the message assertion once disagreed with ProtoTruth: each checks the verdict both
 * give (ProtoTruth unpacking {@code Any} with the same types) and, where it matters, our failure
 * message.
 */
class ProtoTruthParityTest {

  /** Asserts that ProtoTruth and the message assertion both give {@code verdict}. */
  static void sameVerdict(
      boolean verdict,
      Message expected,
      Message actual,
      UnaryOperator<ProtoMessageAssert> ours,
      UnaryOperator<ProtoFluentAssertion> theirs) {
    boolean truthPasses =
        passes(
            () ->
                theirs
                    .apply(
                        ProtoTruth.assertThat(actual)
                            .unpackingAnyUsing(TYPES, ExtensionRegistry.getEmptyRegistry()))
                    .isEqualTo(expected));
    boolean oursPasses =
        passes(() -> ours.apply(assertThat(actual).unpackingAnyUsing(TYPES)).isEqualTo(expected));
    org.assertj.core.api.Assertions.assertThat(truthPasses)
        .as("ProtoTruth passes")
        .isEqualTo(verdict);
    org.assertj.core.api.Assertions.assertThat(oursPasses).as("ours passes").isEqualTo(verdict);
  }

  static void sameVerdict(boolean verdict, Message expected, Message actual) {
    sameVerdict(verdict, expected, actual, a -> a, t -> t);
  }

  static boolean passes(Runnable check) {
    try {
      check.run();
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  static Any any(String typeUrl, Message content) {
    return Any.newBuilder().setTypeUrl(typeUrl).setValue(content.toByteString()).build();
  }

  static final Message ONE = reading("{\"value\": 1}");

  // ------------------------------------------------------------------ Any

  @Test
  void anyTypeUrlsWithDifferentPrefixesDiffer() {
    Message expected =
        reading("{}").toBuilder()
            .setField(
                READING.findFieldByName("extra"), any("type.googleapis.com/metrics.Reading", ONE))
            .build();
    Message actual =
        reading("{}").toBuilder()
            .setField(READING.findFieldByName("extra"), any("example.com/metrics.Reading", ONE))
            .build();

    sameVerdict(false, expected, actual);
    sameVerdict(
        false,
        expected,
        actual,
        ProtoMessageAssert::comparingExpectedFieldsOnly,
        ProtoFluentAssertion::comparingExpectedFieldsOnly);
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(() -> assertThat(actual).isEqualTo(expected)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining(
            String.format(
                "but 1 field differs:%n  extra.typeUrl: expected"
                    + " \"type.googleapis.com/metrics.Reading\" but was"
                    + " \"example.com/metrics.Reading\"%n"));
  }

  @Test
  void ignoringAnyTypeUrlPrefixesComparesTheContentOnly() {
    Message expected =
        reading("{}").toBuilder()
            .setField(
                READING.findFieldByName("extra"), any("type.googleapis.com/metrics.Reading", ONE))
            .build();
    Message actual =
        reading("{}").toBuilder()
            .setField(READING.findFieldByName("extra"), any("example.com/metrics.Reading", ONE))
            .build();

    assertThat(actual).ignoringAnyTypeUrlPrefixes().isEqualTo(expected);
    // Not unpacked (an empty registry), the packed bytes still compare.
    assertThat(actual)
        .unpackingAnyUsing(com.google.protobuf.TypeRegistry.getEmptyTypeRegistry())
        .ignoringAnyTypeUrlPrefixes()
        .isEqualTo(expected);
    Message other =
        reading("{}").toBuilder()
            .setField(
                READING.findFieldByName("extra"),
                any("example.com/metrics.Reading", reading("{\"value\": 2}")))
            .build();
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(
                () -> assertThat(other).ignoringAnyTypeUrlPrefixes().isEqualTo(expected)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("extra.value: expected 1.0 but was 2.0")
        .hasMessageEndingWith("compared ignoring Any type URL prefixes");
  }

  @Test
  void aRootAnyIsUnpackedWithUnpackingAnyUsing() {
    Any expected = any("type.googleapis.com/metrics.Reading", ONE);
    Any actual = any("type.googleapis.com/metrics.Reading", reading("{\"value\": 1.001}"));

    sameVerdict(
        true,
        expected,
        actual,
        a -> a.usingDoubleTolerance(0.01),
        t -> t.usingDoubleTolerance(0.01));
    sameVerdict(false, expected, actual);
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(() -> assertThat(actual).unpackingAnyUsing(TYPES).isEqualTo(expected)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining(
            String.format("but 1 field differs:%n  value: expected 1.0 but was 1.001%n"));
  }

  // ------------------------------------------------------------------ ignoring fields

  @Test
  void ignoringAMapEntrysValueDescriptorLeavesNothingOfTheMapToCompare() {
    FieldDescriptor value =
        READING.findFieldByName("by_name").getMessageType().findFieldByName("value");
    FieldDescriptor key =
        READING.findFieldByName("by_name").getMessageType().findFieldByName("key");
    Message expected = reading("{\"byName\": {\"a\": {\"value\": 1}}}");
    Message otherValue = reading("{\"byName\": {\"a\": {\"value\": 2}}}");
    Message otherKey = reading("{\"byName\": {\"b\": {\"value\": 1}}}");

    sameVerdict(
        true,
        expected,
        otherValue,
        a -> a.ignoringFieldDescriptors(value),
        t -> t.ignoringFieldDescriptors(value));
    sameVerdict(
        true,
        expected,
        otherKey,
        a -> a.ignoringFieldDescriptors(value),
        t -> t.ignoringFieldDescriptors(value));
    sameVerdict(
        false,
        expected,
        otherKey,
        a -> a.ignoringFieldDescriptors(key),
        t -> t.ignoringFieldDescriptors(key));
    sameVerdict(
        false,
        expected,
        otherValue,
        a -> a.ignoringFieldDescriptors(key),
        t -> t.ignoringFieldDescriptors(key));
  }

  @Test
  void ignoringFieldsByPathInsideAWellKnownType() {
    Message expected =
        TestProtos.message(TestProtos.ORDER, "{\"createdAt\": \"2024-05-01T10:00:00.100Z\"}");
    Message otherNanos =
        TestProtos.message(TestProtos.ORDER, "{\"createdAt\": \"2024-05-01T10:00:00.200Z\"}");
    Message otherSeconds =
        TestProtos.message(TestProtos.ORDER, "{\"createdAt\": \"2024-05-01T10:00:01.100Z\"}");
    FieldDescriptor nanos = com.google.protobuf.Timestamp.getDescriptor().findFieldByName("nanos");

    sameVerdict(
        true,
        expected,
        otherNanos,
        a -> a.ignoringFields("createdAt.nanos"),
        t -> t.ignoringFieldDescriptors(nanos));
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(
                () ->
                    assertThat(otherSeconds).ignoringFields("createdAt.nanos").isEqualTo(expected)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining(
            "createdAt: expected \"2024-05-01T10:00:00.100Z\" but was \"2024-05-01T10:00:01.100Z\"");
  }

  @Test
  void ignoringFieldsByExtensionPathAsDifferencesNameIt() {
    FieldDescriptor weight = ComparisonSettingsProtoTruthTest.LEGACY.findExtensionByName("weight");
    Message three = ComparisonSettingsProtoTruthTest.box(true);
    Message four = three.toBuilder().setField(weight, 4).build();

    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(() -> assertThat(four).isEqualTo(three)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("[legacy.weight]: expected 3 but was 4");
    sameVerdict(
        true,
        three,
        four,
        a -> a.ignoringFields("[legacy.weight]"),
        t -> t.ignoringFieldDescriptors(weight));
    assertThat(four).hasField("[legacy.weight]", 4).ignoringFields("name", "[.legacy.weight]");
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(() -> assertThat(four).hasField("[legacy.height]", 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Field path \"[legacy.height]\": no extension legacy.height of legacy.Box is declared in"
                + " legacy.proto or the files it imports. Fix the path in the test.");
  }

  @Test
  void isEqualToJsonResolvesAnyTypesWithAProtobufTypeRegistry() {
    com.google.protobuf.TypeRegistry items =
        com.google.protobuf.TypeRegistry.newBuilder().add(TestProtos.ITEM).build();
    Message actual =
        reading("{}").toBuilder()
            .setField(
                READING.findFieldByName("extra"),
                any(
                    "type.googleapis.com/shop.Item",
                    TestProtos.message(TestProtos.ITEM, "{\"sku\": \"A\"}")))
            .build();

    assertThat(actual)
        .unpackingAnyUsing(items)
        .isEqualToJson(
            "{\"extra\": {\"@type\": \"type.googleapis.com/shop.Item\", \"sku\": \"A\"}}")
        .conformsToJson(
            "{\"extra\": {\"@type\": \"type.googleapis.com/shop.Item\", \"sku\": \"A\"}}")
        .isNotEqualToJson(
            "{\"extra\": {\"@type\": \"type.googleapis.com/shop.Item\", \"sku\": \"B\"}}");
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(
                () ->
                    assertThat(actual)
                        .unpackingAnyUsing(items)
                        .isEqualToJson(
                            "{\"extra\": {\"@type\": \"type.googleapis.com/shop.Item\", \"sku\":"
                                + " \"B\"}}")))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining(
            String.format(
                "Expecting message to be equal by protobuf meaning to:%n"
                    + "  {\"extra\":{\"@type\":\"type.googleapis.com/shop.Item\",\"sku\":\"B\"}}%n"
                    + "but 1 field differs:%n"
                    + "  extra.sku: expected \"B\" but was \"A\"%n"))
        .hasMessageContaining("\"@type\": \"type.googleapis.com/shop.Item\"");
  }

  // ------------------------------------------------------------------ comparingExpectedFieldsOnly

  @Test
  void comparingExpectedFieldsOnlyScopesEveryElementByTheFieldsOfAllExpectedElements() {
    Message expected = reading("{\"history\": [{\"value\": 2}, {\"unit\": \"m\"}]}");
    Message actual =
        reading(
            "{\"history\": [{\"value\": 2, \"unit\": \"x\"}, {\"value\": 9, \"unit\": \"m\"}]}");

    sameVerdict(
        false,
        expected,
        actual,
        ProtoMessageAssert::comparingExpectedFieldsOnly,
        ProtoFluentAssertion::comparingExpectedFieldsOnly);
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(
                () -> assertThat(actual).comparingExpectedFieldsOnly().isEqualTo(expected)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining(
            String.format(
                "but 2 fields differ:%n"
                    + "  history[0].unit: expected \"\" but was \"x\"%n"
                    + "  history[1].value: expected 0.0 but was 9.0%n"));
    // Each element scoped by its own expected fields: conformsToJson.
    assertThat(actual).conformsToJson("{\"history\": [{\"value\": 2}, {\"unit\": \"m\"}]}");
  }

  @Test
  void comparingExpectedFieldsOnlyScopesEveryMapValueByTheFieldsOfAllExpectedValues() {
    Message expected = reading("{\"byName\": {\"a\": {\"value\": 1}, \"b\": {\"unit\": \"m\"}}}");
    Message actual =
        reading(
            "{\"byName\": {\"a\": {\"value\": 1, \"unit\": \"x\"}, \"b\": {\"unit\": \"m\", \"value\":"
                + " 5}}}");

    sameVerdict(
        false,
        expected,
        actual,
        ProtoMessageAssert::comparingExpectedFieldsOnly,
        ProtoFluentAssertion::comparingExpectedFieldsOnly);
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(
                () -> assertThat(actual).comparingExpectedFieldsOnly().isEqualTo(expected)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining(
            String.format(
                "but 2 fields differ:%n"
                    + "  byName[\"a\"].unit: expected \"\" but was \"x\"%n"
                    + "  byName[\"b\"].value: expected 0.0 but was 5.0%n"));
    assertThat(actual)
        .conformsToJson("{\"byName\": {\"a\": {\"value\": 1}, \"b\": {\"unit\": \"m\"}}}");
  }

  // ------------------------------------------------------------------ per-field settings

  @Test
  void usingDoubleToleranceForAPathAppliesThereOnly() {
    Message expected = reading("{\"child\": {\"value\": 1}, \"value\": 1}");
    Message childOff = reading("{\"child\": {\"value\": 1.2}, \"value\": 1}");
    Message rootOff = reading("{\"child\": {\"value\": 1}, \"value\": 1.2}");

    assertThat(childOff).usingDoubleToleranceFor(0.5, "child.value").isEqualTo(expected);
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(
                () ->
                    assertThat(rootOff)
                        .usingDoubleToleranceFor(0.5, "child.value")
                        .isEqualTo(expected)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining(
            String.format("but 1 field differs:%n  value: expected 1.0 but was 1.2%n"))
        .hasMessageEndingWith("compared double tolerance 0.5 of [child.value]");
    // The descriptor form applies wherever the field occurs, as in ProtoTruth.
    FieldDescriptor value = READING.findFieldByName("value");
    sameVerdict(
        true,
        expected,
        rootOff,
        a -> a.usingDoubleToleranceForFieldDescriptors(0.5, value),
        t -> t.usingDoubleToleranceForFieldDescriptors(0.5, value));
    // The tolerance given last wins.
    assertThat(rootOff)
        .usingDoubleTolerance(0.01)
        .usingDoubleToleranceFor(0.5, "value")
        .isEqualTo(expected);
  }

  @Test
  void ignoringRepeatedFieldOrderOfAPathKeepsTheOrderElsewhere() {
    Message expected =
        reading("{\"history\": [{\"value\": 1}, {\"value\": 2}], \"samples\": [1, 2]}");
    Message historyReordered =
        reading("{\"history\": [{\"value\": 2}, {\"value\": 1}], \"samples\": [1, 2]}");
    Message samplesReordered =
        reading("{\"history\": [{\"value\": 1}, {\"value\": 2}], \"samples\": [2, 1]}");

    assertThat(historyReordered).ignoringRepeatedFieldOrderOf("history").isEqualTo(expected);
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(
                () ->
                    assertThat(samplesReordered)
                        .ignoringRepeatedFieldOrderOf("history")
                        .isEqualTo(expected)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("samples[0]: expected 1.0 but was 2.0")
        .hasMessageEndingWith("compared ignoring repeated field order of [history]");
  }

  @Test
  void ignoringFieldAbsenceOfAPathAppliesToThatFieldOnly() {
    FieldDescriptor child = READING.findFieldByName("child");
    sameVerdict(
        true,
        reading("{\"child\": {}}"),
        reading("{}"),
        a -> a.ignoringFieldAbsenceOf("child"),
        t -> t.ignoringFieldAbsenceOfFieldDescriptors(child));
    sameVerdict(
        false,
        reading("{\"child\": {\"note\": \"\"}}"),
        reading("{\"child\": {}}"),
        a -> a.ignoringFieldAbsenceOf("child"),
        t -> t.ignoringFieldAbsenceOfFieldDescriptors(child));
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(
                () ->
                    assertThat(reading("{\"child\": {}}"))
                        .ignoringFieldAbsenceOf("child")
                        .isEqualTo(reading("{\"child\": {\"note\": \"\"}}"))))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("child.note: missing (expected \"\")")
        .hasMessageEndingWith("compared ignoring field absence of [child]");
  }

  @Test
  void ignoringExtraRepeatedFieldElementsKeepsTheRelativeOrder() {
    Message expected = reading("{\"samples\": [1, 2], \"history\": [{}]}");
    Message extraInOrder = reading("{\"samples\": [1, 3, 2], \"history\": [{}]}");
    Message extraOutOfOrder = reading("{\"samples\": [2, 1, 3], \"history\": [{}]}");

    sameVerdict(
        true,
        expected,
        extraInOrder,
        a -> a.ignoringExtraRepeatedFieldElementsOf("samples"),
        t -> t.ignoringExtraRepeatedFieldElementsOfFields(3));
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(
                () ->
                    assertThat(extraOutOfOrder)
                        .ignoringExtraRepeatedFieldElements()
                        .isEqualTo(expected)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining(
            String.format(
                "but 1 field differs:%n"
                    + "  samples[1]: missing in order among extra elements (expected 2.0)%n"))
        .hasMessageEndingWith("compared ignoring extra repeated field elements");
    assertThat(extraOutOfOrder)
        .ignoringExtraRepeatedFieldElements()
        .ignoringRepeatedFieldOrder()
        .isEqualTo(expected);
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(
                () ->
                    assertThat(reading("{\"samples\": [1, 2], \"history\": [{}, {}]}"))
                        .ignoringExtraRepeatedFieldElementsOf("samples")
                        .isEqualTo(expected)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("history[1]: unexpected (was {})");
  }

  @Test
  void perFieldSettingsNameFieldsOfTheRightKind() {
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(() -> assertThat(ONE).usingDoubleToleranceFor(0.1, "unit")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Field path \"unit\" names string field metrics.Reading.unit, not a double field. Fix"
                + " the path in the test.");
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(
                () ->
                    assertThat(ONE)
                        .ignoringRepeatedFieldOrderOfFieldDescriptors(
                            READING.findFieldByName("unit"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metrics.Reading.unit is a string field, not a repeated field");
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(() -> assertThat(ONE).ignoringExtraRepeatedFieldElementsOf("histroy")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the closest is history");
  }

  // ------------------------------------------------------------------ field scopes

  @Test
  void comparingOnlyFieldsComparesTheSelectedFieldsAndTheWayToThem() {
    FieldDescriptor unit = READING.findFieldByName("unit");
    Message expected = reading("{\"history\": [{\"unit\": \"m\"}], \"value\": 1}");
    Message extraElementWithoutUnit =
        reading("{\"history\": [{\"unit\": \"m\", \"value\": 3}, {\"value\": 4}], \"value\": 2}");
    Message otherUnit = reading("{\"history\": [{\"unit\": \"x\"}], \"value\": 1}");

    sameVerdict(
        true,
        expected,
        extraElementWithoutUnit,
        a -> a.comparingOnlyFields("history.unit"),
        t -> t.withPartialScope(FieldScopes.allowingFieldDescriptors(unit)));
    sameVerdict(
        false,
        expected,
        otherUnit,
        a -> a.comparingOnlyFields("history.unit"),
        t -> t.withPartialScope(FieldScopes.allowingFieldDescriptors(unit)));
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(
                () ->
                    assertThat(otherUnit).comparingOnlyFields("history.unit").isEqualTo(expected)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining(
            String.format(
                "but 1 field differs:%n  history[0].unit: expected \"m\" but was \"x\"%n"))
        .hasMessageEndingWith("compared only fields [history.unit]");
    // A whole field: everything inside it counts, extra elements too.
    sameVerdict(
        false,
        expected,
        extraElementWithoutUnit,
        a -> a.comparingOnlyFields("history"),
        t ->
            t.withPartialScope(
                FieldScopes.allowingFieldDescriptors(READING.findFieldByName("history"))));
  }

  @Test
  void comparingOnlyFieldsSelectsOneElementOrEntry() {
    Message expected =
        TestProtos.message(
            TestProtos.ORDER,
            "{\"items\": [{\"sku\": \"A\"}, {\"sku\": \"B\"}], \"labels\": {\"env\": \"prod\"}}");
    Message actual =
        TestProtos.message(
            TestProtos.ORDER,
            "{\"id\": \"o\", \"items\": [{\"sku\": \"A\"}, {\"sku\": \"C\"}], \"labels\": {\"env\":"
                + " \"prod\", \"team\": \"x\"}}");

    assertThat(actual).comparingOnlyFields("items[0]", "labels[\"env\"]").isEqualTo(expected);
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(
                () -> assertThat(actual).comparingOnlyFields("items.sku").isEqualTo(expected)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining(
            String.format("but 1 field differs:%n  items[1].sku: expected \"B\" but was \"C\"%n"));
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(() -> assertThat(actual).comparingOnlyFields("itmes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the closest is items");
  }

  @Test
  void reportingMismatchesOnlyLeavesTheMessagesOutOfTheFailureMessage() {
    Message expected = reading("{\"value\": 1, \"unit\": \"m\", \"note\": \"n\"}");
    Message actual = reading("{\"value\": 2, \"unit\": \"m\", \"note\": \"n\"}");

    sameVerdict(
        false,
        expected,
        actual,
        ProtoMessageAssert::reportingMismatchesOnly,
        ProtoFluentAssertion::reportingMismatchesOnly);
    AssertionFailedError error =
        (AssertionFailedError)
            catchThrowable(
                () ->
                    assertThat(actual)
                        .reportingMismatchesOnly()
                        .ignoringFields("note")
                        .isEqualTo(expected));
    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessage(
            String.format(
                "%nExpecting message to be equal by protobuf meaning to the expected message, but 1"
                    + " field differs:%n"
                    + "  value: expected 1.0 but was 2.0%n"
                    + "compared ignoring fields [note]"));
    org.assertj.core.api.Assertions.assertThat(error.getExpected().getStringRepresentation())
        .contains("\"unit\": \"m\"");
  }
}
