package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static dev.grpccontract.assertj.TestProtos.metadata;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.grpccontract.assertj.internal.Metadatas;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Keys a suite adds to the masked set, in code or through the system property. */
class MaskedMetadataKeysTest {

  @Test
  void keysAddedInCodeAreMaskedEverywhere() {
    GrpcAssertions.maskMetadataKeys("X-Session-Masked-Test");

    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () ->
                assertThat(
                        TestProtos.failed(
                            Status.UNAUTHENTICATED,
                            metadata("x-session-masked-test", "sess-42", "x-other", "visible")))
                    .isOk());

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessageContaining("x-session-masked-test: ***")
        .hasMessageContaining("x-other: visible")
        .hasMessageNotContaining("sess-42");
    org.assertj.core.api.Assertions.assertThat(GrpcAssertions.maskedMetadataKeys())
        .contains("authorization", "x-session-masked-test");
  }

  @Test
  void keysInTheSystemPropertyAreMasked() {
    String previous = System.getProperty(Metadatas.MASKED_KEYS_PROPERTY);
    System.setProperty(Metadatas.MASKED_KEYS_PROPERTY, " x-prop-one , X-Prop-Two ");
    try {
      AssertionFailedError error =
          catchThrowableOfType(
              AssertionFailedError.class,
              () ->
                  assertThat(metadata("x-prop-two", "hidden-value"))
                      .hasValue("x-prop-two", "other"));
      org.assertj.core.api.Assertions.assertThat(error)
          .hasMessageNotContaining("hidden-value")
          .hasMessageContaining("x-prop-two: ***");
      org.assertj.core.api.Assertions.assertThat(GrpcAssertions.maskedMetadataKeys())
          .contains("x-prop-one", "x-prop-two");
    } finally {
      if (previous == null) {
        System.clearProperty(Metadatas.MASKED_KEYS_PROPERTY);
      } else {
        System.setProperty(Metadatas.MASKED_KEYS_PROPERTY, previous);
      }
    }
  }

  @Test
  void blankKeysAreRejected() {
    org.assertj.core.api.Assertions.assertThat(
            catchThrowable(() -> GrpcAssertions.maskMetadataKeys("ok-key", " ")))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThat(GrpcAssertions.maskedMetadataKeys())
        .doesNotContain("ok-key");
  }
}
