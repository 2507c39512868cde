package dev.grpccontract.contract;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.ErrorDetailsProto;
import dev.grpccontract.internal.Durations;
import dev.grpccontract.internal.Names;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.proto.compare.ProtoJson;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * An interaction resolved against a schema: its method, request messages and expectations parsed
 * into the method's types, or the problems that stop that, each at its line and column.
 */
final class BoundInteraction {

  /** The streaming kind of a method. */
  enum Kind {
    UNARY("unary"),
    SERVER_STREAMING("server-streaming"),
    CLIENT_STREAMING("client-streaming"),
    BIDI_STREAMING("bidirectional-streaming");

    final String word;

    Kind(String word) {
      this.word = word;
    }

    static Kind of(MethodDescriptor method) {
      if (method.isClientStreaming()) {
        return method.isServerStreaming() ? BIDI_STREAMING : CLIENT_STREAMING;
      }
      return method.isServerStreaming() ? SERVER_STREAMING : UNARY;
    }
  }

  /** A check of a text: the status description, or a header or trailer value. */
  static final class TextCheck {
    final String exact;
    final String contains;
    final Pattern regex;

    /**
     * The text a mock sends for a {@code contains} or {@code regex} check; null when none given.
     */
    String example;

    TextCheck(String exact, String contains, Pattern regex) {
      this.exact = exact;
      this.contains = contains;
      this.regex = regex;
    }

    boolean accepts(String actual) {
      if (actual == null) {
        return false;
      }
      if (exact != null) {
        return exact.equals(actual);
      }
      if (contains != null) {
        return actual.contains(contains);
      }
      return regex.matcher(actual).find();
    }

    String expected() {
      if (exact != null) {
        return ProtoJson.quote(exact);
      }
      if (contains != null) {
        return "a text containing " + ProtoJson.quote(contains);
      }
      return "a text matching /" + regex.pattern() + "/";
    }
  }

  /** A bidi step. */
  record Step(String kind, Message message, MessageCheck check, Duration within, Node at) {}

  /** An expected error detail: its type and the fields given. */
  record DetailCheck(Descriptor type, Message expected, JsonObject fields) {}

  final Interaction interaction;
  final List<ContractProblem> problems = new ArrayList<>();
  MethodDescriptor method;
  Kind kind;
  Metadata metadata = new Metadata();
  Duration deadline;
  Message request;
  final List<Message> requests = new ArrayList<>();
  final List<Step> steps = new ArrayList<>();
  Status.Code status = Status.Code.OK;
  TextCheck description;
  final List<DetailCheck> errorDetails = new ArrayList<>();
  final Map<String, TextCheck> headers = new LinkedHashMap<>();
  final Map<String, TextCheck> trailers = new LinkedHashMap<>();
  MessageCheck response;
  final List<MessageCheck> responses = new ArrayList<>();
  Integer count;
  Integer atLeast;

  private final YamlNodes yaml;
  private ProtoSchema schema;

  private BoundInteraction(Interaction interaction) {
    this.interaction = interaction;
    this.yaml = new YamlNodes(interaction.file().name());
  }

  List<ContractProblem> problems() {
    return problems;
  }

  static BoundInteraction bind(Interaction interaction, ProtoSchema schema) {
    BoundInteraction bound = new BoundInteraction(interaction);
    bound.schema = schema;
    bound.bindAll();
    bound.problems.addAll(bound.yaml.problems());
    return bound;
  }

  private void bindAll() {
    method = schema.findMethod(interaction.method()).orElse(null);
    readStatus();
    readCallOptions();
    if (method == null) {
      String message;
      try {
        schema.method(interaction.method());
        message = "no method '" + interaction.method() + "'";
      } catch (IllegalArgumentException e) {
        message = e.getMessage();
      }
      yaml.problem(interaction.node("method"), message);
      return;
    }
    kind = Kind.of(method);
    checkKeysFitKind();
    Descriptor in = method.getInputType();
    Descriptor out = method.getOutputType();
    Node requestNode = interaction.node("request");
    if (kind == Kind.UNARY || kind == Kind.SERVER_STREAMING) {
      request =
          requestNode == null ? schema.defaultInstance(in) : message(requestNode, in, "'request'");
    }
    Node requestsNode = interaction.node("requests");
    if (requestsNode != null && kind == Kind.CLIENT_STREAMING) {
      List<Node> elements = yaml.sequence(requestsNode, "'requests'");
      for (int i = 0; i < elements.size(); i++) {
        requests.add(message(elements.get(i), in, "'requests[" + i + "]'"));
      }
    }
    List<Matcher> matchers =
        interaction.node("matchers") == null
            ? List.of()
            : Matcher.read(yaml, interaction.node("matchers"), "'matchers'");
    if (kind == Kind.UNARY || kind == Kind.CLIENT_STREAMING) {
      Node responseNode = interaction.node("response");
      if (responseNode != null) {
        response = check(responseNode, out, "'response'", matchers);
      } else if (!matchers.isEmpty()) {
        yaml.problem(interaction.keyNode("matchers"), "'matchers' needs a 'response' to loosen");
      }
    } else if (kind == Kind.SERVER_STREAMING) {
      bindResponses(out, matchers);
    } else {
      if (!matchers.isEmpty()) {
        yaml.problem(
            interaction.keyNode("matchers"),
            "a bidi interaction puts 'matchers' beside each '- expect:' step");
      }
      bindSteps(in, out);
    }
    readCounts();
    readErrorDetails();
  }

