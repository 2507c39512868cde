package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.ComparisonSettingsProtoTruthTest.reading;
import static dev.grpccontract.assertj.GrpcAssertions.assertThatMessages;
import static dev.grpccontract.assertj.GrpcAssertions.thenMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.rpc.ErrorInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A list of messages from anywhere (a repeated field, messages collected by a test) gets the list
 * checks by protobuf meaning through {@code assertThatMessages(List)}, while {@code
 * assertThat(list)} stays AssertJ's, typed by the element type.
 */
class MessageListEntryPointTest {

  @Test
  void aListOfGeneratedMessagesComparesByMeaningWithDynamicOnes() throws Exception {
    ErrorInfo generated = ErrorInfo.newBuilder().setReason("QUOTA").build();
    DynamicMessage dynamic =
        DynamicMessage.parseFrom(ErrorInfo.getDescriptor(), generated.toByteString());
    List<ErrorInfo> errors = List.of(generated);

    assertThatMessages(errors)
        .containsExactlyInAnyOrder(dynamic)
        .first()
        .hasField("reason", "QUOTA");
    thenMessages(errors).contains(dynamic);
    assertThat(List.of("a", "b")).containsExactly("a", "b");
    assertThat(errors).extracting(ErrorInfo::getReason).containsExactly("QUOTA");
  }

  @Test
  void theSettingsApplyAndTheFailureNamesTheMissingAndUnexpectedMessages() {
    List<Message> readings = List.of(reading("{\"value\": 1.001}"), reading("{\"value\": 2}"));

    assertThatMessages(readings)
        .comparingMessagesWith(m -> m.usingDoubleTolerance(0.01))
        .containsExactlyInAnyOrder(reading("{\"value\": 2}"), reading("{\"value\": 1}"))
        .doesNotContain(reading("{\"value\": 3}"));
    Throwable error =
        catchThrowable(
            () ->
                assertThatMessages(readings)
                    .containsExactlyInAnyOrder(
                        reading("{\"value\": 2}"), reading("{\"value\": 1}")));

    assertThat(error)
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "%nExpecting messages to contain exactly, in any order (by protobuf meaning):%n"
                    + "  [0] {\"value\":2.0}%n"
                    + "  [1] {\"value\":1.0}%n"
                    + "but:%n"
                    + "  expected [1] has no equal actual message: {\"value\":1.0}%n"
                    + "  actual [0] is not expected: {\"value\":1.001}%n"
                    + "actual messages:%n"
                    + "  [0] {\"value\":1.001}%n"
                    + "  [1] {\"value\":2.0}"));
  }
}
