package dev.grpccontract.assertj.internal;

import dev.grpccontract.client.GrpcResponse;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Failure of a check that needs a response message on a call that produced none. */
public final class ShouldHaveResponseMessage extends BasicErrorMessageFactory {

  private ShouldHaveResponseMessage(GrpcResponse actual) {
    super(
        "%nExpecting the call to %s to have a response message but it has none; it ended with:%n"
            + "  %s%s",
        unquotedString(actual.method()),
        unquotedString(Texts.status(actual.status())),
        unquotedString(Details.trailers(actual.trailers())));
  }

  /** Creates the message for a response without a message. */
  public static ErrorMessageFactory shouldHaveResponseMessage(GrpcResponse actual) {
    return new ShouldHaveResponseMessage(actual);
  }
}
