package dev.grpccontract.assertj.internal;

import com.google.protobuf.Message;
import dev.grpccontract.client.GrpcResponse;
import dev.grpccontract.client.StreamResponse;
import dev.grpccontract.proto.compare.ProtoJson;
import io.grpc.Metadata;
import java.util.List;

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

  /** How many stream messages failure messages show; the rest are counted. */
  private static final int MAX_SHOWN_MESSAGES = 20;

  /** Returns the method line, the messages block and the trailers block of a stream response. */
  public static String of(StreamResponse response) {
    return "\nmethod: " + response.method() + messages(response) + trailers(response.trailers());
  }

  /**
   * Returns the messages block of a stream response: each message as compact JSON with its index,
   * at most {@value #MAX_SHOWN_MESSAGES}, or {@code none}.
   */
  public static String messages(StreamResponse response) {
    List<Message> messages = response.rawMessages();
    StringBuilder text = new StringBuilder("\nmessages (").append(messages.size()).append("):");
    if (messages.isEmpty()) {
      return text.append("\n  none").toString();
    }
    for (int i = 0; i < Math.min(MAX_SHOWN_MESSAGES, messages.size()); i++) {
      text.append("\n  [")
          .append(i)
          .append("] ")
          .append(ProtoJson.compact(messages.get(i), response.typeRegistry()));
    }
    if (messages.size() > MAX_SHOWN_MESSAGES) {
      text.append("\n  ... ").append(messages.size() - MAX_SHOWN_MESSAGES).append(" more");
    }
    if (response.truncated()) {
      text.append("\n  (truncated: the client stopped reading)");
    }
    return text.toString();
  }

  /** Returns the method line of a response. */
  public static String method(GrpcResponse response) {
    return "\nmethod: " + response.method();
  }

  /** Returns the response message block: pretty JSON, or {@code no message}. */
  public static String message(GrpcResponse response) {
    return "\nresponse message:\n"
        + Texts.indent(
            response
                .rawMessage()
                .map(m -> ProtoJson.pretty(m, response.typeRegistry()))
                .orElse("no message"));
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