  private void checkKeysFitKind() {
    String name = interaction.method();
    switch (kind) {
      case UNARY:
        misplaced("requests", "a unary method takes one 'request'");
        misplaced("steps", "a unary method takes one 'request'");
        misplaced("responses", "a unary method answers one 'response'");
        break;
      case SERVER_STREAMING:
        misplaced("requests", "a server-streaming method takes one 'request'");
        misplaced("steps", "a server-streaming method takes one 'request'");
        misplaced(
            "response",
            name + " is server-streaming: give 'responses', a list of the messages in order");
        break;
      case CLIENT_STREAMING:
        misplaced(
            "request",
            name + " is client-streaming: give 'requests', a list of the messages to send");
        misplaced("steps", name + " is client-streaming: give 'requests'");
        misplaced("responses", "a client-streaming method answers one 'response'");
        break;
      default:
        misplaced(
            "request",
            name
                + " is bidirectional-streaming: give 'steps' (- send: ..., - expect: ..., - halfClose: true)");
        misplaced("requests", name + " is bidirectional-streaming: give 'steps'");
    }
    if (kind != Kind.SERVER_STREAMING) {
      misplaced("count", "'count' is for the messages of a server stream");
      misplaced("atLeast", "'atLeast' is for the messages of a server stream");
    }
  }

  private void misplaced(String key, String fix) {
    if (interaction.keyNode(key) != null) {
      yaml.problem(
          interaction.keyNode(key),
          "'" + key + "' does not suit " + interaction.method() + " (" + kind.word + "): " + fix);
    }
  }

