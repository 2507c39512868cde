package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.ComparisonSettingsProtoTruthTest.box;
import static dev.grpccontract.assertj.ComparisonSettingsProtoTruthTest.parseBox;
import static dev.grpccontract.assertj.ComparisonSettingsProtoTruthTest.reading;
import static dev.grpccontract.assertj.ComparisonSettingsProtoTruthTest.withUnknown;
import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.Message;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Unknown fields make messages differ, as in ProtoTruth, unless a setting skips them. */
class UnknownFieldsTest {

  static final Message ONE = reading("{\"value\": 1}");

  @Test
  void anUnknownFieldOnlyTheActualHasIsUnexpected() {
    Throwable error = catchThrowable(() -> assertThat(withUnknown(ONE, 99, 5)).isEqualTo(ONE));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining(
            String.format("but 1 field differs:%n  99: unexpected unknown field (was varint 5)%n"));
  }

  @Test
  void unknownFieldsWithOtherValuesDifferAtTheirPath() {
    Message child =
        reading("{}").toBuilder()
            .setField(
                ComparisonSettingsProtoTruthTest.READING.findFieldByName("child"),
                withUnknown(ONE, 99, 6))
            .build();
    Message expected =
        reading("{}").toBuilder()
            .setField(
                ComparisonSettingsProtoTruthTest.READING.findFieldByName("child"),
                withUnknown(ONE, 99, 5))
            .build();

    Throwable error = catchThrowable(() -> assertThat(child).isEqualTo(expected));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("child.99: unknown field: expected varint 5 but was varint 6");
  }

  @Test
  void aProto2EnumValueTheEnumLacksIsAnUnknownField() {
    Throwable error =
        catchThrowable(
            () -> assertThat(parseBox(new byte[] {8, 5, 74, 1, 'b'})).isEqualTo(box(false)));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("1: unexpected unknown field (was varint 5)");
  }

  @Test
  void anExtensionReadWithoutARegistryDiffersFromTheExtension() {
    Message unread = parseBox(box(true).toByteArray());

    Throwable error = catchThrowable(() -> assertThat(unread).isEqualTo(box(true)));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("[legacy.weight]: missing (expected 3)")
        .hasMessageContaining("100: unexpected unknown field (was varint 3)");
  }

  @Test
  void ignoringUnknownFieldsSkipsThemAtAnyDepth() {
    assertThat(withUnknown(ONE, 99, 5)).ignoringUnknownFields().isEqualTo(withUnknown(ONE, 98, 1));
    assertThat(parseBox(box(true).toByteArray())).ignoringUnknownFields().isEqualTo(box(false));

    Throwable error =
        catchThrowable(
            () ->
                assertThat(withUnknown(ONE, 99, 5))
                    .ignoringUnknownFields()
                    .isEqualTo(reading("{\"value\": 2}")));
    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("value: expected 2.0 but was 1.0")
        .hasMessageEndingWith("compared ignoring unknown fields");
  }

  @Test
  void conformsToJsonIgnoresUnknownFieldsAsItIgnoresEveryFieldTheJsonLeavesOut() {
    assertThat(withUnknown(ONE, 99, 5)).conformsToJson("{\"value\": 1}");
  }
}
