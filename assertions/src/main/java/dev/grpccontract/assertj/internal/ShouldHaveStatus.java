package dev.grpccontract.assertj.internal;

import io.grpc.Status;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Failure of a status code check: the expected code, the actual status, then the details. */
public final class ShouldHaveStatus extends BasicErrorMessageFactory {

  private ShouldHaveStatus(Status.Code expected, Status actual, String details) {
    super(
        "%nExpecting gRPC status code:%n  %s%nbut was:%n  %s%s",
        unquotedString(expected.name()),
        unquotedString(Texts.status(actual)),
        unquotedString(details));
  }

  /**
   * Creates the message for a status that does not have the {@code expected} code.
   *
   * @param details the lines from {@link Details} that follow the status
   */
  public static ErrorMessageFactory shouldHaveStatus(
      Status actual, Status.Code expected, String details) {
    return new ShouldHaveStatus(expected, actual, details);
  }
}
