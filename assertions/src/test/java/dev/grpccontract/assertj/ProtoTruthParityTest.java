package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.ComparisonSettingsProtoTruthTest.READING;
import static dev.grpccontract.assertj.ComparisonSettingsProtoTruthTest.TYPES;
import static dev.grpccontract.assertj.ComparisonSettingsProtoTruthTest.reading;
import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.common.truth.extensions.proto.ProtoFluentAssertion;
import com.google.common.truth.extensions.proto.ProtoTruth;
import com.google.protobuf.Any;
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
}
