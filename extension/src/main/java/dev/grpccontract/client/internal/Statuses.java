package dev.grpccontract.client.internal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** The statuses the client reports: a client-side failure's cause written into the description. */
public final class Statuses {

  private Statuses() {}

  /**
   * Returns {@code status} with its cause (no connection, a TLS handshake error) said in the
   * description, since the cause does not travel with the status to the test's assertions.
   */
  public static Status explain(Status status) {
    Throwable cause = status.getCause();
    if (status.isOk() || cause == null) {
      return status;
    }
    if (status.getCode() == Status.Code.CANCELLED && cause instanceof StatusRuntimeException) {
      // grpc-java cancels a call whose request or response broke a client-side rule; the rule's
      // own status is what the test wants to see.
      Status inner = ((StatusRuntimeException) cause).getStatus();
      return inner.augmentDescription("the client cancelled the call");
    }
    StringBuilder causes = new StringBuilder();
    for (Throwable t = cause; t != null && causes.length() < 400; t = t.getCause()) {
      String text =
          t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
      if (status.getDescription() == null || !status.getDescription().contains(text)) {
        causes.append(causes.length() == 0 ? "caused by " : "; ").append(text);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return causes.length() == 0 ? status : status.augmentDescription(causes.toString());
  }
}
