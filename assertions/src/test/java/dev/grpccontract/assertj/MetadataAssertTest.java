package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static dev.grpccontract.assertj.GrpcAssertions.then;
import static dev.grpccontract.assertj.TestProtos.metadata;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Metadata;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The metadata assertion. */
class MetadataAssertTest {

  private static Metadata sample() {
    Metadata metadata = metadata("x-request-id", "42", "authorization", "Bearer t0ken");
    metadata.put(Metadata.Key.of("blob-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[] {0, 1});
    return metadata;
  }

  @Test
  void containsKeyPassesInAnyCase() {
    assertThat(sample()).containsKey("X-Request-Id").containsKey("blob-bin");
  }

  @Test
  void containsKeyFailureListsTheMetadataMasked() {
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class, () -> assertThat(sample()).containsKey("x-tenant"));

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessage(
            String.format(
                "%nExpecting metadata to contain key:%n  \"x-tenant\"%n"
                    + "but it did not; metadata:%n"
                    + "  authorization: ***%n  blob-bin: AAE=%n  x-request-id: 42"))
        .hasMessageNotContaining("t0ken");
    org.assertj.core.api.Assertions.assertThat(error.getExpected().getValue())
        .isEqualTo("x-tenant");
    org.assertj.core.api.Assertions.assertThat(error.getActual().getValue())
        .isEqualTo("[authorization, blob-bin, x-request-id]");
  }

  @Test
  void doesNotContainKeyPasses() {
    assertThat(sample()).doesNotContainKey("x-tenant");
  }

  @Test
  void doesNotContainKeyFailure() {
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () -> assertThat(sample()).doesNotContainKey("Authorization"));

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessage(
            String.format(
                "%nExpecting metadata not to contain key:%n  \"authorization\"%n"
                    + "but it did; metadata:%n"
                    + "  authorization: ***%n  blob-bin: AAE=%n  x-request-id: 42"));
    org.assertj.core.api.Assertions.assertThat(error.getExpected().getValue())
        .isEqualTo("[blob-bin, x-request-id]");
  }

  @Test
  void hasValuePassesForTextAndBytes() {
    assertThat(sample()).hasValue("x-request-id", "42").hasValue("Blob-Bin", new byte[] {0, 1});
  }

  @Test
  void hasValueFailureOnASecretKeyMasksTheActualValue() {
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () -> assertThat(sample()).hasValue("authorization", "Bearer other"));

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessage(
            String.format(
                "%nExpecting metadata to have key \"authorization\" with value:%n  \"Bearer"
                    + " other\"%nbut its value was:%n  ***%nmetadata:%n  authorization: ***%n "
                    + " blob-bin: AAE=%n  x-request-id: 42"))
        .hasMessageNotContaining("t0ken");
    org.assertj.core.api.Assertions.assertThat(error.getActual().getValue()).isEqualTo("***");
  }

  @Test
  void hasValueWithBytesFailure() {
    Throwable error =
        catchThrowable(() -> assertThat(sample()).hasValue("blob-bin", new byte[] {2}));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith(
            String.format(
                "%nExpecting metadata to have key \"blob-bin\" with value:%n  Ag==%nbut its value"
                    + " was:%n  AAE=%n"));
  }

  @Test
  void hasValueOnABinaryKeyWithTextIsAMistakeInTheTest() {
    Throwable error = catchThrowable(() -> assertThat(sample()).hasValue("blob-bin", "AAE="));

    org.assertj.core.api.Assertions.assertThat(error).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptyMetadataPrintsAsNone() {
    Throwable error = catchThrowable(() -> assertThat(new Metadata()).containsKey("a"));

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessageEndingWith(String.format("but it did not; metadata:%n  none"));
  }

  @Test
  void checksFailOnNullMetadata() {
    Throwable error = catchThrowable(() -> assertThat((Metadata) null).containsKey("a"));

    org.assertj.core.api.Assertions.assertThat(error)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }

  @Test
  void thenIsTheBddTwin() {
    then(sample()).containsKey("x-request-id");
  }
}
