package dev.grpccontract.assertj.internal;

import dev.grpccontract.client.GrpcResponse;
import io.grpc.Metadata;

/**
 * The lines failure messages add after the check itself: the method, the response message as JSON
 * and the trailers (secrets masked). Each block starts with a line break; empty for nothing.
 */
public final class Details {

  private Details() {}

  /** Returns the method line, the response message block and the trailers block of a response. */
  public static String of(GrpcResponse response) {
    return method(response) + message(response) + trailers(response.trailers());
  }

  /** Returns the method line of a response. */
  public static String method(GrpcResponse response) {
    return "\nmethod: " + response.method();
  }

  /** Returns the response message block: pretty JSON, or {@code no message}. */
  public static String message(GrpcResponse response) {
    return "\nresponse message:\n"
        + Texts.indent(response.rawMessage().map(ProtoJson::pretty).orElse("no message"));
  }

  /** Returns the trailers block, or nothing when {@code trailers} is {@code null}. */
  public static String trailers(Metadata trailers) {
    return trailers == null ? "" : "\ntrailers:\n" + Texts.indent(Metadatas.print(trailers));
  }

  /** Returns the headers block. */
  public static String headers(Metadata headers) {
    return "\nheaders:\n" + Texts.indent(Metadatas.print(headers));
  }
}
