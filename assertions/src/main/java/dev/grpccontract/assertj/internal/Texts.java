package dev.grpccontract.assertj.internal;

import com.google.protobuf.ByteString;
import dev.grpccontract.proto.compare.ProtoJson;
import io.grpc.Status;
import java.util.Base64;

/** Small text helpers shared by the error message factories. */
public final class Texts {

  private Texts() {}

  /** Returns {@code text} as a JSON-style string literal: double quotes, escapes for controls. */
  public static String quote(String text) {
    return ProtoJson.quote(text);
  }

  /** Indents every line of {@code text} by two spaces. */
  public static String indent(String text) {
    return "  " + text.replace("\n", "\n  ");
  }

  /** Returns base64 of {@code bytes}, as protobuf JSON prints bytes. */
  public static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Returns base64 of {@code bytes}, as protobuf JSON prints bytes. */
  public static String base64(ByteString bytes) {
    return ProtoJson.base64(bytes);
  }

  /**
   * Returns a status as failure messages show it: the code, then the quoted description or {@code
   * (no description)}, then the cause when there is one.
   */
  public static String status(Status status) {
    StringBuilder text = new StringBuilder(status.getCode().name());
    if (status.getDescription() == null) {
      text.append(" (no description)");
    } else {
      text.append(' ').append(quote(status.getDescription()));
    }
    if (status.getCause() != null) {
      text.append(", cause: ").append(status.getCause());
    }
    return text.toString();
  }
}