  private void bindResponses(Descriptor out, List<Matcher> matchers) {
    Node node = interaction.node("responses");
    List<Node> elements = node == null ? List.of() : yaml.sequence(node, "'responses'");
    List<List<Matcher>> perMessage = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      perMessage.add(new ArrayList<>());
    }
    for (Matcher matcher : matchers) {
      String path = matcher.path;
      int close = path.indexOf(']');
      if (!path.startsWith("[") || close < 0) {
        yaml.problem(
            matcher.at,
            "a matcher of a stream starts with the message it applies to: '[*]."
                + path
                + "' for every message, '[0]."
                + path
                + "' for the first");
        continue;
      }
      String which = path.substring(1, close);
      String rest = path.substring(close + 1);
      rest = rest.startsWith(".") ? rest.substring(1) : rest;
      for (int i = 0; i < elements.size(); i++) {
        if (which.equals("*") || which.equals(String.valueOf(i))) {
          perMessage.get(i).add(matcher.withPath(rest));
        }
      }
      if (!which.equals("*")) {
        try {
          if (Integer.parseInt(which) >= elements.size()) {
            yaml.problem(matcher.at, "'responses' has no message [" + which + "] for this matcher");
          }
        } catch (NumberFormatException e) {
          yaml.problem(matcher.at, "'[" + which + "]' is not a message index; use [*] or a number");
        }
      }
    }
    for (int i = 0; i < elements.size(); i++) {
      responses.add(check(elements.get(i), out, "'responses[" + i + "]'", perMessage.get(i)));
    }
  }

  private void bindSteps(Descriptor in, Descriptor out) {
    Node node = interaction.node("steps");
    if (node == null) {
      return;
    }
    Set<String> keys = Set.of("send", "expect", "matchers", "within", "halfClose", "cancel");
    int index = 0;
    for (Node stepNode : yaml.sequence(node, "'steps'")) {
      String label = "'steps[" + index++ + "]'";
      Map<String, YamlNodes.Entry> entries = yaml.mapping(stepNode, label, keys);
      List<String> actions = new ArrayList<>();
      for (String action : List.of("send", "expect", "halfClose", "cancel")) {
        if (entries.containsKey(action)) {
          actions.add(action);
        }
      }
      if (actions.size() != 1) {
        if (!entries.isEmpty() || actions.size() > 1) {
          yaml.problem(
              stepNode,
              "a step does one thing: send, expect, halfClose or cancel"
                  + (actions.isEmpty() ? "" : "; this one has " + String.join(" and ", actions)));
        }
        continue;
      }
      String action = actions.get(0);
      Node value = entries.get(action).value();
      Duration within = null;
      if (entries.containsKey("within")) {
        within = duration(entries.get("within").value(), "within");
      }
      if (!action.equals("expect") && (entries.containsKey("matchers") || within != null)) {
        yaml.problem(stepNode, "'matchers' and 'within' go with an '- expect:' step");
      }
      switch (action) {
        case "send":
          steps.add(new Step(action, message(value, in, label + ".send"), null, null, stepNode));
          break;
        case "expect":
          List<Matcher> matchers =
              entries.containsKey("matchers")
                  ? Matcher.read(yaml, entries.get("matchers").value(), label + ".matchers")
                  : List.of();
          steps.add(
              new Step(
                  action, null, check(value, out, label + ".expect", matchers), within, stepNode));
          break;
        default:
          if (action.equals("halfClose") && !yaml.flag(value, "halfClose")) {
            yaml.problem(value, "write '- halfClose: true'");
          }
          steps.add(new Step(action, null, null, null, stepNode));
      }
    }
  }

  private MessageCheck check(Node node, Descriptor type, String what, List<Matcher> matchers) {
    JsonElement json = YamlNodes.messageJson(node);
    Message example = message(node, json, type, what);
    for (Matcher matcher : matchers) {
      String problem = matcher.checkFits(type);
      if (problem != null) {
        yaml.problem(matcher.at, problem);
      }
    }
    return new MessageCheck(example, json, matchers);
  }

  private Message message(Node node, Descriptor type, String what) {
    return message(node, YamlNodes.messageJson(node), type, what);
  }

  /** Parses a message the YAML {@code node} gives, already converted to {@code json}. */
  private Message message(Node node, JsonElement json, Descriptor type, String what) {
    if (!json.isJsonObject()) {
      yaml.problem(
          node,
          what
              + " must be a message (a mapping of fields) of "
              + type.getFullName()
              + ", not "
              + YamlNodes.kind(node));
      return schema.defaultInstance(type);
    }
    String text = json.toString();
    try {
      return ProtoJson.parse(text, type, what, schema.typeRegistry());
    } catch (IllegalArgumentException e) {
      String path = ProtoJson.locateMismatch(text, type).orElse(null);
      String cause = e.getMessage();
      boolean unknownField = cause.contains("Cannot find field");
      Node at =
          path == null
              ? node
              : YamlNodes.nodeAt(node, path, name -> protoName(type, path, name), unknownField);
      int fix = cause.indexOf(". Fix the JSON");
      yaml.problem(
          at,
          (fix > 0 ? cause.substring(0, fix) : cause)
              + ". Fix the contract: use the fields of "
              + type.getFullName()
              + " ("
              + fieldNames(type, path)
              + ") with values of their types");
      return schema.defaultInstance(type);
    }
  }

  /** The proto name of a JSON name, for finding the YAML key written either way. */
  private static String protoName(Descriptor type, String path, String jsonName) {
    for (FieldDescriptor field : allFields(type)) {
      if (field.getJsonName().equals(jsonName)) {
        return field.getName();
      }
    }
    return jsonName;
  }

  private static List<FieldDescriptor> allFields(Descriptor type) {
    List<FieldDescriptor> fields = new ArrayList<>();
    collect(type, fields, new java.util.HashSet<>());
    return fields;
  }

  private static void collect(Descriptor type, List<FieldDescriptor> fields, Set<String> seen) {
    if (!seen.add(type.getFullName())) {
      return;
    }
    for (FieldDescriptor field : type.getFields()) {
      fields.add(field);
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        collect(field.getMessageType(), fields, seen);
      }
    }
  }

  private static String fieldNames(Descriptor type, String path) {
    Descriptor at = type;
    if (path != null) {
      for (String step : YamlNodes.steps(path)) {
        if (step.startsWith("[")) {
          continue;
        }
        FieldDescriptor field = at.findFieldByName(step);
        if (field == null) {
          for (FieldDescriptor candidate : at.getFields()) {
            if (candidate.getJsonName().equals(step)) {
              field = candidate;
            }
          }
        }
        if (field == null || field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
          break;
        }
        at =
            field.isMapField()
                ? field.getMessageType().findFieldByNumber(2).getMessageType()
                : field.getMessageType();
        if (at == null) {
          break;
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (FieldDescriptor field : at.getFields()) {
      names.add(field.getJsonName());
    }
    return (at == type ? "" : at.getFullName() + ": ") + String.join(", ", names);
  }

  private void readStatus() {
    Node node = interaction.node("status");
    if (node != null) {
      String text = yaml.text(node, "status");
      if (text != null) {
        String name = text.trim().toUpperCase(java.util.Locale.ROOT).replace(' ', '_');
        try {
          status = Status.Code.valueOf(name);
        } catch (IllegalArgumentException e) {
          Integer number = null;
          try {
            number = Integer.parseInt(name);
          } catch (NumberFormatException ignored) {
            // not a number either
          }
          if (number != null && number >= 0 && number < Status.Code.values().length) {
            status = Status.fromCodeValue(number).getCode();
          } else {
            List<String> codes = new ArrayList<>();
            Arrays.stream(Status.Code.values()).forEach(c -> codes.add(c.name()));
            List<String> closest = Names.closest(name, codes, 1);
            yaml.problem(
                node,
                "unknown status '"
                    + text
                    + "'"
                    + (closest.isEmpty() ? "" : "; did you mean " + closest.get(0) + "?")
                    + " The codes are "
                    + String.join(", ", codes));
          }
        }
      }
    }
    Node descriptionNode = interaction.node("description");
    if (descriptionNode != null) {
      description = textCheck(descriptionNode, "description");
    }
    readMetadataChecks("headers", headers);
    readMetadataChecks("trailers", trailers);
  }

  private void readMetadataChecks(String key, Map<String, TextCheck> into) {
    Node node = interaction.node(key);
    if (node == null) {
      return;
    }
    for (Map.Entry<String, YamlNodes.Entry> entry :
        yaml.mapping(node, "'" + key + "'", null).entrySet()) {
      TextCheck check = textCheck(entry.getValue().value(), key + "." + entry.getKey());
      if (check != null) {
        into.put(entry.getKey().toLowerCase(java.util.Locale.ROOT), check);
      }
    }
  }

  private TextCheck textCheck(Node node, String what) {
    String plain = YamlNodes.scalarText(node);
    if (plain != null && !YamlNodes.isNull(node)) {
      return new TextCheck(plain, null, null);
    }
    Map<String, YamlNodes.Entry> entries =
        new LinkedHashMap<>(
            yaml.mapping(node, what, Set.of("equals", "contains", "regex", "example")));
    YamlNodes.Entry exampleEntry = entries.remove("example");
    if (entries.size() != 1) {
      if (node instanceof org.snakeyaml.engine.v2.nodes.MappingNode) {
        yaml.problem(node, what + " takes one of equals, contains or regex");
      }
      return null;
    }
    Map.Entry<String, YamlNodes.Entry> only = entries.entrySet().iterator().next();
    String text = yaml.text(only.getValue().value(), what + "." + only.getKey());
    if (text == null) {
      return null;
    }
    TextCheck check;
    switch (only.getKey()) {
      case "equals":
        check = new TextCheck(text, null, null);
        break;
      case "contains":
        check = new TextCheck(null, text, null);
        break;
      default:
        try {
          check = new TextCheck(null, null, Pattern.compile(text));
        } catch (PatternSyntaxException e) {
          yaml.problem(
              only.getValue().value(), "not a valid regular expression: " + e.getDescription());
          return null;
        }
    }
    if (exampleEntry != null) {
      String example = yaml.text(exampleEntry.value(), what + ".example");
      if (example == null) {
        return check;
      }
      if (check.exact != null) {
        yaml.problem(
            exampleEntry.value(),
            what + ".example is for contains or regex; equals is its own example: remove it");
      } else if (!check.accepts(example)) {
        yaml.problem(
            exampleEntry.value(),
            what
                + ".example "
                + ProtoJson.quote(example)
                + " is not "
                + check.expected()
                + ": give an example the check accepts");
      } else {
        check.example = example;
      }
    }
    return check;
  }

  private void readCallOptions() {
    Node deadlineNode = interaction.node("deadline");
    if (deadlineNode != null) {
      deadline = duration(deadlineNode, "deadline");
    }
    Node metadataNode = interaction.node("metadata");
    if (metadataNode == null) {
      return;
    }
    for (Map.Entry<String, YamlNodes.Entry> entry :
        yaml.mapping(metadataNode, "'metadata'", null).entrySet()) {
      String key = entry.getKey().toLowerCase(java.util.Locale.ROOT);
      Node valueNode = entry.getValue().value();
      List<Node> values =
          valueNode instanceof org.snakeyaml.engine.v2.nodes.SequenceNode
              ? yaml.sequence(valueNode, key)
              : List.of(valueNode);
      for (Node value : values) {
        String text = yaml.text(value, "metadata '" + key + "'");
        if (text == null) {
          continue;
        }
        try {
          if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
            metadata.put(
                Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER),
                Base64.getDecoder().decode(text));
          } else {
            metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), text);
          }
        } catch (IllegalArgumentException e) {
          yaml.problem(
              entry.getValue().key(),
              "metadata '"
                  + key
                  + "' is not valid: "
                  + e.getMessage()
                  + (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)
                      ? " (a -bin value is base64)"
                      : ""));
        }
      }
    }
  }

  private Duration duration(Node node, String what) {
    String text = yaml.text(node, what);
    if (text == null) {
      return null;
    }
    try {
      return Durations.parsePositive(text, what);
    } catch (IllegalArgumentException e) {
      yaml.problem(node, e.getMessage());
      return null;
    }
  }

  private void readCounts() {
    if (interaction.node("count") != null) {
      count = yaml.integer(interaction.node("count"), "count");
      if (count != null && count < responses.size()) {
        yaml.problem(
            interaction.node("count"),
            "'count' is " + count + " but 'responses' lists " + responses.size() + " messages");
      }
    }
    if (interaction.node("atLeast") != null) {
      atLeast = yaml.integer(interaction.node("atLeast"), "atLeast");
    }
  }

  private void readErrorDetails() {
    Node node = interaction.node("errorDetails");
    if (node == null) {
      return;
    }
    JsonFormat.TypeRegistry registry =
        JsonFormat.TypeRegistry.newBuilder()
            .add(ErrorDetailsProto.getDescriptor().getMessageTypes())
            .build();
    for (Node detail : yaml.sequence(node, "'errorDetails'")) {
      JsonElement json = YamlNodes.toJson(detail);
      if (!json.isJsonObject() || !json.getAsJsonObject().has("@type")) {
        yaml.problem(
            detail,
            "an error detail names its type, e.g. '@type': google.rpc.BadRequest"
                + " (google.rpc types, or any message type of the schema)");
        continue;
      }
      JsonObject fields = json.getAsJsonObject().deepCopy();
      String typeUrl = fields.remove("@type").getAsString();
      String typeName = typeUrl.substring(typeUrl.lastIndexOf('/') + 1);
      Descriptor type = registry.find(typeName);
      if (type == null) {
        type = schema.findMessageType(typeName).orElse(null);
      }
      if (type == null) {
        List<String> known = new ArrayList<>();
        ErrorDetailsProto.getDescriptor()
            .getMessageTypes()
            .forEach(t -> known.add(t.getFullName()));
        yaml.problem(
            detail,
            "unknown error detail type '"
                + typeName
                + "'"
                + (Names.closest(typeName, known, 1).isEmpty()
                    ? ""
                    : "; did you mean '" + Names.closest(typeName, known, 1).get(0) + "'?")
                + " Use a google.rpc type ("
                + String.join(", ", known)
                + ") or a message type of the schema");
        continue;
      }
      errorDetails.add(
          new DetailCheck(type, message(stripType(detail), type, "an error detail"), fields));
    }
  }

  /** The detail's YAML without its {@code @type} key, for parsing its fields. */
  private static Node stripType(Node detail) {
    if (!(detail instanceof org.snakeyaml.engine.v2.nodes.MappingNode mapping)) {
      return detail;
    }
    List<org.snakeyaml.engine.v2.nodes.NodeTuple> kept = new ArrayList<>();
    for (org.snakeyaml.engine.v2.nodes.NodeTuple tuple : mapping.getValue()) {
      if (!"@type".equals(YamlNodes.scalarText(tuple.getKeyNode()))) {
        kept.add(tuple);
      }
    }
    return new org.snakeyaml.engine.v2.nodes.MappingNode(
        mapping.getTag(),
        true,
        kept,
        mapping.getFlowStyle(),
        mapping.getStartMark(),
        mapping.getEndMark());
  }

  /** Returns {@code any} unpacked as {@code type}, or null when it holds another type. */
  static Message unpack(Any any, Descriptor type) {
    String url = any.getTypeUrl();
    if (!url.substring(url.lastIndexOf('/') + 1).equals(type.getFullName())) {
      return null;
    }
    try {
      return com.google.protobuf.DynamicMessage.parseFrom(type, any.getValue());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      return null;
    }
  }
}
