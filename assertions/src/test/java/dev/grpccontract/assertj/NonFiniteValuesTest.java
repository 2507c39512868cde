package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static dev.grpccontract.assertj.TestProtos.ok;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * A {@code google.protobuf.Value} holding NaN or an infinity has no protobuf JSON form; failures
 * that print one fall back to text format instead of throwing.
 */
class NonFiniteValuesTest {

  static final Struct NAN = struct(Double.NaN);
  static final Struct INFINITY = struct(Double.POSITIVE_INFINITY);

  static Struct struct(double number) {
    return Struct.newBuilder()
        .putFields("x", Value.newBuilder().setNumberValue(number).build())
        .build();
  }

  @Test
  void isEqualToFailsWithAnAssertionErrorThatShowsTheValuesInTextFormat() {
    Throwable error = catchThrowable(() -> assertThat(NAN).isEqualTo(INFINITY));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining(
            "fields[\"x\"]: expected number_value: Infinity but was number_value: NaN")
        .hasMessageContaining("actual message:");
  }

  @Test
  void hasFieldAndIsNotEqualToFailWithAssertionErrors() {
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(() -> assertThat(NAN).hasField("fields[\"x\"]", "1")))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("number_value: NaN");
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(() -> assertThat(INFINITY).isNotEqualTo(struct(1 / 0.0))))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("number_value: Infinity");
  }

  @Test
  void responseFailuresPrintTheMessageInTextFormat() {
    Throwable error =
        catchThrowable(() -> assertThat(ok("m.S/Get", NAN)).hasMessageJson("{\"x\": 1}"));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("number_value: NaN");
    org.assertj.core.api.Assertions.assertThat(ok("m.S/Get", INFINITY).toString())
        .contains("number_value: Infinity");
  }
}
