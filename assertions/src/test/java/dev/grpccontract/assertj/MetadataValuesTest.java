package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static dev.grpccontract.assertj.TestProtos.metadata;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Metadata;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Metadata checks on values: regular expressions, all values in order, binary keys. */
class MetadataValuesTest {

  static Metadata repeated() {
    Metadata metadata = metadata("x-id", "r-17", "via", "edge", "via", "gateway");
    Metadata.Key<byte[]> bin = Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER);
    metadata.put(bin, new byte[] {1, 2});
    metadata.put(bin, new byte[] {3});
    return metadata;
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertError(
      Throwable error) {
    return org.assertj.core.api.Assertions.assertThat(error);
  }

  @Test
  void hasValueMatchingMatchesAnyValueAsAWhole() {
    assertThat(repeated()).hasValueMatching("X-ID", "r-\\d+").hasValueMatching("via", "gate.*");

    assertThat(repeated()).hasValueMatching("via", "cdn-.*|edge");
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(repeated()).hasValueMatching("via", "edg")))
        .hasMessageContaining(String.format("but its values were:%n  \"edge\", \"gateway\""));
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(repeated()).hasValueMatching("x-id", "\\d+")))
        .hasMessageStartingWith(
            String.format(
                "%nExpecting metadata to have key \"x-id\" with a value matching:%n  \\d+%n"
                    + "but its value was:%n  \"r-17\"%n"
                    + "metadata:%n"));
  }

  @Test
  void hasValueMatchingMasksSecrets() {
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () ->
                assertThat(metadata("authorization", "Bearer s3cr3t"))
                    .hasValueMatching("authorization", "Basic .*"));

    assertError(error).hasMessageNotContaining("s3cr3t").hasMessageContaining("***");
    org.assertj.core.api.Assertions.assertThat(String.valueOf(error.getActual().getValue()))
        .doesNotContain("s3cr3t");
  }

  @Test
  void hasValuesWantsAllValuesInOrder() {
    assertThat(repeated()).hasValues("via", "edge", "gateway").hasValues("x-id", "r-17");

    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () -> assertThat(repeated()).hasValues("via", "gateway", "edge"));
    assertError(error)
        .hasMessageStartingWith(
            String.format(
                "%nExpecting metadata to have key \"via\" with exactly these values, in order:%n"
                    + "  \"gateway\", \"edge\"%n"
                    + "but its values were:%n  \"edge\", \"gateway\"%n"));
    org.assertj.core.api.Assertions.assertThat(error.getExpected().getValue())
        .isEqualTo("\"gateway\"\n\"edge\"");
    assertError(
            catchThrowableOfType(
                AssertionFailedError.class, () -> assertThat(repeated()).hasValues("absent", "a")))
        .hasMessageContaining("but the key was absent");
  }

  @Test
  void hasValuesForBinaryKeys() {
    assertThat(repeated()).hasValues("trace-bin", new byte[] {1, 2}, new byte[] {3});

    assertError(
            catchThrowableOfType(
                AssertionFailedError.class,
                () -> assertThat(repeated()).hasValues("trace-bin", new byte[] {3})))
        .hasMessageContaining(
            String.format(
                "exactly these values, in order:%n  Aw==%nbut its values were:%n  AQI=, Aw=="));
    assertError(catchThrowable(() -> assertThat(repeated()).hasValues("trace-bin", "AQI=")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a binary metadata key");
    assertError(catchThrowable(() -> assertThat(repeated()).hasValues("via", new byte[] {1})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is an ASCII metadata key");
  }

  @Test
  void navigatedTrailersGetTheNewChecks() {
    assertThat(TestProtos.ok(TestProtos.SAY_HELLO, TestProtos.hello("a"), null, repeated()))
        .trailers()
        .hasValues("via", "edge", "gateway")
        .hasValueMatching("x-id", "r-1.");
  }
}
