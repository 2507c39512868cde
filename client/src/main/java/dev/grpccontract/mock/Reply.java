package dev.grpccontract.mock;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import com.google.rpc.ErrorDetailsProto;
import dev.grpccontract.internal.Names;
import dev.grpccontract.mock.internal.MockCall;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.proto.compare.ProtoJson;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a stub answers: messages in order, pauses between them, and the status the call ends with
 * (with a description, rich error details and trailers). Made by {@link Stubbing#json}, {@link
 * Stubbing#message}, {@link Stubbing#messages} or {@link Stubbing#status}; every {@code then...}
 * and {@code with...} method returns a new reply. Messages given as JSON are parsed into the
 * method's response type when the stub is added.
 *
 * <pre>{@code
 * messages("{\"text\": \"a\"}").thenDelay(Duration.ofMillis(50)).thenJson("{\"text\": \"b\"}")
 *     .thenStatus(Status.Code.UNAVAILABLE, "gone mid-stream")
 * }</pre>
 */
public final class Reply {

  /** A step before the end: JSON text, a {@link Message}, or a {@link Duration} pause. */
  private final List<Object> steps;

  private final Status.Code code;
  private final String description;
  private final List<Object> details;
  private final List<String[]> headers;
  private final List<String[]> trailers;

  /** Path and matcher pairs, in the order given. */
  private final List<Map.Entry<String, ReplyMatcher>> matchers;

  private Reply(
      List<Object> steps,
      Status.Code code,
      String description,
      List<Object> details,
      List<String[]> headers,
      List<String[]> trailers,
      List<Map.Entry<String, ReplyMatcher>> matchers) {
    this.matchers = List.copyOf(matchers);
    this.steps = List.copyOf(steps);
    this.code = code;
    this.description = description;
    this.details = List.copyOf(details);
    this.headers = List.copyOf(headers);
    this.trailers = List.copyOf(trailers);
  }

  static Reply empty() {
    return new Reply(List.of(), null, null, List.of(), List.of(), List.of(), List.of());
  }

  private Reply withStep(Object step) {
    List<Object> all = new ArrayList<>(steps);
    all.add(step);
    return new Reply(all, code, description, details, headers, trailers, matchers);
  }

  /** Returns this reply followed by a message given as protobuf JSON of the response type. */
  public Reply thenJson(String json) {
    return withStep(Objects.requireNonNull(json, "json"));
  }

  /** Returns this reply followed by {@code message}, of the method's response type. */
  public Reply thenMessage(Message message) {
    return withStep(Objects.requireNonNull(message, "message"));
  }

  /**
   * Returns this reply followed by a pause; the next message (or the end) is sent after it. No
   * thread sleeps: the pause is timed on the mock's timer.
   *
   * @throws IllegalArgumentException when negative
   */
  public Reply thenDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("A delay must not be negative, but was " + delay);
    }
    return withStep(delay);
  }

  /** Returns this reply with a pause before everything it sends: a slow answer. */
  public Reply delayedBy(Duration delay) {
    Reply pause = empty().thenDelay(delay);
    List<Object> all = new ArrayList<>(pause.steps);
    all.addAll(steps);
    return new Reply(all, code, description, details, headers, trailers, matchers);
  }

  /** Returns this reply ending with {@code code} (after the messages it sends). */
  public Reply thenStatus(Status.Code code) {
    return new Reply(
        steps,
        Objects.requireNonNull(code, "code"),
        description,
        details,
        headers,
        trailers,
        matchers);
  }

  /** Returns this reply ending with {@code code} and {@code description}. */
  public Reply thenStatus(Status.Code code, String description) {
    return thenStatus(code).withDescription(description);
  }

  /** Returns this reply with {@code description} on the status it ends with. */
  public Reply withDescription(String description) {
    return new Reply(
        steps,
        code,
        Objects.requireNonNull(description, "description"),
        details,
        headers,
        trailers,
        matchers);
  }

  /**
   * Returns this reply with rich error details: a {@code google.rpc.Status} carrying {@code
   * details} in the {@code grpc-status-details-bin} trailer, as {@code
   * io.grpc.protobuf.StatusProto} writes it. Only for replies ending with an error status.
   */
  public Reply withErrorDetails(Message... details) {
    List<Object> all = new ArrayList<>(this.details);
    for (Message detail : details) {
      all.add(Objects.requireNonNull(detail, "detail"));
    }
    return new Reply(steps, code, description, all, headers, trailers, matchers);
  }

  /**
   * Returns this reply with rich error details given as JSON with their type, e.g. {@code {"@type":
   * "google.rpc.BadRequest", "fieldViolations": [...]}}: {@code google.rpc} types or any message
   * type of the schema.
   */
  public Reply withErrorDetailsJson(String... details) {
    List<Object> all = new ArrayList<>(this.details);
    for (String detail : details) {
      all.add(new DetailJson(Objects.requireNonNull(detail, "detail")));
    }
    return new Reply(steps, code, description, all, headers, trailers, matchers);
  }

  /** Returns this reply with a response header; a {@code -bin} key takes base64. */
  public Reply withHeader(String key, String value) {
    List<String[]> all = new ArrayList<>(headers);
    all.add(new String[] {Objects.requireNonNull(key, "key"), Objects.requireNonNull(value)});
    return new Reply(steps, code, description, details, all, trailers, matchers);
  }

  /** Returns this reply with a trailer; a {@code -bin} key takes base64. */
  public Reply withTrailer(String key, String value) {
    List<String[]> all = new ArrayList<>(trailers);
    all.add(new String[] {Objects.requireNonNull(key, "key"), Objects.requireNonNull(value)});
    return new Reply(steps, code, description, details, headers, all, matchers);
  }

  /**
   * Returns this reply with what the consumer relies on at {@code path} of the answer: the mock
   * still sends the example, but a consumer contract written from the mock ({@code
   * GrpcConsumerContract}, {@link GrpcMockServer#exercisedInteractions}) carries the matcher, so
   * the provider's answer is compared by it instead of with the example's exact value. Paths are
   * those of the contract format ({@code id}, {@code items[*].sku}, {@code labels["env"]}, {@code
   * $} for the whole message); for a server stream the matcher applies to every message (written
   * {@code [*].path}). When the stub is added, the path must fit the method's response type and
   * every message of the reply must satisfy the matcher. A second matcher at the same path replaces
   * the first.
   *
   * <pre>{@code
   * json("{\"id\": \"o-42\", \"items\": [{\"sku\": \"ABC-1\"}]}")
   *     .matching("id", type())
   *     .matching("items", eachLike(1))
   *     .matching("items[*].sku", regex("[A-Z]{3}-\\d+"))
   * }</pre>
   */
  public Reply matching(String path, ReplyMatcher matcher) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(matcher, "matcher");
    List<Map.Entry<String, ReplyMatcher>> all = new ArrayList<>();
    for (Map.Entry<String, ReplyMatcher> entry : matchers) {
      if (!entry.getKey().equals(path)) {
        all.add(entry);
      }
    }
    all.add(Map.entry(path, matcher));
    return new Reply(steps, code, description, details, headers, trailers, all);
  }

  /** Returns the matchers of {@link #matching}, in the order given. */
  List<Map.Entry<String, ReplyMatcher>> matchers() {
    return matchers;
  }

  /** Returns how many messages the reply sends. */
  public int messageCount() {
    return (int) steps.stream().filter(s -> !(s instanceof Duration)).count();
  }

  /** Returns whether the reply ends the call with a status of its own. */
  boolean ends() {
    return code != null;
  }

  /** Returns the status code the reply ends with; OK when it sets none. */
  Status.Code code() {
    return code == null ? Status.Code.OK : code;
  }

  /** Returns the reply in one line: the messages as compact JSON, the pauses, the status. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    for (Object step : steps) {
      parts.add(
          step instanceof Message m
              ? ProtoJson.compact(m)
              : step instanceof Duration d ? "delay " + d : String.valueOf(step));
    }
    parts.add("status " + code() + (description == null ? "" : " " + ProtoJson.quote(description)));
    return String.join(", ", parts);
  }

  /** A detail written as JSON with {@code @type}. */
  private record DetailJson(String json) {}

  /**
   * Returns the actions that play this reply on a call of a method answering {@code type}; ends the
   * call when {@code close} is true or the reply sets a status.
   *
   * @throws IllegalArgumentException when a message does not fit the type, or the details cannot be
   *     read
   */
  List<MockCall.Action> bind(ProtoSchema schema, Descriptor type, String where, boolean close) {
    List<MockCall.Action> actions = new ArrayList<>();
    if (!headers.isEmpty()) {
      actions.add(new MockCall.Headers(metadata(headers, where + " withHeader")));
    }
    int index = 0;
    for (Object step : steps) {
      if (step instanceof Duration delay) {
        actions.add(new MockCall.Pause(delay));
        continue;
      }
      String what = where + " reply message " + index++;
      Message message;
      if (step instanceof Message given) {
        if (!given.getDescriptorForType().getFullName().equals(type.getFullName())) {
          throw new IllegalArgumentException(
              what
                  + " is a "
                  + given.getDescriptorForType().getFullName()
                  + " but the method answers "
                  + type.getFullName());
        }
        message = given;
      } else {
        message = ProtoJson.parse((String) step, type, what, schema.typeRegistry());
      }
      actions.add(new MockCall.Send(conform(schema, type, message)));
    }
    if (close || ends()) {
      actions.add(closing(schema, where));
    }
    return actions;
  }

  /**
   * Returns {@code message} as an instance of the class the schema's marshaller makes (the
   * generated class, when the schema came from generated classes): in-process, grpc-java hands the
   * object itself to a client whose marshaller has the same parser, and a generated stub casts it.
   */
  static Message conform(ProtoSchema schema, Descriptor type, Message message) {
    Message prototype = schema.defaultInstance(type);
    if (prototype.getClass() == message.getClass()
        && prototype.getDescriptorForType() == message.getDescriptorForType()) {
      return message;
    }
    try {
      return prototype.getParserForType().parseFrom(message.toByteString());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "Cannot read a " + type.getFullName() + " as the schema's own class of it", e);
    }
  }

  private MockCall.Close closing(ProtoSchema schema, String where) {
    Status status = Status.fromCode(code());
    if (description != null) {
      status = status.withDescription(description);
    }
    Metadata trailerMetadata = metadata(trailers, where + " withTrailer");
    if (details.isEmpty()) {
      return new MockCall.Close(status, trailerMetadata);
    }
    if (code() == Status.Code.OK) {
      throw new IllegalArgumentException(
          where
              + ": error details go with an error status; add thenStatus(Status.Code.INVALID_ARGUMENT,"
              + " \"...\") or another code but OK");
    }
    com.google.rpc.Status.Builder rich =
        com.google.rpc.Status.newBuilder().setCode(status.getCode().value());
    if (description != null) {
      rich.setMessage(description);
    }
    for (Object detail : details) {
      rich.addDetails(
          Any.pack(detail instanceof Message m ? m : parseDetail(schema, detail, where)));
    }
    StatusRuntimeException exception = StatusProto.toStatusRuntimeException(rich.build());
    Metadata all = exception.getTrailers() == null ? new Metadata() : exception.getTrailers();
    all.merge(trailerMetadata);
    return new MockCall.Close(exception.getStatus(), all);
  }

  private static Message parseDetail(ProtoSchema schema, Object detail, String where) {
    String json = ((DetailJson) detail).json();
    JsonElement parsed;
    try {
      parsed = JsonParser.parseString(json);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(where + " withErrorDetailsJson: not JSON: " + json, e);
    }
    if (!parsed.isJsonObject() || !parsed.getAsJsonObject().has("@type")) {
      throw new IllegalArgumentException(
          where
              + " withErrorDetailsJson: a detail names its type, e.g. {\"@type\":"
              + " \"google.rpc.BadRequest\", ...}; was "
              + json);
    }
    JsonObject fields = parsed.getAsJsonObject().deepCopy();
    String url = fields.remove("@type").getAsString();
    String name = url.substring(url.lastIndexOf('/') + 1);
    Descriptor type = ErrorDetailsProto.getDescriptor().findMessageTypeByName(simple(name));
    if (type == null || !type.getFullName().equals(name)) {
      type = schema.findMessageType(name).orElse(null);
    }
    if (type == null) {
      List<String> known = new ArrayList<>();
      ErrorDetailsProto.getDescriptor().getMessageTypes().forEach(t -> known.add(t.getFullName()));
      throw new IllegalArgumentException(
          where
              + " withErrorDetailsJson: unknown detail type '"
              + name
              + "'"
              + Names.didYouMean(name, known)
              + "; use a google.rpc type or a message type of the schema");
    }
    return ProtoJson.parse(fields.toString(), type, where + " error detail " + name);
  }

  private static String simple(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static Metadata metadata(List<String[]> entries, String where) {
    Metadata metadata = new Metadata();
    for (String[] entry : entries) {
      String key = entry[0].toLowerCase(java.util.Locale.ROOT);
      try {
        if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
          metadata.put(
              Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER),
              Base64.getDecoder().decode(entry[1]));
        } else {
          metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), entry[1]);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            where
                + "(\""
                + entry[0]
                + "\", ...): "
                + e.getMessage()
                + (key.endsWith(Metadata.BINARY_HEADER_SUFFIX) ? " (a -bin value is base64)" : ""),
            e);
      }
    }
    return metadata;
  }
}
