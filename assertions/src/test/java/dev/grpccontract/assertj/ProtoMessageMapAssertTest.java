package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.ComparisonSettingsProtoTruthTest.reading;
import static dev.grpccontract.assertj.GrpcAssertions.assertThatMessages;
import static dev.grpccontract.assertj.GrpcAssertions.thenMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.rpc.ErrorInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The map assertion compares values by protobuf meaning with the settings of the message assertion,
 * and says which key is missing, unexpected or has a different value. It is reached through {@code
 * assertThatMessages(map)}; {@code assertThat(map)} stays AssertJ's, typed by the value type.
 */
class ProtoMessageMapAssertTest {

  static final Message A = reading("{\"value\": 1, \"unit\": \"m\"}");
  static final Message B = reading("{\"value\": 2, \"unit\": \"m\"}");
  static final Message C = reading("{\"value\": 3}");

  private static Map<String, Message> map(Object... keysAndValues) {
    Map<String, Message> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], (Message) keysAndValues[i + 1]);
    }
    return map;
  }

  private static String failure(Runnable check) {
    Throwable error = catchThrowable(check::run);
    assertThat(error).isInstanceOf(AssertionError.class);
    return error.getMessage();
  }

  @Test
  void assertThatMessagesComparesValuesByMeaningAndAssertThatStaysAssertJs() throws Exception {
    ErrorInfo generated = ErrorInfo.newBuilder().setReason("QUOTA").build();
    DynamicMessage dynamic =
        DynamicMessage.parseFrom(ErrorInfo.getDescriptor(), generated.toByteString());
    Map<String, ErrorInfo> errors = Map.of("quota", generated);

    assertThatMessages(errors).containsEntry("quota", dynamic).containsValue(dynamic).hasSize(1);
    thenMessages(errors).containsExactlyInAnyOrderEntriesOf(Map.of("quota", dynamic));
    assertThat(Map.of("k", "v")).containsEntry("k", "v");
    assertThat(errors)
        .hasEntrySatisfying("quota", e -> assertThat(e.getReason()).isEqualTo("QUOTA"));
  }

  @Test
  void everyEntryCheckComparesValuesByMeaning() {
    Map<String, Message> actual = map("a", A, "b", B);
    Message sameAsA = reading("{\"unit\": \"m\", \"value\": 1.0}");

    assertThatMessages(actual)
        .containsEntry("a", sameAsA)
        .contains(entry("b", reading("{\"value\": 2, \"unit\": \"m\"}")))
        .containsAllEntriesOf(Map.of("a", sameAsA))
        .containsOnly(entry("b", B), entry("a", sameAsA))
        .containsExactly(entry("a", sameAsA), entry("b", B))
        .containsExactlyEntriesOf(map("a", sameAsA, "b", B))
        .containsExactlyInAnyOrderEntriesOf(map("b", B, "a", sameAsA))
        .containsAnyOf(entry("z", A), entry("a", sameAsA))
        .containsValues(B, sameAsA)
        .doesNotContainEntry("a", B)
        .doesNotContainEntry("z", A)
        .doesNotContain(entry("b", A))
        .doesNotContainValue(C);
  }

  @Test
  void theComparisonSettingsApplyToTheValues() {
    Map<String, Message> actual =
        map("a", reading("{\"value\": 1.0001, \"samples\": [1, 2], \"note\": \"x\"}"));

    assertThatMessages(actual)
        .comparingMessagesWith(
            m -> m.usingDoubleTolerance(0.01).ignoringRepeatedFieldOrder().ignoringFields("note"))
        .containsEntry("a", reading("{\"value\": 1, \"samples\": [2, 1]}"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("a", reading("{\"value\": 1, \"samples\": [2, 1]}")));
    assertThatMessages(actual)
        .comparingMessagesWith(ProtoMessageAssert::comparingExpectedFieldsOnly)
        .containsEntry("a", reading("{\"note\": \"x\"}"))
        .doesNotContainValue(reading("{\"note\": \"y\"}"));
    String message =
        failure(
            () ->
                assertThatMessages(actual)
                    .containsEntry("a", reading("{\"value\": 1, \"samples\": [2, 1]}")));
    assertThat(message).contains("the value of \"a\" differs:");
    assertThat(
            failure(
                () ->
                    assertThatMessages(map("a", C))
                        .comparingMessagesWith(ProtoMessageAssert::comparingExpectedFieldsOnly)
                        .containsEntry("a", B)))
        .contains("unit: expected \"m\" but was \"\"")
        .endsWith("compared comparing expected fields only");
  }

  @Test
  void containsEntryFailureNamesTheMissingKeyAndTheDifferingValue() {
    String message =
        failure(
            () -> assertThatMessages(map("a", A, "b", B)).contains(entry("a", B), entry("c", C)));

    assertThat(message)
        .startsWith(
            String.format(
                "%nExpecting map to contain (values by protobuf meaning):%n"
                    + "  \"a\" -> {\"value\":2.0,\"unit\":\"m\"}%n"
                    + "  \"c\" -> {\"value\":3.0}%n"
                    + "but:%n"
                    + "  the value of \"a\" differs: "))
        .contains(String.format("%n  there is no key \"c\"%n"))
        .endsWith(
            String.format(
                "actual entries:%n"
                    + "  \"a\" -> {\"value\":1.0,\"unit\":\"m\"}%n"
                    + "  \"b\" -> {\"value\":2.0,\"unit\":\"m\"}"));
  }

  @Test
  void containsExactlyInAnyOrderFailureNamesUnexpectedKeys() {
    String message =
        failure(
            () ->
                assertThatMessages(map("a", A, "b", B))
                    .containsExactlyInAnyOrderEntriesOf(map("a", A)));

    assertThat(message)
        .isEqualTo(
            String.format(
                "%nExpecting map to contain exactly, in any order (values by protobuf meaning):%n"
                    + "  \"a\" -> {\"value\":1.0,\"unit\":\"m\"}%n"
                    + "but:%n"
                    + "  the key \"b\" is not expected%n"
                    + "actual entries:%n"
                    + "  \"a\" -> {\"value\":1.0,\"unit\":\"m\"}%n"
                    + "  \"b\" -> {\"value\":2.0,\"unit\":\"m\"}"));
  }

  @Test
  void containsExactlyEntriesOfChecksTheKeyOrder() {
    Map<String, Message> sorted = new TreeMap<>(map("b", B, "a", A));

    assertThatMessages(sorted).containsExactlyInAnyOrderEntriesOf(map("b", B, "a", A));
    assertThat(
            failure(() -> assertThatMessages(sorted).containsExactlyEntriesOf(map("b", B, "a", A))))
        .contains(
            String.format(
                "but:%n  the keys are in the order [\"a\", \"b\"], not [\"b\", \"a\"]%n"));
  }

  @Test
  void negativeChecksNameTheEqualValue() {
    assertThat(
            failure(
                () ->
                    assertThatMessages(map("a", A))
                        .doesNotContainEntry("a", reading("{\"value\": 1, \"unit\": \"m\"}"))))
        .isEqualTo(
            String.format(
                "%nExpecting map not to contain (values by protobuf meaning):%n"
                    + "  \"a\" -> {\"value\":1.0,\"unit\":\"m\"}%n"
                    + "but:%n"
                    + "  the value of \"a\" equals the given one%n"
                    + "actual entries:%n"
                    + "  \"a\" -> {\"value\":1.0,\"unit\":\"m\"}"));
    assertThat(failure(() -> assertThatMessages(map("a", A, "b", B)).doesNotContainValue(B)))
        .contains(
            String.format("not to contain the value (values by protobuf meaning):%n  [0] -> "))
        .contains("the value of \"b\" equals it");
    assertThat(failure(() -> assertThatMessages(map("a", A)).containsValue(C)))
        .contains("no value equals [0] {\"value\":3.0}");
  }

  @Test
  void aNullMapFailsEveryCheck() {
    Map<String, Message> none = null;

    assertThat(failure(() -> assertThatMessages(none).containsEntry("a", A)))
        .contains("Expecting actual not to be null");
  }
}
