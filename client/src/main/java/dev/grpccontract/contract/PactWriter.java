package dev.grpccontract.contract;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import dev.grpccontract.proto.ProtoSchema;
import io.grpc.Metadata;
import io.grpc.Status;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Writes interactions as a Pact V4 file in the Pact protobuf plugin's format. */
final class PactWriter {

  private static final String CONTENT_TYPE = "application/protobuf;message=.";

  private PactWriter() {}

  static PactFiles.Written write(
      String consumer,
      String provider,
      String pluginVersion,
      boolean skipUnsupported,
      List<Interaction> interactions,
      ProtoSchema schema) {
    List<PactFiles.Skipped> skipped = new ArrayList<>();
    List<BoundInteraction> kept = new ArrayList<>();
    for (Interaction interaction : interactions) {
      interaction.file().requireFits(schema);
      BoundInteraction bound = interaction.bind(schema);
      String reason = unsupported(bound);
      if (reason != null) {
        skipped.add(new PactFiles.Skipped(interaction, reason));
      } else {
        kept.add(bound);
      }
    }
    if (!skipped.isEmpty() && !skipUnsupported) {
      StringBuilder text =
          new StringBuilder("Cannot write ")
              .append(skipped.size())
              .append(skipped.size() == 1 ? " interaction" : " interactions")
              .append(" in the Pact protobuf plugin's format:");
      skipped.forEach(s -> text.append("\n  ").append(s));
      text.append(
          "\nKeep them in contract files (*.grpc.yaml), or call skippingUnsupported() to write"
              + " the others and list these in skipped()");
      throw new IllegalArgumentException(text.toString());
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException(
          "No interaction to write to the pact between "
              + consumer
              + " and "
              + provider
              + (skipped.isEmpty() ? "" : "; every one was left out: " + skipped));
    }
    byte[] descriptors = descriptorSet(kept);
    String key = md5(descriptors);
    JsonArray array = new JsonArray();
    for (BoundInteraction bound : kept) {
      array.add(interaction(bound, key));
    }
    JsonObject pact = new JsonObject();
    pact.add("consumer", named(consumer));
    pact.add("interactions", array);
    JsonObject metadata = new JsonObject();
    JsonObject specification = new JsonObject();
    specification.addProperty("version", "4.0");
    metadata.add("pactSpecification", specification);
    JsonObject plugin = new JsonObject();
    JsonObject configuration = new JsonObject();
    JsonObject entry = new JsonObject();
    entry.addProperty("protoDescriptors", Base64.getEncoder().encodeToString(descriptors));
    configuration.add(key, entry);
    plugin.add("configuration", configuration);
    plugin.addProperty("name", "protobuf");
    plugin.addProperty("version", pluginVersion);
    JsonArray plugins = new JsonArray();
    plugins.add(plugin);
    metadata.add("plugins", plugins);
    pact.add("metadata", metadata);
    pact.add("provider", named(provider));
    String json =
        new GsonBuilder()
                .setPrettyPrinting()
                .disableHtmlEscaping()
                .serializeNulls()
                .create()
                .toJson(sorted(pact))
            + "\n";
    return new PactFiles.Written(consumer, provider, json, kept.size(), skipped);
  }

  /** Returns why the plugin's format cannot express the interaction, or null when it can. */
  private static String unsupported(BoundInteraction bound) {
    if (bound.kind != BoundInteraction.Kind.UNARY) {
      return bound.kind.word
          + " methods cannot be written: the protobuf plugin's interactions have one request"
          + " and one response message (the plugin does not support gRPC streaming)";
    }
    if (!bound.errorDetails.isEmpty()) {
      return "rich error details (errorDetails) have no place in the plugin's format";
    }
    boolean ok = bound.status == Status.Code.OK;
    if (ok && !bound.trailers.isEmpty()) {
      return "trailers of a successful call cannot be written: the plugin checks the headers of"
          + " a successful call";
    }
    if (!ok && !bound.headers.isEmpty()) {
      return "headers of a failed call cannot be written: the plugin checks the trailers of a"
          + " failed call";
    }
    if (ok && bound.description != null) {
      return "a description of an OK status cannot be written: the plugin writes it as"
          + " grpc-message, which only a failed call carries";
    }
    if (bound.response != null) {
      for (Matcher matcher : bound.response.matchers()) {
        if (matcher.isRoot()) {
          return "matcher '"
              + matcher.kind.word
              + "' on the whole message ($) has no counterpart in Pact";
        }
        if (matcher.kind == Matcher.Kind.RANGE || matcher.kind == Matcher.Kind.PARTIAL) {
          return "matcher '"
              + matcher.kind.word
              + "' at "
              + matcher.path
              + " has no counterpart in Pact's matching rules";
        }
      }
    }
    return null;
  }

