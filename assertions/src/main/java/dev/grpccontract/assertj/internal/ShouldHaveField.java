package dev.grpccontract.assertj.internal;

import static dev.grpccontract.assertj.internal.TextFactory.unquotedString;

import com.google.protobuf.Message;
import dev.grpccontract.proto.compare.ProtoJson;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Failures of the field path checks of the message assertion. */
public final class ShouldHaveField {

  private ShouldHaveField() {}

  /** Creates the message for a field whose value differs from {@code expected}. */
  public static ErrorMessageFactory shouldHaveFieldValue(
      String subject,
      String path,
      String expected,
      String actual,
      Message message,
      String details) {
    return new BasicErrorMessageFactory(
        "%nExpecting %s field:%n  %s%nto be:%n  %s%nbut was:%n  %s%n%s:%n%s%s",
        unquotedString(subject),
        unquotedString(path),
        unquotedString(expected),
        unquotedString(actual),
        unquotedString(actualLabel(subject)),
        unquotedString(Texts.indent(ProtoJson.pretty(message))),
        unquotedString(details));
  }

  /** Creates the message for a path whose value does not exist or is not present. */
  public static ErrorMessageFactory shouldHaveField(
      String subject, String path, String why, Message message, String details) {
    return new BasicErrorMessageFactory(
        "%nExpecting %s to have field:%n  %s%nbut %s%n%s:%n%s%s",
        unquotedString(subject),
        unquotedString(path),
        unquotedString(why),
        unquotedString(actualLabel(subject)),
        unquotedString(Texts.indent(ProtoJson.pretty(message))),
        unquotedString(details));
  }

  /** Creates the message for a field that is present but should not be. */
  public static ErrorMessageFactory shouldNotHaveField(
      String subject, String path, String value, Message message, String details) {
    return new BasicErrorMessageFactory(
        "%nExpecting %s not to have field:%n  %s%nbut it has:%n  %s%n%s:%n%s%s",
        unquotedString(subject),
        unquotedString(path),
        unquotedString(value),
        unquotedString(actualLabel(subject)),
        unquotedString(Texts.indent(ProtoJson.pretty(message))),
        unquotedString(details));
  }

  /** Creates the message for a repeated or map field of another size. */
  public static ErrorMessageFactory shouldHaveSize(
      String subject,
      String path,
      int expected,
      int actual,
      String value,
      Message message,
      String details) {
    return new BasicErrorMessageFactory(
        "%nExpecting %s field:%n  %s%nto have %s but it has %s:%n  %s%n%s:%n%s%s",
        unquotedString(subject),
        unquotedString(path),
        unquotedString(elements(expected)),
        unquotedString(elements(actual)),
        unquotedString(value),
        unquotedString(actualLabel(subject)),
        unquotedString(Texts.indent(ProtoJson.pretty(message))),
        unquotedString(details));
  }

  private static String elements(int n) {
    return n == 1 ? "1 element" : n + " elements";
  }

  private static String actualLabel(String subject) {
    return "actual " + subject;
  }
}
