package dev.grpccontract.assertj.internal;

import java.time.Duration;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Failure of a call duration check. */
public final class ShouldHaveDurationLessThan extends BasicErrorMessageFactory {

  private ShouldHaveDurationLessThan(String method, Duration max, Duration actual) {
    super(
        "%nExpecting the call to %s to take less than:%n  %s%nbut it took:%n  %s",
        unquotedString(method), unquotedString(max.toString()), unquotedString(actual.toString()));
  }

  /** Creates the message for a call that took {@code actual}, not less than {@code max}. */
  public static ErrorMessageFactory shouldHaveDurationLessThan(
      String method, Duration max, Duration actual) {
    return new ShouldHaveDurationLessThan(method, max, actual);
  }
}
