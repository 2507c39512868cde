package dev.grpccontract.assertj.internal;

import static dev.grpccontract.assertj.internal.ShouldHaveMetadata.shouldContainKey;
import static dev.grpccontract.assertj.internal.ShouldHaveMetadata.shouldHaveValue;
import static dev.grpccontract.assertj.internal.ShouldHaveMetadata.shouldNotContainKey;

import io.grpc.Metadata;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Metadata checks shared by the metadata assertion and the header and trailer checks of the
 * response assertion. Each returns the failure, or empty when the check passes.
 */
public final class MetadataChecks {

  private MetadataChecks() {}

  /**
   * Checks that {@code actual} has {@code key}.
   *
   * @param subject what the metadata is in messages, e.g. {@code "trailers"}
   * @param details lines that follow in the failure message; may be empty
   */
  public static Optional<Failure> containsKey(
      String subject, Metadata actual, String key, String details) {
    String name = Metadatas.normalize(key);
    if (actual.keys().contains(name)) {
      return Optional.empty();
    }
    return Optional.of(
        new Failure(shouldContainKey(subject, actual, name, details), name, keysText(actual)));
  }

  /** Checks that {@code actual} does not have {@code key}. */
  public static Optional<Failure> doesNotContainKey(
      String subject, Metadata actual, String key, String details) {
    String name = Metadatas.normalize(key);
    if (!actual.keys().contains(name)) {
      return Optional.empty();
    }
    List<String> others =
        Metadatas.keys(actual).stream().filter(k -> !k.equals(name)).collect(Collectors.toList());
    return Optional.of(
        new Failure(
            shouldNotContainKey(subject, actual, name, details),
            others.toString(),
            keysText(actual)));
  }

  /**
   * Checks that the ASCII {@code key} has {@code expected} among its values.
   *
   * @throws IllegalArgumentException when {@code key} is a binary ({@code -bin}) key
   */
  public static Optional<Failure> hasValue(
      String subject, Metadata actual, String key, String expected, String details) {
    Objects.requireNonNull(expected, "expected value");
    List<String> values = Metadatas.asciiValues(actual, key);
    if (values.contains(expected)) {
      return Optional.empty();
    }
    String name = Metadatas.normalize(key);
    List<String> shown =
        values.stream().map(value -> Metadatas.show(name, value)).collect(Collectors.toList());
    return Optional.of(
        new Failure(
            shouldHaveValue(subject, actual, name, Texts.quote(expected), shown, details),
            expected,
            values.isEmpty() ? null : String.join(", ", shown)));
  }

  /**
   * Checks that the binary {@code key} has {@code expected} among its values.
   *
   * @throws IllegalArgumentException when {@code key} is not a binary ({@code -bin}) key
   */
  public static Optional<Failure> hasValue(
      String subject, Metadata actual, String key, byte[] expected, String details) {
    Objects.requireNonNull(expected, "expected value");
    List<byte[]> values = Metadatas.binaryValues(actual, key);
    if (Metadatas.containsBytes(values, expected)) {
      return Optional.empty();
    }
    String name = Metadatas.normalize(key);
    List<String> shown =
        values.stream()
            .map(value -> Metadatas.isSecret(name) ? Metadatas.MASK : Texts.base64(value))
            .collect(Collectors.toList());
    return Optional.of(
        new Failure(
            shouldHaveValue(subject, actual, name, Texts.base64(expected), shown, details),
            Texts.base64(expected),
            values.isEmpty() ? null : String.join(", ", shown)));
  }

  private static String keysText(Metadata metadata) {
    return Metadatas.keys(metadata).toString();
  }
}
