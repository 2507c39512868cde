package dev.grpccontract.assertj.internal;

import io.grpc.Status;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Failures of status description checks: exact, containing, and matching a regex. */
public final class ShouldHaveDescription extends BasicErrorMessageFactory {

  private ShouldHaveDescription(String relation, String expected, Status actual, String details) {
    super(
        "%nExpecting gRPC status description%s:%n  %s%nbut was:%n  %s%s",
        unquotedString(relation),
        unquotedString(Texts.quote(expected)),
        unquotedString(Texts.status(actual)),
        unquotedString(details));
  }

  /** Creates the message for a description that is not exactly {@code expected}. */
  public static ErrorMessageFactory shouldHaveDescription(
      Status actual, String expected, String details) {
    return new ShouldHaveDescription("", expected, actual, details);
  }

  /** Creates the message for a description that does not contain {@code expected}. */
  public static ErrorMessageFactory shouldHaveDescriptionContaining(
      Status actual, String expected, String details) {
    return new ShouldHaveDescription(" to contain", expected, actual, details);
  }

  /** Creates the message for a description that does not match the {@code regex}. */
  public static ErrorMessageFactory shouldHaveDescriptionMatching(
      Status actual, String regex, String details) {
    return new ShouldHaveDescription(" to match", regex, actual, details);
  }
}
