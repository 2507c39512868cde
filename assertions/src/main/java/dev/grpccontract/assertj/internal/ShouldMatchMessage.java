package dev.grpccontract.assertj.internal;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.proto.compare.MessageDiff;
import dev.grpccontract.proto.compare.ProtoJson;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Failure of a comparison by protobuf meaning: the expected message as compact JSON, each differing
 * field path with expected and actual values, the actual message as JSON, then the details.
 */
public final class ShouldMatchMessage extends BasicErrorMessageFactory {

  private static final String EQUAL = "to be equal by protobuf meaning to";
  private static final String CONFORM =
      "to have the field values of (fields the JSON leaves out are not compared)";

  private ShouldMatchMessage(
      String subject,
      String relation,
      Message expected,
      Message actual,
      List<MessageDiff.Difference> differences,
      String details,
      JsonFormat.TypeRegistry registry) {
    this(
        subject,
        relation,
        ProtoJson.compact(expected, registry),
        ProtoJson.pretty(actual, registry),
        differences,
        details);
  }

  private ShouldMatchMessage(
      String subject,
      String relation,
      String expectedCompact,
      String actualPretty,
      List<MessageDiff.Difference> differences,
      String details) {
    super(
        "%nExpecting %s %s:%n  %s%nbut %s:%n%s%n" + "actual %s:%n%s%s",
        unquotedString(subject),
        unquotedString(relation),
        unquotedString(expectedCompact),
        unquotedString(
            differences.size() == 1 ? "1 field differs" : differences.size() + " fields differ"),
        unquotedString(differences.stream().map(d -> "  " + d).collect(Collectors.joining("\n"))),
        unquotedString(subject),
        unquotedString(Texts.indent(actualPretty)),
        unquotedString(details));
  }

  private ShouldMatchMessage(
      String subject, String relation, List<MessageDiff.Difference> differences, String details) {
    super(
        "%nExpecting %s %s the expected message, but %s:%n%s%s",
        unquotedString(subject),
        unquotedString(relation),
        unquotedString(
            differences.size() == 1 ? "1 field differs" : differences.size() + " fields differ"),
        unquotedString(differences.stream().map(d -> "  " + d).collect(Collectors.joining("\n"))),
        unquotedString(details));
  }

  /**
   * Creates the message that lists the differences only, without the two messages (the assertion
   * error still carries them as expected and actual values).
   *
   * @param partial whether the expected message came from {@code conformsToJson}
   */
  public static ErrorMessageFactory shouldMatchMessageMismatchesOnly(
      String subject, List<MessageDiff.Difference> differences, String details, boolean partial) {
    return new ShouldMatchMessage(
        subject,
        partial ? "to have the field values of" : "to be equal by protobuf meaning to",
        differences,
        details);
  }

  /**
   * Creates the message for two messages that differ, or whose fields do not conform to an expected
   * JSON when {@code partial}, printing {@code Any} fields with the protobuf {@code types}.
   */
  public static ErrorMessageFactory shouldMatchMessage(
      String subject,
      Message expected,
      Message actual,
      List<MessageDiff.Difference> differences,
      String details,
      com.google.protobuf.TypeRegistry types,
      boolean partial) {
    return new ShouldMatchMessage(
        subject,
        partial ? CONFORM : EQUAL,
        ProtoJson.compact(expected, types),
        ProtoJson.pretty(actual, types),
        differences,
        details);
  }

  /**
   * Creates the message for two messages that differ.
   *
   * @param subject what the actual message is, e.g. {@code "response message"}
   * @param differences the non-empty differences from {@link MessageDiff#compare}
   * @param details lines that follow, e.g. {@link Details#method}; may be empty
   */
  public static ErrorMessageFactory shouldMatchMessage(
      String subject,
      Message expected,
      Message actual,
      List<MessageDiff.Difference> differences,
      String details) {
    return shouldMatchMessage(subject, expected, actual, differences, details, null);
  }

  /**
   * Creates the message for two messages that differ, printing {@code Any} fields with {@code
   * registry} when it knows their types.
   *
   * @param registry the preferred registry, or {@code null} for the default one
   */
  public static ErrorMessageFactory shouldMatchMessage(
      String subject,
      Message expected,
      Message actual,
      List<MessageDiff.Difference> differences,
      String details,
      JsonFormat.TypeRegistry registry) {
    return new ShouldMatchMessage(subject, EQUAL, expected, actual, differences, details, registry);
  }

  /** Creates the message for a message that does not match the fields of an expected JSON. */
  public static ErrorMessageFactory shouldConformToJson(
      String subject,
      Message expected,
      Message actual,
      List<MessageDiff.Difference> differences,
      String details,
      JsonFormat.TypeRegistry registry) {
    return new ShouldMatchMessage(
        subject, CONFORM, expected, actual, differences, details, registry);
  }
}
