package dev.grpccontract.client;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.client.internal.Json;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a server-streaming call, or of a bidirectional stream once it has ended: every
 * message the server sent, in order, and the final status, headers, trailers and duration.
 *
 * <p>When the server ends the stream with an error after some messages, those messages are kept and
 * {@link #status()} tells the error. Instances are immutable and thread-safe.
 */
public final class StreamResponse implements GrpcResult {

  private final CallResult result;
  private final List<Message> messages;
  private final boolean truncated;

  private StreamResponse(CallResult result, List<Message> messages, boolean truncated) {
    this.result = result;
    this.messages = messages; // an immutable copy, made by the factories
    this.truncated = truncated;
  }

  /**
   * Creates a stream response from its parts, for tests and other clients.
   *
   * @param messages the messages in the order they arrived; copied
   * @param truncated whether the reader stopped early (see {@link CallParams#andMaxMessages})
   */
  public static StreamResponse of(
      String method,
      Status status,
      List<? extends Message> messages,
      Metadata headers,
      Metadata trailers,
      Duration duration,
      boolean truncated) {
    return of(
        method,
        status,
        messages,
        headers,
        trailers,
        duration,
        truncated,
        JsonFormat.TypeRegistry.getEmptyTypeRegistry());
  }

  /** Creates a stream response whose JSON resolves {@code Any} types with {@code typeRegistry}. */
  public static StreamResponse of(
      String method,
      Status status,
      List<? extends Message> messages,
      Metadata headers,
      Metadata trailers,
      Duration duration,
      boolean truncated,
      JsonFormat.TypeRegistry typeRegistry) {
    return new StreamResponse(
        new CallResult(method, status, headers, trailers, duration, typeRegistry, false),
        List.copyOf(messages),
        truncated);
  }

  /** A stream of the client's own call: its metadata objects are its alone, so not copied. */
  static StreamResponse received(
      String method,
      Status status,
      List<? extends Message> messages,
      Metadata headers,
      Metadata trailers,
      Duration duration,
      boolean truncated,
      JsonFormat.TypeRegistry typeRegistry) {
    return new StreamResponse(
        new CallResult(method, status, headers, trailers, duration, typeRegistry, true),
        List.copyOf(messages),
        truncated);
  }

  /** Returns the full name of the method that was called. */
  @Override
  public String method() {
    return result.method;
  }

  /** Returns the final status of the stream. */
  @Override
  public Status status() {
    return result.status;
  }

  /** Returns how many messages the server sent (and were read). */
  public int messageCount() {
    return messages.size();
  }

  /** Returns the messages as {@link DynamicMessage}s, in the order they arrived. */
  public List<DynamicMessage> messages() {
    List<DynamicMessage> dynamic = new ArrayList<>(messages.size());
    for (Message message : messages) {
      dynamic.add(CallResult.toDynamic(message));
    }
    return Collections.unmodifiableList(dynamic);
  }

  /**
   * Returns message {@code index} as a {@link DynamicMessage}.
   *
   * @throws IndexOutOfBoundsException naming how many messages there are
   */
  public DynamicMessage message(int index) {
    if (index < 0 || index >= messages.size()) {
      throw new IndexOutOfBoundsException(
          "The stream of "
              + result.method
              + " has "
              + messages.size()
              + " messages, no message "
              + index);
    }
    return CallResult.toDynamic(messages.get(index));
  }

  /** Returns the messages as they were received: generated types when the schema has them. */
  public List<Message> rawMessages() {
    return messages;
  }

  /** Returns the messages as instances of a generated class, in order. */
  public <T extends Message> List<T> as(Class<T> type) {
    List<T> typed = new ArrayList<>(messages.size());
    for (Message message : messages) {
      typed.add(CallResult.as(result.method, message, type));
    }
    return Collections.unmodifiableList(typed);
  }

  /** Returns each message as protobuf JSON, in order. */
  public List<String> json() {
    JsonFormat.Printer printer = result.printer();
    List<String> json = new ArrayList<>(messages.size());
    for (Message message : messages) {
      json.add(Json.print(printer, message));
    }
    return Collections.unmodifiableList(json);
  }

  /**
   * Returns whether reading stopped at {@link CallParams#maxMessages()} and the call was then
   * cancelled by the client, so the server may have had more to send.
   */
  public boolean truncated() {
    return truncated;
  }

  /** Returns a copy of the headers the server sent. */
  @Override
  public Metadata headers() {
    return CallResult.copy(result.headers);
  }

  /** Returns a copy of the trailers the server sent. */
  @Override
  public Metadata trailers() {
    return CallResult.copy(result.trailers);
  }

  /** Returns the rich error model of a failed stream, if the server attached one. */
  @Override
  public Optional<com.google.rpc.Status> errorDetails() {
    return result.errorDetails();
  }

  /** Returns how long the stream took, from its start to its final status. */
  @Override
  public Duration duration() {
    return result.duration;
  }

  /** Returns the registry that resolves {@code Any} types in the messages' JSON. */
  @Override
  public JsonFormat.TypeRegistry typeRegistry() {
    return result.typeRegistry;
  }

  @Override
  public String toString() {
    JsonFormat.Printer printer = result.printer();
    StringBuilder text =
        new StringBuilder("StreamResponse{")
            .append(result.method)
            .append(' ')
            .append(result.statusText())
            .append(", ")
            .append(messages.size())
            .append(" messages");
    for (int i = 0; i < Math.min(5, messages.size()); i++) {
      text.append(i == 0 ? ": " : ", ").append(Json.printCompact(printer, messages.get(i)));
    }
    if (messages.size() > 5) {
      text.append(", ...");
    }
    if (truncated) {
      text.append(" (truncated)");
    }
    return text.append(", duration=").append(result.duration.toMillis()).append("ms}").toString();
  }
}
