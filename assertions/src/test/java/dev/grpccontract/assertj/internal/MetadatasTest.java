package dev.grpccontract.assertj.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetadatasTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "authorization",
        "Authorization",
        "cookie",
        "COOKIE",
        "set-cookie",
        "Set-Cookie",
        "x-api-key",
        "X-API-Key"
      })
  void secretKeysAreMaskedInAnyCase(String key) {
    Metadata metadata = new Metadata();
    metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), "hunter2");
    metadata.put(Metadata.Key.of("x-trace", Metadata.ASCII_STRING_MARSHALLER), "t-1");

    assertThat(Metadatas.isSecret(key)).isTrue();
    assertThat(Metadatas.print(metadata))
        .isEqualTo(key.toLowerCase(java.util.Locale.ROOT) + ": ***\nx-trace: t-1")
        .doesNotContain("hunter2");
    assertThat(Metadatas.show(key, "hunter2")).isEqualTo("***");
  }

  @Test
  void otherKeysAreShown() {
    assertThat(Metadatas.isSecret("x-authorization-hint")).isFalse();
    assertThat(Metadatas.show("x-trace", "t \"1\"")).isEqualTo("\"t \\\"1\\\"\"");
  }

  @Test
  void longBinaryValuesAreShortened() {
    Metadata metadata = new Metadata();
    metadata.put(Metadata.Key.of("big-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[300]);

    assertThat(Metadatas.print(metadata)).startsWith("big-bin: AAAA").endsWith("... (300 bytes)");
  }

  @Test
  void nullOrEmptyMetadataPrintsNone() {
    assertThat(Metadatas.print(null)).isEqualTo("none");
    assertThat(Metadatas.print(new Metadata())).isEqualTo("none");
  }
}
