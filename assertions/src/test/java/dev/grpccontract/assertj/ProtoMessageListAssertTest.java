package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.ComparisonSettingsProtoTruthTest.reading;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.common.truth.extensions.proto.ProtoTruth;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.rpc.ErrorInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The element checks of the message list assertion compare by protobuf meaning. */
class ProtoMessageListAssertTest {

  static final Message A = reading("{\"value\": 1, \"unit\": \"m\"}");
  static final Message B = reading("{\"value\": 2, \"unit\": \"m\"}");
  static final Message C = reading("{\"value\": 3}");

  static ProtoMessageListAssert assertThat(Message... messages) {
    return new ProtoMessageListAssert(List.of(messages));
  }

  @Test
  void containsExactlyInAnyOrderComparesAGeneratedMessageWithADynamicOne() throws Exception {
    ErrorInfo generated = ErrorInfo.newBuilder().setReason("QUOTA").build();
    DynamicMessage dynamic =
        DynamicMessage.parseFrom(ErrorInfo.getDescriptor(), generated.toByteString());

    assertThat(dynamic, A).containsExactlyInAnyOrder(A, generated);
    assertThat(dynamic, A)
        .containsExactly(dynamic, A)
        .contains(generated)
        .containsOnly(A, generated);
    assertThat(dynamic).containsExactlyInAnyOrderElementsOf(List.of(generated));
  }

  @Test
  void containsExactlyInAnyOrderFailureNamesWhatIsMissingAndUnexpected() {
    Throwable error = catchThrowable(() -> assertThat(A, B).containsExactlyInAnyOrder(C, A));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "%nExpecting messages to contain exactly, in any order (by protobuf meaning):%n"
                    + "  [0] {\"value\":3.0}%n"
                    + "  [1] {\"value\":1.0,\"unit\":\"m\"}%n"
                    + "but:%n"
                    + "  expected [0] has no equal actual message: {\"value\":3.0}%n"
                    + "  actual [1] is not expected: {\"value\":2.0,\"unit\":\"m\"}%n"
                    + "actual messages:%n"
                    + "  [0] {\"value\":1.0,\"unit\":\"m\"}%n"
                    + "  [1] {\"value\":2.0,\"unit\":\"m\"}"));
  }

  @Test
  void theSettingsOfTheMessageAssertionApplyAndTheDirectionIsKept() {
    Message noUnit = reading("{\"value\": 2}");
    assertThat(A, B)
        .comparingMessagesWith(ProtoMessageAssert::comparingExpectedFieldsOnly)
        .containsExactlyInAnyOrder(noUnit, reading("{\"value\": 1}"));

    Throwable error =
        catchThrowable(
            () ->
                assertThat(noUnit)
                    .comparingMessagesWith(ProtoMessageAssert::comparingExpectedFieldsOnly)
                    .containsExactly(B));
    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("element [0] differs:")
        .hasMessageContaining("unit: expected \"m\" but was \"\"")
        .hasMessageEndingWith("compared comparing expected fields only");
    assertThat(A, B)
        .comparingMessagesWith(m -> m.ignoringFields("unit"))
        .contains(
            C.toBuilder()
                .setField(ComparisonSettingsProtoTruthTest.READING.findFieldByName("value"), 2.0)
                .build());
  }

  @Test
  void toleranceWithinAnyOrderPairsAsProtoTruthDoes() {
    Message one = reading("{\"value\": 1}");
    Message oneAndAThird = reading("{\"value\": 1.3}");
    Message oneAndAFifth = reading("{\"value\": 1.2}");

    ProtoTruth.assertThat(List.of(one, oneAndAThird))
        .usingDoubleTolerance(0.25)
        .containsExactly(oneAndAFifth, one);
    assertThat(one, oneAndAThird)
        .comparingMessagesWith(m -> m.usingDoubleTolerance(0.25))
        .containsExactlyInAnyOrder(oneAndAFifth, one);
  }

  @Test
  void doesNotContainAndContainsAnyOfCompareByMeaning() throws Exception {
    ErrorInfo generated = ErrorInfo.newBuilder().setReason("QUOTA").build();
    DynamicMessage dynamic =
        DynamicMessage.parseFrom(ErrorInfo.getDescriptor(), generated.toByteString());

    assertThat(A, B).doesNotContain(C).containsAnyOf(C, B);
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(() -> assertThat(dynamic).doesNotContain(generated)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("actual [0] equals [0]: {\"reason\":\"QUOTA\"}");
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(() -> assertThat(A).containsAnyOf(B, C)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("none of them has an equal actual message");
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(() -> assertThat(A, B).containsOnly(A)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("actual [1] is not expected: {\"value\":2.0,\"unit\":\"m\"}");
  }
}
