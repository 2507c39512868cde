package dev.grpccontract.assertj.internal;

import io.grpc.Metadata;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Failures of metadata checks (keys and values of headers, trailers or any {@link Metadata}); the
 * metadata is printed with secrets masked.
 */
public final class ShouldHaveMetadata extends BasicErrorMessageFactory {

  private ShouldHaveMetadata(String format, Object... arguments) {
    super(format, arguments);
  }

  /**
   * Creates the message for a missing key.
   *
   * @param subject what the metadata is, e.g. {@code "trailers"}
   * @param details lines that follow the metadata, e.g. {@link Details#method}; may be empty
   */
  public static ErrorMessageFactory shouldContainKey(
      String subject, Metadata actual, String key, String details) {
    return new ShouldHaveMetadata(
        "%nExpecting %s to contain key:%n  %s%nbut it did not; %s:%n%s%s",
        unquotedString(subject),
        unquotedString(Texts.quote(key)),
        unquotedString(subject),
        unquotedString(Texts.indent(Metadatas.print(actual))),
        unquotedString(details));
  }

  /** Creates the message for a key that is present but should not be. */
  public static ErrorMessageFactory shouldNotContainKey(
      String subject, Metadata actual, String key, String details) {
    return new ShouldHaveMetadata(
        "%nExpecting %s not to contain key:%n  %s%nbut it did; %s:%n%s%s",
        unquotedString(subject),
        unquotedString(Texts.quote(key)),
        unquotedString(subject),
        unquotedString(Texts.indent(Metadatas.print(actual))),
        unquotedString(details));
  }

  /**
   * Creates the message for a key that lacks the expected value.
   *
   * @param expected the expected value as it should print (quoted text, or base64 for bytes)
   * @param actualValues the key's values as they print (masked for secrets); empty when absent
   */
  public static ErrorMessageFactory shouldHaveValue(
      String subject,
      Metadata actual,
      String key,
      String expected,
      List<String> actualValues,
      String details) {
    String found =
        actualValues.isEmpty()
            ? "but the key was absent"
            : "but its "
                + (actualValues.size() == 1 ? "value was" : "values were")
                + ":\n  "
                + String.join(", ", actualValues);
    return new ShouldHaveMetadata(
        "%nExpecting %s to have key %s with value:%n  %s%n%s%n%s:%n%s%s",
        unquotedString(subject),
        unquotedString(Texts.quote(key)),
        unquotedString(expected),
        unquotedString(found),
        unquotedString(subject),
        unquotedString(Texts.indent(Metadatas.print(actual))),
        unquotedString(details));
  }

  /**
   * Creates the message for a key none of whose values matches {@code regex}.
   *
   * @param actualValues the key's values as they print (masked for secrets); empty when absent
   */
  public static ErrorMessageFactory shouldHaveValueMatching(
      String subject,
      Metadata actual,
      String key,
      String regex,
      List<String> actualValues,
      String details) {
    return new ShouldHaveMetadata(
        "%nExpecting %s to have key %s with a value matching:%n  %s%n%s%n%s:%n%s%s",
        unquotedString(subject),
        unquotedString(Texts.quote(key)),
        unquotedString(regex),
        unquotedString(found(actualValues)),
        unquotedString(subject),
        unquotedString(Texts.indent(Metadatas.print(actual))),
        unquotedString(details));
  }

  /**
   * Creates the message for a key whose values are not exactly {@code expected}, in order.
   *
   * @param expected the expected values as they print
   * @param actualValues the key's values as they print (masked for secrets); empty when absent
   */
  public static ErrorMessageFactory shouldHaveValues(
      String subject,
      Metadata actual,
      String key,
      List<String> expected,
      List<String> actualValues,
      String details) {
    return new ShouldHaveMetadata(
        "%nExpecting %s to have key %s with exactly these values, in order:%n  %s%n%s%n%s:%n%s%s",
        unquotedString(subject),
        unquotedString(Texts.quote(key)),
        unquotedString(expected.isEmpty() ? "(none)" : String.join(", ", expected)),
        unquotedString(found(actualValues)),
        unquotedString(subject),
        unquotedString(Texts.indent(Metadatas.print(actual))),
        unquotedString(details));
  }

  private static String found(List<String> actualValues) {
    return actualValues.isEmpty()
        ? "but the key was absent"
        : "but its "
            + (actualValues.size() == 1 ? "value was" : "values were")
            + ":\n  "
            + String.join(", ", actualValues);
  }
}
