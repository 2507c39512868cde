package dev.grpccontract.assertj.internal;

import static dev.grpccontract.assertj.internal.ShouldHaveMetadata.shouldContainKey;
import static dev.grpccontract.assertj.internal.ShouldHaveMetadata.shouldHaveValue;
import static dev.grpccontract.assertj.internal.ShouldHaveMetadata.shouldHaveValueMatching;
import static dev.grpccontract.assertj.internal.ShouldHaveMetadata.shouldHaveValues;
import static dev.grpccontract.assertj.internal.ShouldHaveMetadata.shouldNotContainKey;

import io.grpc.Metadata;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
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

  /**
   * Checks that some value of the ASCII {@code key} matches {@code regex} as a whole.
   *
   * @throws IllegalArgumentException when {@code key} is a binary ({@code -bin}) key
   * @throws java.util.regex.PatternSyntaxException when {@code regex} is not a valid expression
   */
  public static Optional<Failure> hasValueMatching(
      String subject, Metadata actual, String key, String regex, String details) {
    Objects.requireNonNull(regex, "regex");
    Pattern pattern = Pattern.compile(regex, Pattern.DOTALL);
    List<String> values = Metadatas.asciiValues(actual, key);
    if (values.stream().anyMatch(value -> pattern.matcher(value).matches())) {
      return Optional.empty();
    }
    String name = Metadatas.normalize(key);
    List<String> shown = shownAscii(name, values);
    return Optional.of(
        new Failure(
            shouldHaveValueMatching(subject, actual, name, regex, shown, details),
            regex,
            values.isEmpty() ? null : String.join(", ", shown)));
  }

  /**
   * Checks that the ASCII {@code key} has exactly {@code expected} values, in order.
   *
   * @throws IllegalArgumentException when {@code key} is a binary ({@code -bin}) key
   */
  public static Optional<Failure> hasValues(
      String subject, Metadata actual, String key, List<String> expected, String details) {
    List<String> values = Metadatas.asciiValues(actual, key);
    if (values.equals(expected)) {
      return Optional.empty();
    }
    String name = Metadatas.normalize(key);
    List<String> shown = shownAscii(name, values);
    List<String> expectedShown = shownAscii(name, expected);
    return Optional.of(
        new Failure(
            shouldHaveValues(subject, actual, name, expectedShown, shown, details),
            String.join("\n", expectedShown),
            String.join("\n", shown)));
  }

  /**
   * Checks that the binary {@code key} has exactly {@code expected} values, in order.
   *
   * @throws IllegalArgumentException when {@code key} is not a binary ({@code -bin}) key
   */
  public static Optional<Failure> hasBinaryValues(
      String subject, Metadata actual, String key, List<byte[]> expected, String details) {
    List<byte[]> values = Metadatas.binaryValues(actual, key);
    boolean same = values.size() == expected.size();
    for (int i = 0; same && i < values.size(); i++) {
      same = Arrays.equals(values.get(i), expected.get(i));
    }
    if (same) {
      return Optional.empty();
    }
    String name = Metadatas.normalize(key);
    List<String> shown = shownBinary(name, values);
    List<String> expectedShown = shownBinary(name, expected);
    return Optional.of(
        new Failure(
            shouldHaveValues(subject, actual, name, expectedShown, shown, details),
            String.join("\n", expectedShown),
            String.join("\n", shown)));
  }

  private static List<String> shownAscii(String name, List<String> values) {
    return values.stream().map(value -> Metadatas.show(name, value)).collect(Collectors.toList());
  }

  private static List<String> shownBinary(String name, List<byte[]> values) {
    return values.stream()
        .map(value -> Metadatas.isSecret(name) ? Metadatas.MASK : Texts.base64(value))
        .collect(Collectors.toList());
  }

  private static String keysText(Metadata metadata) {
    return Metadatas.keys(metadata).toString();
  }
}
