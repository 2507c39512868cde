package dev.grpccontract.client.internal;

import com.google.protobuf.Message;
import io.grpc.Status;
import java.util.Locale;

/**
 * The client's own check of {@code maxOutboundMessageSize}, made before a message is handed to
 * grpc-java. grpc-java checks the size while framing, and a call that has not connected yet then
 * fails outside the call's reach (its listener is never told, and the error is logged): grpc-java
 * issue 12109. Checked here, an oversized request is a {@code RESOURCE_EXHAUSTED} response on every
 * kind of call.
 */
public final class OutboundLimit {

  private OutboundLimit() {}

  /**
   * Returns the {@code RESOURCE_EXHAUSTED} status for a message over {@code max} bytes, or {@code
   * null} when it fits. The size is the serialized size, compressed or not, as grpc-java measures
   * it, and the description is grpc-java's own.
   *
   * @param max the limit in bytes, or a negative number for none
   */
  public static Status check(Message message, int max) {
    if (max < 0) {
      return null;
    }
    int size = message.getSerializedSize();
    if (size <= max) {
      return null;
    }
    return Status.RESOURCE_EXHAUSTED.withDescription(
        String.format(Locale.ROOT, "message too large %d > %d", size, max)
            + ": the request is over maxOutboundMessageSize, so grpc-contract did not send it");
  }
}
