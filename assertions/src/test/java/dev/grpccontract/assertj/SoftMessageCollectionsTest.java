package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.ComparisonSettingsProtoTruthTest.reading;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The by-meaning list and map checks collect their failures under soft assertions. */
class SoftMessageCollectionsTest {

  static final Message A = reading("{\"value\": 1}");
  static final Message B = reading("{\"value\": 2}");

  @Test
  void listAndMapFailuresAreCollectedAndPassingChecksAreNot() {
    GrpcSoftAssertions softly = new GrpcSoftAssertions();

    softly.assertThatMessages(List.of(A, B)).containsExactlyInAnyOrder(B, A);
    softly.assertThatMessages(Map.of("a", A)).containsEntry("a", reading("{\"value\": 1.0}"));
    softly.assertThatMessages(List.of(A)).containsExactly(B);
    softly
        .assertThatMessages(Map.of("a", A))
        .comparingMessagesWith(m -> m.usingDoubleTolerance(0.5))
        .containsEntry("a", reading("{\"value\": 3}"))
        .doesNotContainKey("a");

    assertThat(softly.errorsCollected()).hasSize(3);
    assertThat(softly.errorsCollected().get(0))
        .hasMessageContaining(
            "Expecting messages to contain exactly, in order (by protobuf meaning)");
    assertThat(softly.errorsCollected().get(1))
        .hasMessageContaining("the value of \"a\" differs:")
        .hasMessageContaining(
            String.format(
                "actual entries:%n  \"a\" -> {\"value\":1.0}%ncompared double tolerance 0.5"));
    assertThat(softly.errorsCollected().get(2)).hasMessageContaining("not to contain key");
  }
}
