package dev.grpccontract.contract;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.ErrorDetailsProto;
import dev.grpccontract.proto.compare.ProtoJson;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes interactions as a {@code *.grpc.yaml} contract file, deterministically: keys in a fixed
 * order, interactions sorted by name, metadata sorted by key, map fields sorted, messages as YAML
 * mappings (one field a line), no timestamps. The same interactions always give the same bytes, so
 * a written file diffs well in review. What it writes loads with {@link Contracts#parse} and fits
 * the format's JSON schema.
 *
 * <pre>{@code
 * String yaml = ContractWriter.write("web", "orders", List.of(
 *     ContractWriter.call("reads an order", getOrder)
 *         .request(request)
 *         .response(order)));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ContractWriter {

  private static final Pattern PLAIN =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_./-]*|[0-9]+(ms|s|m|h)");
  private static final Set<String> RESERVED =
      Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n");

  private ContractWriter() {}

  /** Returns a new interaction named {@code name}, a call of {@code method}, to fill in. */
  public static Call call(String name, MethodDescriptor method) {
    return new Call(name, method);
  }

  /**
   * Returns the contract file text of {@code calls}, sorted by name; {@code consumer} and {@code
   * provider} (either may be null) become the file's top-level keys.
   *
   * @throws IllegalArgumentException when two calls have the same name
   */
  public static String write(String consumer, String provider, List<Call> calls) {
    List<JsonObject> interactions = new ArrayList<>();
    for (Call call : calls) {
      interactions.add(call.toJson());
    }
    return writeJson(consumer, provider, interactions);
  }

  /**
   * Returns the contract file text of interactions already in their JSON form ({@link
   * Call#toJson()}), sorted by name.
   *
   * @throws IllegalArgumentException when two interactions have the same name
   */
  static String writeJson(String consumer, String provider, List<JsonObject> interactions) {
    List<JsonObject> sorted = new ArrayList<>(interactions);
    sorted.sort(Comparator.comparing(i -> i.get("name").getAsString()));
    Set<String> names = new LinkedHashSet<>();
    for (JsonObject interaction : sorted) {
      String name = interaction.get("name").getAsString();
      if (!names.add(name)) {
        throw new IllegalArgumentException(
            "Two interactions are named '"
                + name
                + "'; names must be unique in a contract file, as they name the provider's tests."
                + " Give the calls different names");
      }
    }
    JsonObject file = new JsonObject();
    if (consumer != null) {
      file.addProperty("consumer", consumer);
    }
    if (provider != null) {
      file.addProperty("provider", provider);
    }
    JsonArray array = new JsonArray();
    sorted.forEach(array::add);
    file.add("interactions", array);
    StringBuilder out = new StringBuilder();
    out.append("# Written by grpc-contract from the calls the consumer's tests made.\n");
    block(out, file, 0);
    return out.toString();
  }

  /** The call kinds, which decide the keys an interaction is written with. */
  enum Kind {
    UNARY,
    SERVER_STREAMING,
    CLIENT_STREAMING,
    BIDI_STREAMING
  }

  /**
   * One interaction to write: a call of one method, its request metadata and messages, and the
   * answer the provider must give. Filled in with chained calls; not thread-safe.
   */
  public static final class Call {
    private final String name;
    private final MethodDescriptor method;
    private final Kind kind;
    private final Map<String, List<String>> metadata = new TreeMap<>();
    private final List<Message> requests = new ArrayList<>();
    private final List<Message> responses = new ArrayList<>();
    private final List<JsonObject> steps = new ArrayList<>();
    private final List<Message> errorDetails = new ArrayList<>();
    private final List<String> given = new ArrayList<>();
    private final Map<String, Matcher> matchers = new TreeMap<>();
    private Duration deadline;
    private Status.Code status = Status.Code.OK;
    private String description;
    private boolean halfClosed;

    private Call(String name, MethodDescriptor method) {
      this.name = Objects.requireNonNull(name, "name");
      this.method = Objects.requireNonNull(method, "method");
      if (method.isClientStreaming() && method.isServerStreaming()) {
        kind = Kind.BIDI_STREAMING;
      } else if (method.isClientStreaming()) {
        kind = Kind.CLIENT_STREAMING;
      } else if (method.isServerStreaming()) {
        kind = Kind.SERVER_STREAMING;
      } else {
        kind = Kind.UNARY;
      }
    }

    /** Returns the interaction's name. */
    public String name() {
      return name;
    }

    /** Adds a provider state the interaction needs. */
    public Call given(String state) {
      given.add(Objects.requireNonNull(state, "state"));
      return this;
    }

    /** Adds a request metadata value; {@code -bin} keys take base64 text. */
    public Call metadata(String key, String value) {
      metadata.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      return this;
    }

    /** Sets the call's deadline, written in milliseconds or seconds. */
    public Call deadline(Duration value) {
      this.deadline = value;
      return this;
    }

    /**
     * Adds a request message: the request of a unary or server-streaming call, the next request of
     * a client stream, or for a bidi call a {@code send} step.
     *
     * @throws IllegalStateException when a unary or server-streaming call already has its request
     */
    public Call request(Message message) {
      Objects.requireNonNull(message, "message");
      if (kind == Kind.BIDI_STREAMING) {
        JsonObject step = new JsonObject();
        step.add("send", json(message));
        steps.add(step);
        return this;
      }
      if (!method.isClientStreaming() && !requests.isEmpty()) {
        throw new IllegalStateException(
            method.getFullName()
                + " takes one request; interaction '"
                + name
                + "' already has one. Record a second call as its own interaction");
      }
      requests.add(message);
      return this;
    }

    /**
     * Adds a response message: the response of a unary or client-streaming call, the next message
     * of a server stream, or for a bidi call an {@code expect} step.
     *
     * @throws IllegalStateException when a unary or client-streaming call already has its response
     */
    public Call response(Message message) {
      Objects.requireNonNull(message, "message");
      if (kind == Kind.BIDI_STREAMING) {
        JsonObject step = new JsonObject();
        step.add("expect", json(message));
        steps.add(step);
        return this;
      }
      if (!method.isServerStreaming() && !responses.isEmpty()) {
        throw new IllegalStateException(
            method.getFullName()
                + " answers with one response; interaction '"
                + name
                + "' already has one");
      }
      responses.add(message);
      return this;
    }

    /** For a bidi call, adds the {@code halfClose} step: the client is done sending. */
    public Call halfClose() {
      if (kind == Kind.BIDI_STREAMING && !halfClosed) {
        halfClosed = true;
        JsonObject step = new JsonObject();
        step.addProperty("halfClose", true);
        steps.add(step);
      }
      return this;
    }

    /** Sets the status the call ends with ({@code OK} by default, and then not written). */
    public Call status(Status.Code code) {
      this.status = Objects.requireNonNull(code, "code");
      return this;
    }

    /** Sets the exact status description the call ends with. */
    public Call description(String text) {
      this.description = text;
      return this;
    }

    /** Adds a rich error detail ({@code google.rpc.BadRequest}, ...) the status must carry. */
    public Call errorDetail(Message detail) {
      errorDetails.add(Objects.requireNonNull(detail, "detail"));
      return this;
    }

    /**
     * Adds the details of {@code status} (a {@code google.rpc.Status}, as in the trailer {@code
     * grpc-status-details-bin}) that are {@code google.rpc} types; others are left out.
     */
    public Call errorDetails(com.google.rpc.Status status) {
      JsonFormat.TypeRegistry registry =
          JsonFormat.TypeRegistry.newBuilder()
              .add(ErrorDetailsProto.getDescriptor().getMessageTypes())
              .build();
      for (com.google.protobuf.Any any : status.getDetailsList()) {
        String typeName = any.getTypeUrl().substring(any.getTypeUrl().lastIndexOf('/') + 1);
        var type = registry.find(typeName);
        if (type != null) {
          try {
            errorDetails.add(com.google.protobuf.DynamicMessage.parseFrom(type, any.getValue()));
          } catch (InvalidProtocolBufferException e) {
            // a detail that does not parse is not part of the contract
          }
        }
      }
      return this;
    }

    /**
     * Adds a matcher of the answer, written under the interaction's {@code matchers}: the
     * provider's answer is then compared by it at {@code path} rather than with the example's exact
     * value. {@code kind} and {@code arguments} ({@code regex}, {@code min}, {@code max}, {@code
     * value}) are as the contract format writes them; a path of a server stream starts with the
     * message it applies to ({@code [*].sku}, {@code [0].sku}). Matchers are written sorted by
     * path.
     *
     * @throws IllegalArgumentException for an unknown kind, arguments it cannot take, a path the
     *     response type lacks (naming the closest fields), a kind that does not suit the field, or
     *     a bidirectional call (whose matchers belong to its steps)
     */
    public Call matcher(String path, String kind, Map<String, String> arguments) {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(kind, "kind");
      if (this.kind == Kind.BIDI_STREAMING) {
        throw new IllegalArgumentException(
            method.getFullName()
                + " is bidirectional-streaming; matchers of its answers belong to its steps");
      }
      Matcher matcher = Matcher.of(path, kind, Map.copyOf(arguments));
      String relative = matcher.path;
      if (this.kind == Kind.SERVER_STREAMING) {
        relative = inMessage(matcher.path)[1];
      }
      String problem = matcher.withPath(relative).checkFits(method.getOutputType());
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      matchers.put(matcher.path, matcher);
      return this;
    }

    /**
     * Splits a stream's matcher path into the message selector ({@code *} or an index) and rest.
     */
    private static String[] inMessage(String path) {
      int close = path.indexOf(']');
      String which = path.startsWith("[") && close > 0 ? path.substring(1, close) : null;
      if (which == null || !(which.equals("*") || which.matches("[0-9]+"))) {
        throw new IllegalArgumentException(
            "a matcher of a stream starts with the message it applies to: '[*]."
                + path
                + "' for every message, '[0]."
                + path
                + "' for the first");
      }
      String rest = path.substring(close + 1);
      return new String[] {which, rest.startsWith(".") ? rest.substring(1) : rest};
    }

    /**
     * Returns a line for every way the call's own responses break its matchers (a value the regex
     * does not match, a list shorter than {@code eachLike}'s minimum, ...); empty when they hold,
     * as they must for a consumer to rely on them.
     */
    public List<String> matcherProblems() {
      List<String> failures = new ArrayList<>();
      for (Matcher matcher : matchers.values()) {
        if (kind == Kind.SERVER_STREAMING) {
          String[] split = inMessage(matcher.path);
          for (int i = 0; i < responses.size(); i++) {
            if (split[0].equals("*") || split[0].equals(String.valueOf(i))) {
              Message response = responses.get(i);
              matcher
                  .withPath(split[1])
                  .check(response, response, "responses[" + i + "].", failures);
            }
          }
        } else if (!responses.isEmpty()) {
          matcher.check(responses.get(0), responses.get(0), "response.", failures);
        }
      }
      return failures;
    }

    /** Returns the interaction as the JSON tree it is written from, keys in the written order. */
    JsonObject toJson() {
      JsonObject out = new JsonObject();
      out.addProperty("name", name);
      out.addProperty("method", method.getService().getFullName() + "/" + method.getName());
      if (!given.isEmpty()) {
        JsonArray states = new JsonArray();
        given.forEach(states::add);
        out.add("given", states);
      }
      if (!metadata.isEmpty()) {
        JsonObject values = new JsonObject();
        metadata.forEach(
            (key, list) -> {
              if (list.size() == 1) {
                values.addProperty(key, list.get(0));
              } else {
                JsonArray array = new JsonArray();
                list.forEach(array::add);
                values.add(key, array);
              }
            });
        out.add("metadata", values);
      }
      if (deadline != null) {
        long millis = deadline.toMillis();
        out.addProperty("deadline", millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms");
      }
      switch (kind) {
        case UNARY, SERVER_STREAMING -> {
          if (!requests.isEmpty()) {
            out.add("request", json(requests.get(0)));
          }
        }
        case CLIENT_STREAMING -> {
          JsonArray array = new JsonArray();
          requests.forEach(m -> array.add(json(m)));
          out.add("requests", array);
        }
        case BIDI_STREAMING -> {
          JsonArray array = new JsonArray();
          steps.forEach(array::add);
          out.add("steps", array);
        }
      }
      if (status != Status.Code.OK) {
        out.addProperty("status", status.name());
      }
      if (description != null && !description.isEmpty()) {
        out.addProperty("description", description);
      }
      if (!errorDetails.isEmpty()) {
        JsonArray details = new JsonArray();
        for (Message detail : errorDetails) {
          JsonObject one = new JsonObject();
          one.addProperty("@type", detail.getDescriptorForType().getFullName());
          json(detail).getAsJsonObject().entrySet().forEach(e -> one.add(e.getKey(), e.getValue()));
          details.add(one);
        }
        out.add("errorDetails", details);
      }
      if (kind == Kind.UNARY || kind == Kind.CLIENT_STREAMING) {
        if (!responses.isEmpty()) {
          out.add("response", json(responses.get(0)));
        }
      } else if (kind == Kind.SERVER_STREAMING) {
        JsonArray array = new JsonArray();
        responses.forEach(m -> array.add(json(m)));
        out.add("responses", array);
      }
      if (!matchers.isEmpty()) {
        JsonObject written = new JsonObject();
        matchers.forEach(
            (path, matcher) -> written.add(path.isEmpty() ? "$" : path, matcher.toJson()));
        out.add("matchers", written);
      }
      return out;
    }

    @Override
    public String toString() {
      return name + " (" + method.getFullName() + ")";
    }
  }

  /** A message as protobuf JSON: field-number order, map keys sorted, defaults left out. */
  static JsonElement json(Message message) {
    try {
      String text =
          JsonFormat.printer()
              .usingTypeRegistry(ProtoJson.registryFor(message.getDescriptorForType()))
              .sortingMapKeys()
              .omittingInsignificantWhitespace()
              .print(message);
      return JsonParser.parseString(text);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "Cannot write a "
              + message.getDescriptorForType().getFullName()
              + " as JSON: "
              + e.getMessage()
              + ". An Any field holds a type the schema lacks; add its file to the schema",
          e);
    }
  }

  /** Writes {@code value} as a block of YAML lines at {@code indent}, after a key and a colon. */
  private static void block(StringBuilder out, JsonElement value, int indent) {
    if (value.isJsonObject() && !value.getAsJsonObject().isEmpty()) {
      for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
        out.append(" ".repeat(indent)).append(scalar(entry.getKey())).append(':');
        nested(out, entry.getValue(), indent + 2);
      }
    } else if (value.isJsonArray() && !value.getAsJsonArray().isEmpty()) {
      for (JsonElement element : value.getAsJsonArray()) {
        StringBuilder item = new StringBuilder();
        if (isCollection(element)) {
          block(item, element, indent + 2);
          out.append(" ".repeat(indent)).append("- ").append(item.substring(indent + 2));
        } else {
          out.append(" ".repeat(indent)).append("- ").append(inline(element)).append('\n');
        }
      }
    } else {
      out.append(" ".repeat(indent)).append(inline(value)).append('\n');
    }
  }

  private static void nested(StringBuilder out, JsonElement value, int indent) {
    if (isCollection(value)) {
      out.append('\n');
      block(out, value, indent);
    } else {
      out.append(' ').append(inline(value)).append('\n');
    }
  }

  private static boolean isCollection(JsonElement value) {
    return (value.isJsonObject() && !value.getAsJsonObject().isEmpty())
        || (value.isJsonArray() && !value.getAsJsonArray().isEmpty());
  }

  private static String inline(JsonElement value) {
    if (value.isJsonObject()) {
      return "{}";
    }
    if (value.isJsonArray()) {
      return "[]";
    }
    if (value.isJsonNull()) {
      return "null";
    }
    JsonPrimitive primitive = value.getAsJsonPrimitive();
    if (primitive.isString()) {
      return scalar(primitive.getAsString());
    }
    return primitive.toString();
  }

  /** Returns {@code text} plain when YAML reads it back as the same string, else double-quoted. */
  private static String scalar(String text) {
    if (PLAIN.matcher(text).matches()
        && !RESERVED.contains(text.toLowerCase(java.util.Locale.ROOT))) {
      return text;
    }
    return new JsonPrimitive(text).toString();
  }
}
