package dev.grpccontract.benchmarks;

import com.google.protobuf.ByteString;
import dev.grpccontract.benchmarks.proto.EchoRequest;
import java.util.Locale;
import java.util.Random;

/** The requests the benchmarks send, by payload size name. */
public final class Payloads {

  /** The name of the payload size of about 100 bytes on the wire. */
  public static final String SMALL = "small";

  /** The name of the payload size of about 300 KB on the wire. */
  public static final String LARGE = "large";

  private Payloads() {}

  /**
   * Returns the request of the given size: a few scalar fields and a payload of fixed,
   * pseudo-random bytes (the same for every call and every run).
   *
   * @throws IllegalArgumentException when {@code size} is neither {@link #SMALL} nor {@link #LARGE}
   */
  public static EchoRequest request(String size) {
    int payloadBytes;
    switch (size.toLowerCase(Locale.ROOT)) {
      case SMALL:
        payloadBytes = 64;
        break;
      case LARGE:
        payloadBytes = 300 * 1024;
        break;
      default:
        throw new IllegalArgumentException(
            "Unknown payload size '" + size + "'; use " + SMALL + " or " + LARGE);
    }
    byte[] payload = new byte[payloadBytes];
    new Random(20261125L).nextBytes(payload);
    return EchoRequest.newBuilder()
        .setId("order-000042")
        .setSequence(42)
        .addTags("contract")
        .addTags("benchmark")
        .setPayload(ByteString.copyFrom(payload))
        .build();
  }
}