  private static JsonObject interaction(BoundInteraction bound, String key) {
    JsonObject out = new JsonObject();
    out.addProperty("description", bound.interaction.name());
    Descriptor in = bound.method.getInputType();
    Descriptor out2 = bound.method.getOutputType();
    JsonObject markup = new JsonObject();
    markup.addProperty("markup", markup(in) + markup(out2));
    markup.addProperty("markupType", "COMMON_MARK");
    out.add("interactionMarkup", markup);
    out.addProperty("pending", false);
    JsonObject protobuf = new JsonObject();
    protobuf.addProperty("descriptorKey", key);
    protobuf.addProperty(
        "service", "." + bound.method.getService().getFullName() + "/" + bound.method.getName());
    JsonObject plugin = new JsonObject();
    plugin.add("protobuf", protobuf);
    out.add("pluginConfiguration", plugin);
    if (!bound.interaction.given().isEmpty()) {
      JsonArray states = new JsonArray();
      for (Interaction.Given given : bound.interaction.given()) {
        JsonObject state = new JsonObject();
        state.addProperty("name", given.name());
        if (!given.params().isEmpty()) {
          state.add("params", toJson(given.params()));
        }
        states.add(state);
      }
      out.add("providerStates", states);
    }
    JsonObject request = new JsonObject();
    request.add("contents", contents(bound.request));
    JsonObject requestMetadata = metadata(bound.metadata);
    requestMetadata.addProperty("contentType", CONTENT_TYPE + in.getFullName());
    request.add("metadata", requestMetadata);
    out.add("request", request);
    out.add("response", response(bound, out2));
    out.addProperty("transport", "grpc");
    out.addProperty("type", PactReader.SYNCHRONOUS_MESSAGES);
    return out;
  }

  private static JsonArray response(BoundInteraction bound, Descriptor type) {
    JsonObject response = new JsonObject();
    JsonObject metadata = new JsonObject();
    JsonObject metadataRules = new JsonObject();
    metadata.addProperty("contentType", CONTENT_TYPE + type.getFullName());
    boolean ok = bound.status == Status.Code.OK;
    if (!ok) {
      metadata.addProperty("grpc-status", bound.status.name());
    }
    if (bound.description != null) {
      text("grpc-message", bound.description, metadata, metadataRules);
    }
    for (Map.Entry<String, BoundInteraction.TextCheck> check :
        (ok ? bound.headers : bound.trailers).entrySet()) {
      text(check.getKey(), check.getValue(), metadata, metadataRules);
    }
    response.add("metadata", metadata);
    JsonObject rules = new JsonObject();
    if (bound.response != null) {
      response.add("contents", contents(bound.response.example()));
      JsonObject body = new JsonObject();
      for (Matcher matcher : bound.response.matchers()) {
        body.add("$." + pactPath(matcher.path, type), rule(matcher(matcher)));
      }
      if (body.size() > 0) {
        rules.add("body", body);
      }
    }
    if (metadataRules.size() > 0) {
      rules.add("metadata", metadataRules);
    }
    if (rules.size() > 0) {
      response.add("matchingRules", rules);
    }
    JsonArray list = new JsonArray();
    list.add(response);
    return list;
  }

  private static void text(
      String key, BoundInteraction.TextCheck check, JsonObject values, JsonObject rules) {
    if (check.exact != null) {
      values.addProperty(key, check.exact);
    } else if (check.contains != null) {
      values.addProperty(key, check.contains);
      JsonObject include = new JsonObject();
      include.addProperty("match", "include");
      include.addProperty("value", check.contains);
      rules.add(key, rule(include));
    } else {
      // A contract's text regex searches in the text; Pact's matches the whole of it.
      values.addProperty(key, check.regex.pattern());
      JsonObject regex = new JsonObject();
      regex.addProperty("match", "regex");
      regex.addProperty("regex", ".*(?:" + check.regex.pattern() + ").*");
      rules.add(key, rule(regex));
    }
  }

  private static JsonObject matcher(Matcher matcher) {
    JsonObject out = new JsonObject();
    switch (matcher.kind) {
      case REGEX:
        out.addProperty("match", "regex");
        out.addProperty("regex", matcher.regex.pattern());
        break;
      case INCLUDE:
        out.addProperty("match", "include");
        out.addProperty("value", matcher.value);
        break;
      case EQUALITY:
        out.addProperty("match", "equality");
        break;
      case NOT_EMPTY:
        out.addProperty("match", "notEmpty");
        break;
      case EACH_LIKE:
        out.addProperty("match", "type");
        out.addProperty("min", matcher.min == null ? 1 : matcher.min.intValue());
        bound(out, "max", matcher.max);
        break;
      default: // TYPE, IGNORE
        out.addProperty("match", "type");
        bound(out, "min", matcher.min);
        bound(out, "max", matcher.max);
    }
    return out;
  }

  private static void bound(JsonObject out, String name, BigDecimal value) {
    if (value != null) {
      out.addProperty(name, value.intValue());
    }
  }

  private static JsonObject rule(JsonObject matcher) {
    JsonObject rule = new JsonObject();
    rule.addProperty("combine", "AND");
    JsonArray matchers = new JsonArray();
    matchers.add(matcher);
    rule.add("matchers", matchers);
    return rule;
  }

  /**
   * A contract path with JSON names as the plugin writes it: proto field names after {@code $.}.
   */
  private static String pactPath(String path, Descriptor type) {
    StringBuilder out = new StringBuilder();
    Descriptor current = type;
    FieldDescriptor field = null;
    for (String step : YamlNodes.steps(path)) {
      if (step.startsWith("[")) {
        String inner = step.substring(1, step.length() - 1);
        if (inner.startsWith("\"")) {
          out.append("['").append(inner, 1, inner.length() - 1).append("']");
        } else {
          out.append(step);
        }
        continue;
      }
      FieldDescriptor next = null;
      if (current != null) {
        next = current.findFieldByName(step);
        if (next == null) {
          for (FieldDescriptor candidate : current.getFields()) {
            if (candidate.getJsonName().equals(step)) {
              next = candidate;
            }
          }
        }
      }
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(next == null ? step : next.getName());
      field = next;
      current =
          field != null
                  && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                  && !field.isMapField()
              ? field.getMessageType()
              : null;
    }
    return out.toString();
  }

  private static JsonObject contents(Message message) {
    JsonObject contents = new JsonObject();
    contents.addProperty("content", Base64.getEncoder().encodeToString(message.toByteArray()));
    contents.addProperty(
        "contentType", CONTENT_TYPE + message.getDescriptorForType().getFullName());
    contents.addProperty("contentTypeHint", "BINARY");
    contents.addProperty("encoded", "base64");
    return contents;
  }

  private static JsonObject metadata(Metadata metadata) {
    JsonObject out = new JsonObject();
    for (String key : new java.util.TreeSet<>(metadata.keys())) {
      List<String> values = new ArrayList<>();
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        for (byte[] value :
            metadata.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))) {
          values.add(Base64.getEncoder().encodeToString(value));
        }
      } else {
        for (String value :
            metadata.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
          values.add(value);
        }
      }
      if (values.size() == 1) {
        out.addProperty(key, values.get(0));
      } else {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        out.add(key, array);
      }
    }
    return out;
  }

  /** A short view of a message type for the Pact Broker's pages, as the plugin writes one. */
  private static String markup(Descriptor type) {
    StringBuilder text = new StringBuilder("```protobuf\nmessage ").append(type.getName());
    text.append(" {\n");
    for (FieldDescriptor field : type.getFields()) {
      text.append("    ");
      if (field.isMapField()) {
        text.append("map<")
            .append(typeName(field.getMessageType().findFieldByNumber(1)))
            .append(", ")
            .append(typeName(field.getMessageType().findFieldByNumber(2)))
            .append('>');
      } else {
        if (field.isRepeated()) {
          text.append("repeated ");
        }
        text.append(typeName(field));
      }
      text.append(' ').append(field.getName()).append(" = ").append(field.getNumber());
      text.append(";\n");
    }
    return text.append("}\n```\n").toString();
  }

  private static String typeName(FieldDescriptor field) {
    switch (field.getJavaType()) {
      case MESSAGE:
        return "." + field.getMessageType().getFullName();
      case ENUM:
        return "." + field.getEnumType().getFullName();
      default:
        return field.getType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The files of the interactions' methods and their imports, imports first, as protoc does. */
  private static byte[] descriptorSet(List<BoundInteraction> interactions) {
    Set<FileDescriptor> files = new LinkedHashSet<>();
    for (BoundInteraction bound : interactions) {
      addWithImports(bound.method.getFile(), files);
    }
    FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
    files.forEach(f -> set.addFile(f.toProto()));
    return set.build().toByteArray();
  }

  private static void addWithImports(FileDescriptor file, Set<FileDescriptor> files) {
    if (files.contains(file)) {
      return;
    }
    for (FileDescriptor dependency : file.getDependencies()) {
      addWithImports(dependency, files);
    }
    files.add(file);
  }

  private static String md5(byte[] bytes) {
    try {
      // The plugin keys the descriptors by the MD5 of their bytes; it names, it does not secure.
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }

  private static JsonObject named(String name) {
    JsonObject object = new JsonObject();
    object.addProperty("name", name);
    return object;
  }

  private static JsonElement toJson(Object value) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof Map<?, ?> map) {
      JsonObject object = new JsonObject();
      map.forEach((k, v) -> object.add(String.valueOf(k), toJson(v)));
      return object;
    }
    if (value instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(v -> array.add(toJson(v)));
      return array;
    }
    if (value instanceof Number number) {
      return new JsonPrimitive(number);
    }
    if (value instanceof Boolean flag) {
      return new JsonPrimitive(flag);
    }
    return new JsonPrimitive(String.valueOf(value));
  }

  /** Returns {@code element} with the keys of every object in alphabetical order. */
  private static JsonElement sorted(JsonElement element) {
    if (element.isJsonObject()) {
      TreeMap<String, JsonElement> entries = new TreeMap<>();
      element.getAsJsonObject().entrySet().forEach(e -> entries.put(e.getKey(), e.getValue()));
      JsonObject object = new JsonObject();
      entries.forEach((k, v) -> object.add(k, sorted(v)));
      return object;
    }
    if (element.isJsonArray()) {
      JsonArray array = new JsonArray();
      element.getAsJsonArray().forEach(e -> array.add(sorted(e)));
      return array;
    }
    return element;
  }
}
