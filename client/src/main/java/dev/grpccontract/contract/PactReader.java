package dev.grpccontract.contract;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.internal.Names;
import dev.grpccontract.proto.ProtoSchema;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a Pact V4 file of gRPC interactions, as the Pact protobuf plugin writes them, into the
 * interactions of a {@link ContractFile}.
 *
 * <p>The JSON is read with SnakeYAML (JSON is YAML), so every problem points at its line and column
 * and names the Pact key path. Messages are decoded with the descriptors the file embeds and handed
 * to the binder as JSON text, so the interactions then bind to any schema as YAML ones do.
 */
final class PactReader {

  /** The interaction type of the plugin's gRPC interactions. */
  static final String SYNCHRONOUS_MESSAGES = "Synchronous/Messages";

  private static final int MAX_CHARACTERS = 256 * 1024 * 1024;

  private static final Set<String> BODY_KINDS =
      new LinkedHashSet<>(
          List.of(
              "type",
              "regex",
              "equality",
              "include",
              "number",
              "integer",
              "decimal",
              "boolean",
              "notEmpty",
              "eachValue"));

  private static final Set<String> METADATA_KINDS =
      new LinkedHashSet<>(List.of("type", "equality", "regex", "include"));

  private final String file;
  private final YamlNodes yaml;
  private final Map<String, ProtoSchema> schemas = new LinkedHashMap<>();
  private final Map<String, Node> descriptorNodes = new LinkedHashMap<>();
  private final Set<String> brokenKeys = new LinkedHashSet<>();
  private ProtoSchema combined;

  private PactReader(String file) {
    this.file = file;
    this.yaml = new YamlNodes(file);
  }

  /** Reads {@code text}, a Pact file named {@code name}; every problem is collected first. */
  static ContractFile read(String name, String text) {
    PactReader reader = new PactReader(name);
    List<Interaction> interactions = new ArrayList<>();
    Node root = reader.parse(text);
    if (root != null) {
      reader.readDescriptors(root);
    }
    ContractFile file =
        ContractFile.of(
            name,
            reader.combined,
            f -> {
              if (root != null) {
                interactions.addAll(reader.readInteractions(root, f));
              }
              return interactions;
            });
    if (!reader.yaml.problems().isEmpty()) {
      throw new ContractException(name, reader.yaml.problems());
    }
    return file;
  }

  private Node parse(String text) {
    try {
      JsonReader json = new JsonReader(new StringReader(text));
      json.setStrictness(Strictness.STRICT);
      new Gson().getAdapter(JsonElement.class).read(json);
      if (json.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonParseException("more text after the JSON object, " + json);
      }
    } catch (JsonParseException | IOException | IllegalStateException | StackOverflowError e) {
      String message = e.getMessage() == null ? String.valueOf(e) : e.getMessage();
      yaml.problems()
          .add(
              ContractProblem.at(
                  file,
                  0,
                  0,
                  "not valid JSON: "
                      + message.replaceFirst("^com\\.google\\.gson\\.[A-Za-z.]+: ", "")
                      + ". A Pact file is a JSON object with consumer, provider, interactions"
                      + " and metadata"));
      return null;
    }
    // Inside JSON strings a tab is always escaped, so tabs outside them are only whitespace,
    // which YAML does not accept everywhere JSON does.
    Node root = yaml.parse(text.replace('\t', ' '), MAX_CHARACTERS, "JSON").orElse(null);
    if (root != null && !(root instanceof MappingNode)) {
      yaml.problem(
          root,
          "a Pact file is a JSON object with consumer, provider, interactions and metadata, not "
              + YamlNodes.kind(root));
      return null;
    }
    return root;
  }

  // ---------------------------------------------------------------- descriptors

  private void readDescriptors(Node root) {
    Node metadata = child(root, "metadata");
    Node version = child(child(metadata, "pactSpecification"), "version");
    String text = YamlNodes.scalarText(version);
    if (text != null && !text.startsWith("4")) {
      yaml.problem(
          version,
          "metadata.pactSpecification.version is "
              + text
              + ": gRPC interactions are a Pact V4 feature; write the pact with the specification"
              + " V4 (the protobuf plugin needs it too)");
    }
    Node plugins = child(metadata, "plugins");
    if (!(plugins instanceof SequenceNode list)) {
      return;
    }
    for (int i = 0; i < list.getValue().size(); i++) {
      Node plugin = list.getValue().get(i);
      if (!"protobuf".equals(YamlNodes.scalarText(child(plugin, "name")))) {
        continue;
      }
      Node configuration = child(plugin, "configuration");
      if (configuration instanceof MappingNode mapping) {
        for (NodeTuple tuple : mapping.getValue()) {
          String key = YamlNodes.scalarText(tuple.getKeyNode());
          if (key != null) {
            descriptorNodes.put(key, tuple.getValueNode());
            schemas.put(key, null);
          }
        }
      }
    }
    ProtoSchema all = null;
    for (String key : new ArrayList<>(schemas.keySet())) {
      ProtoSchema schema = schema(key, null);
      if (schema != null) {
        try {
          all = all == null ? schema : all.plus(schema);
        } catch (IllegalArgumentException e) {
          // Two descriptor sets with different versions of a file: each interaction still reads
          // with its own; the file's schema keeps the first.
        }
      }
    }
    combined = all;
  }

  /**
   * Returns the schema of the descriptors under {@code key}, reporting at {@code at} (or at the
   * descriptors) when they are missing or broken; null then.
   */
  private ProtoSchema schema(String key, Node at) {
    if (schemas.get(key) != null) {
      return schemas.get(key);
    }
    if (brokenKeys.contains(key)) {
      return null; // reported once, where the descriptors are
    }
    Node entry = descriptorNodes.get(key);
    String where = "metadata.plugins[name=protobuf].configuration['" + key + "']";
    if (entry == null) {
      yaml.problem(
          at,
          "the descriptors '"
              + key
              + "' are not in the file: "
              + where
              + ".protoDescriptors is missing"
              + (descriptorNodes.isEmpty()
                  ? " (the file has no protobuf plugin configuration at all)"
                  : " (it has " + String.join(", ", descriptorNodes.keySet()) + ")")
              + ". Publish the pact as the protobuf plugin wrote it, with its metadata.plugins"
              + " entry, which embeds the compiled .proto files");
      return null;
    }
    Node encoded = child(entry, "protoDescriptors");
    String base64 = YamlNodes.scalarText(encoded);
    if (base64 == null || base64.isEmpty()) {
      if (at == null) {
        yaml.problem(
            entry,
            where
                + ".protoDescriptors is missing: the protobuf plugin embeds the compiled .proto"
                + " files there as a base64 FileDescriptorSet. Publish the pact as the plugin"
                + " wrote it");
        brokenKeys.add(key);
      }
      return null;
    }
    try {
      FileDescriptorSet set = FileDescriptorSet.parseFrom(Base64.getDecoder().decode(base64));
      ProtoSchema schema =
          ProtoSchema.fromDescriptorSet(set, "the descriptors '" + key + "' of " + file);
      schemas.put(key, schema);
      return schema;
    } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
      if (at == null) {
        yaml.problem(
            encoded,
            where
                + ".protoDescriptors is not a base64 FileDescriptorSet: "
                + e.getMessage()
                + ". Publish the pact as the protobuf plugin wrote it");
      }
      brokenKeys.add(key);
      return null;
    }
  }

  // ---------------------------------------------------------------- interactions

  private List<Interaction> readInteractions(Node root, ContractFile owner) {
    List<Interaction> interactions = new ArrayList<>();
    Node list = child(root, "interactions");
    if (list == null) {
      yaml.problem(root, "a Pact file needs 'interactions', a list of interactions");
      return interactions;
    }
    List<Node> elements = yaml.sequence(list, "interactions");
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < elements.size(); i++) {
      Interaction interaction =
          readInteraction(elements.get(i), "interactions[" + i + "]", owner, names);
      if (interaction != null) {
        interactions.add(interaction);
      }
    }
    if (elements.isEmpty() && yaml.problems().isEmpty()) {
      yaml.problem(list, "'interactions' is empty; the pact has nothing to verify");
    }
    return interactions;
  }

  private Interaction readInteraction(
      Node node, String path, ContractFile owner, Set<String> names) {
    if (!(node instanceof MappingNode)) {
      yaml.problem(node, path + " must be an object, not " + YamlNodes.kind(node));
      return null;
    }
    Node typeNode = child(node, "type");
    String type = YamlNodes.scalarText(typeNode);
    Node transportNode = child(node, "transport");
    String transport = YamlNodes.scalarText(transportNode);
    if (!SYNCHRONOUS_MESSAGES.equals(type)) {
      yaml.problem(
          typeNode == null ? node : typeNode,
          path
              + ".type is "
              + (type == null ? "missing" : "'" + type + "'")
              + ": grpc-contract reads the gRPC interactions of the Pact protobuf plugin, of type '"
              + SYNCHRONOUS_MESSAGES
              + "' with transport 'grpc'. Verify "
              + (type == null ? "other" : type)
              + " interactions with a Pact verifier, and publish the gRPC ones in a pact of their"
              + " own");
      return null;
    }
    if (transport != null && !transport.equalsIgnoreCase("grpc")) {
      yaml.problem(
          transportNode,
          path
              + ".transport is '"
              + transport
              + "': only gRPC interactions (transport 'grpc') can be verified here; verify the"
              + " others with a Pact verifier");
      return null;
    }
    String name = YamlNodes.scalarText(child(node, "description"));
    if (name == null || name.isBlank()) {
      yaml.problem(node, path + ".description is missing; it names the interaction and its test");
      return null;
    }
    String unique = name;
    for (int n = 2; !names.add(unique); n++) {
      unique = name + " (" + n + ")";
    }
    Node protobuf = child(child(node, "pluginConfiguration"), "protobuf");
    Node keyNode = child(protobuf, "descriptorKey");
    Node serviceNode = child(protobuf, "service");
    String key = YamlNodes.scalarText(keyNode);
    String service = YamlNodes.scalarText(serviceNode);
    if (protobuf == null || key == null || service == null) {
      yaml.problem(
          protobuf == null ? node : protobuf,
          path
              + ".pluginConfiguration.protobuf."
              + (key == null ? "descriptorKey" : "service")
              + " is missing: the protobuf plugin records there which descriptors and which"
              + " service method the interaction uses. Publish the pact as the plugin wrote it");
      return null;
    }
    ProtoSchema schema = schema(key, keyNode);
    if (schema == null) {
      return null;
    }
    MethodDescriptor method = method(schema, service, serviceNode, path, key);
    if (method == null) {
      return null;
    }
    if (method.isClientStreaming() || method.isServerStreaming()) {
      yaml.problem(
          serviceNode,
          path
              + ".pluginConfiguration.protobuf.service names "
              + method.getFullName()
              + ", a streaming method; the protobuf plugin's interactions are unary (one request,"
              + " one response), so this pact cannot describe a call of it. Keep streaming"
              + " contracts in *.grpc.yaml files");
      return null;
    }
    Map<String, YamlNodes.Entry> entries = new LinkedHashMap<>();
    put(
        entries,
        "method",
        serviceNode,
        scalar(method.getService().getFullName() + "/" + method.getName(), serviceNode));
    List<Interaction.Given> given = readStates(child(node, "providerStates"), path);
    readRequest(child(node, "request"), path + ".request", method, schema, entries);
    readResponse(child(node, "response"), path + ".response", method, schema, entries);
    return new Interaction(
        owner,
        unique,
        method.getService().getFullName() + "/" + method.getName(),
        List.of(),
        given,
        YamlNodes.line(node),
        entries);
  }

  private MethodDescriptor method(
      ProtoSchema schema, String service, Node at, String path, String key) {
    String wanted = service.startsWith(".") ? service.substring(1) : service;
    int slash = wanted.indexOf('/');
    if (slash < 0) {
      yaml.problem(
          at,
          path
              + ".pluginConfiguration.protobuf.service is '"
              + service
              + "'; the plugin writes 'Service/Method' or '.package.Service/Method'");
      return null;
    }
    String serviceName = wanted.substring(0, slash);
    String methodName = wanted.substring(slash + 1);
    ServiceDescriptor found = schema.findService(serviceName).orElse(null);
    if (found == null && !serviceName.contains(".")) {
      List<ServiceDescriptor> sameName = new ArrayList<>();
      for (ServiceDescriptor candidate : schema.services()) {
        if (candidate.getName().equals(serviceName)) {
          sameName.add(candidate);
        }
      }
      found = sameName.size() == 1 ? sameName.get(0) : null;
    }
    MethodDescriptor method = found == null ? null : found.findMethodByName(methodName);
    if (method == null) {
      yaml.problem(
          at,
          path
              + ".pluginConfiguration.protobuf.service names '"
              + service
              + "', which the descriptors '"
              + key
              + "' do not have"
              + Names.didYouMean(wanted, schema.methodNames())
              + " They have "
              + schema.methodNames());
    }
    return method;
  }

  private List<Interaction.Given> readStates(Node states, String path) {
    List<Interaction.Given> given = new ArrayList<>();
    if (states == null) {
      return given;
    }
    List<Node> list = yaml.sequence(states, path + ".providerStates");
    for (int i = 0; i < list.size(); i++) {
      Node state = list.get(i);
      String name = YamlNodes.scalarText(child(state, "name"));
      if (name == null) {
        yaml.problem(
            state, path + ".providerStates[" + i + "] needs a 'name' (and optional 'params')");
        continue;
      }
      Map<String, Object> params = new LinkedHashMap<>();
      Node paramsNode = child(state, "params");
      if (paramsNode instanceof MappingNode) {
        Object value = YamlNodes.toJava(paramsNode);
        ((Map<?, ?>) value).forEach((k, v) -> params.put(String.valueOf(k), v));
      } else if (paramsNode != null && !YamlNodes.isNull(paramsNode)) {
        yaml.problem(
            paramsNode, path + ".providerStates[" + i + "].params must be an object of values");
      }
      given.add(new Interaction.Given(name, params));
    }
    return given;
  }

  private void readRequest(
      Node request,
      String path,
      MethodDescriptor method,
      ProtoSchema schema,
      Map<String, YamlNodes.Entry> entries) {
    if (request == null) {
      return;
    }
    Node generators = child(request, "generators");
    if (generators != null) {
      yaml.problem(
          generators,
          path
              + ".generators: values generated at verification time (such as fromProviderState)"
              + " are not supported; the request would be sent with its example values. Write the"
              + " values into the consumer test instead");
    }
    Node contents = child(request, "contents");
    Message message = contents(contents, path + ".contents", method.getInputType(), schema);
    if (message != null) {
      put(entries, "request", contents, scalar(json(message, schema), contentNode(contents)));
    }
    Node metadata = child(request, "metadata");
    if (metadata instanceof MappingNode mapping) {
      List<NodeTuple> tuples = new ArrayList<>();
      for (NodeTuple tuple : mapping.getValue()) {
        String key = YamlNodes.scalarText(tuple.getKeyNode());
        if (key == null || isContentType(key)) {
          continue;
        }
        Node value = tuple.getValueNode();
        if (value instanceof SequenceNode || YamlNodes.scalarText(value) != null) {
          tuples.add(new NodeTuple(scalar(key, tuple.getKeyNode()), value));
        } else {
          yaml.problem(
              value,
              path
                  + ".metadata['"
                  + key
                  + "'] must be a text or a list of texts, not "
                  + YamlNodes.kind(value));
        }
      }
      if (!tuples.isEmpty()) {
        put(entries, "metadata", metadata, mapping(tuples, metadata));
      }
    }
  }

  private void readResponse(
      Node response,
      String path,
      MethodDescriptor method,
      ProtoSchema schema,
      Map<String, YamlNodes.Entry> entries) {
    if (response == null) {
      return;
    }
    List<Node> list = yaml.sequence(response, path);
    if (list.isEmpty()) {
      return;
    }
    if (list.size() > 1) {
      yaml.problem(
          list.get(1),
          path
              + " has "
              + list.size()
              + " messages, but "
              + method.getFullName()
              + " is unary and answers one; the protobuf plugin writes one response per"
              + " interaction");
      return;
    }
    Node only = list.get(0);
    String at = path + "[0]";
    Node metadata = child(only, "metadata");
    Node rules = child(only, "matchingRules");
    Map<String, Node> metadataRules =
        rules(child(rules, "metadata"), at + ".matchingRules.metadata");
    String status = "OK";
    Node statusNode = child(metadata, "grpc-status");
    if (statusNode != null) {
      status = YamlNodes.scalarText(statusNode);
      Node rule = metadataRules.remove("grpc-status");
      String kind =
          rule == null
              ? "equality"
              : singleKind(rule, at + ".matchingRules.metadata['grpc-status']");
      if (kind != null && !kind.equals("equality")) {
        yaml.problem(
            rule,
            at
                + ".matchingRules.metadata['grpc-status'] is '"
                + kind
                + "': the status must be matched by equality, as the plugin writes it");
      }
      if (status == null) {
        yaml.problem(statusNode, at + ".metadata['grpc-status'] must be a status code name");
        status = "OK";
      } else {
        put(entries, "status", statusNode, scalar(status, statusNode));
      }
    }
    boolean ok = "OK".equalsIgnoreCase(status) || "0".equals(status);
    List<NodeTuple> metadataChecks = new ArrayList<>();
    if (metadata instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        String key = YamlNodes.scalarText(tuple.getKeyNode());
        if (key == null || isContentType(key) || key.equals("grpc-status")) {
          continue;
        }
        Node check =
            textCheck(
                tuple.getValueNode(),
                metadataRules.remove(key),
                at + ".metadata['" + key + "']",
                at + ".matchingRules.metadata['" + key + "']");
        if (check == null) {
          continue;
        }
        if (key.equals("grpc-message")) {
          put(entries, "description", tuple.getKeyNode(), check);
        } else {
          metadataChecks.add(new NodeTuple(scalar(key, tuple.getKeyNode()), check));
        }
      }
    }
    for (Map.Entry<String, Node> stray : metadataRules.entrySet()) {
      yaml.problem(
          stray.getValue(),
          at
              + ".matchingRules.metadata['"
              + stray.getKey()
              + "'] has no value in "
              + at
              + ".metadata to check; add the value the rule applies to, or drop the rule");
    }
    if (!metadataChecks.isEmpty()) {
      // The plugin checks the metadata the call's answer carries: its headers when the call
      // succeeds, and the trailers of a failed call, which carry its status.
      put(entries, ok ? "headers" : "trailers", metadata, mapping(metadataChecks, metadata));
    }
    Node contents = child(only, "contents");
    String content = YamlNodes.scalarText(child(contents, "content"));
    // An empty content is an empty message where the call succeeds, and no message where it fails.
    if (content != null && (ok || !content.isEmpty())) {
      if (!ok) {
        yaml.problem(
            contents,
            at
                + ".contents: a call that ends with "
                + status
                + " answers no message; drop the contents, or expect grpc-status OK");
        return;
      }
      Message message = contents(contents, at + ".contents", method.getOutputType(), schema);
      if (message == null) {
        return;
      }
      put(entries, "response", contents, scalar(json(message, schema), contentNode(contents)));
      Map<String, Node> body = rules(child(rules, "body"), at + ".matchingRules.body");
      List<NodeTuple> matchers = new ArrayList<>();
      for (Map.Entry<String, Node> rule : body.entrySet()) {
        String rulePath = at + ".matchingRules.body['" + rule.getKey() + "']";
        NodeTuple matcher =
            matcher(rule.getKey(), rule.getValue(), rulePath, method.getOutputType());
        if (matcher != null) {
          matchers.add(matcher);
        }
      }
      if (!matchers.isEmpty()) {
        put(entries, "matchers", child(rules, "body"), mapping(matchers, child(rules, "body")));
      }
    } else if (ok && (child(rules, "body") != null)) {
      yaml.problem(
          child(rules, "body"),
          at + ".matchingRules.body loosens a message the response does not give; add contents");
    }
  }

  /** Decodes the base64 protobuf of {@code contents}; null after reporting a problem. */
  private Message contents(Node contents, String path, Descriptor expected, ProtoSchema schema) {
    if (contents == null) {
      return schema.defaultInstance(expected);
    }
    String contentType = YamlNodes.scalarText(child(contents, "contentType"));
    String messageType = messageType(contentType);
    if (messageType != null) {
      Optional<Descriptor> named = schema.findMessageType(messageType);
      if (named.isEmpty() && !messageType.contains(".")) {
        named = expected.getName().equals(messageType) ? Optional.of(expected) : Optional.empty();
      }
      if (named.isEmpty()) {
        yaml.problem(
            child(contents, "contentType"),
            path
                + ".contentType names message type '"
                + messageType
                + "', which the embedded descriptors do not have"
                + closest(messageType, messageNames(schema))
                + " Publish the pact with the descriptors of the .proto files it was written with");
        return null;
      }
      if (!named.get().getFullName().equals(expected.getFullName())) {
        yaml.problem(
            child(contents, "contentType"),
            path
                + ".contentType names message type '"
                + named.get().getFullName()
                + "', but the method takes or answers "
                + expected.getFullName());
        return null;
      }
    }
    Node contentNode = child(contents, "content");
    String content = YamlNodes.scalarText(contentNode);
    if (content == null || content.isEmpty()) {
      return schema.defaultInstance(expected);
    }
    String encoded = YamlNodes.scalarText(child(contents, "encoded"));
    if (encoded != null && !encoded.equalsIgnoreCase("base64")) {
      yaml.problem(
          child(contents, "encoded"),
          path
              + ".encoded is '"
              + encoded
              + "': protobuf contents are base64 bytes (\"encoded\": \"base64\"), as the plugin"
              + " writes them");
      return null;
    }
    try {
      return DynamicMessage.parseFrom(expected, Base64.getDecoder().decode(content.trim()));
    } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
      yaml.problem(
          contentNode,
          path + ".content is not a base64 " + expected.getFullName() + ": " + e.getMessage());
      return null;
    }
  }

  private static String messageType(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String part : contentType.split(";")) {
      String trimmed = part.trim();
      if (trimmed.startsWith("message=")) {
        String type = trimmed.substring("message=".length()).trim();
        return type.startsWith(".") ? type.substring(1) : type;
      }
    }
    return null;
  }

  private static String closest(String wanted, List<String> names) {
    List<String> closest = Names.closest(wanted, names, 1);
    return closest.isEmpty() ? "." : "; did you mean '" + closest.get(0) + "'?";
  }

  private static List<String> messageNames(ProtoSchema schema) {
    List<String> names = new ArrayList<>();
    schema.files().forEach(f -> f.getMessageTypes().forEach(m -> names.add(m.getFullName())));
    return names;
  }

  private static boolean isContentType(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return lower.equals("contenttype") || lower.equals("content-type");
  }

  private static String json(Message message, ProtoSchema schema) {
    try {
      return JsonFormat.printer()
          .usingTypeRegistry(schema.typeRegistry())
          .omittingInsignificantWhitespace()
          .print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("Cannot print " + message.getDescriptorForType(), e);
    }
  }

  // ---------------------------------------------------------------- matching rules

  /** Returns the rules of a category by path or key: the rule object with its matchers. */
  private Map<String, Node> rules(Node category, String path) {
    Map<String, Node> rules = new LinkedHashMap<>();
    if (category == null) {
      return rules;
    }
    if (!(category instanceof MappingNode mapping)) {
      yaml.problem(category, path + " must be an object of rules by path");
      return rules;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      String key = YamlNodes.scalarText(tuple.getKeyNode());
      if (key != null) {
        rules.put(key, tuple.getValueNode());
      }
    }
    return rules;
  }

  /** Returns the matchers of a rule, reporting an OR of several; empty when it has none. */
  private List<Node> matchers(Node rule, String path) {
    Node list = child(rule, "matchers");
    if (list == null) {
      yaml.problem(rule, path + " has no 'matchers' list");
      return List.of();
    }
    List<Node> matchers = yaml.sequence(list, path + ".matchers");
    String combine = YamlNodes.scalarText(child(rule, "combine"));
    if (matchers.size() > 1) {
      yaml.problem(
          list,
          path
              + " combines "
              + matchers.size()
              + " matchers"
              + (combine == null ? "" : " with " + combine)
              + "; grpc-contract takes one matcher per path. Keep the one that says what the"
              + " consumer relies on");
      return List.of();
    }
    return matchers;
  }

  private String singleKind(Node rule, String path) {
    List<Node> matchers = matchers(rule, path);
    return matchers.isEmpty() ? null : YamlNodes.scalarText(child(matchers.get(0), "match"));
  }

  /**
   * Returns the check of a response metadata value (or the status message): exact text, or the
   * rule's {@code regex} or {@code include}; null when a {@code type} rule lets any text pass or
   * after reporting a problem.
   */
  private Node textCheck(Node value, Node rule, String valuePath, String rulePath) {
    String text = YamlNodes.scalarText(value);
    if (text == null) {
      yaml.problem(value, valuePath + " must be a text, not " + YamlNodes.kind(value));
      return null;
    }
    if (rule == null) {
      return scalar(text, value);
    }
    List<Node> matchers = matchers(rule, rulePath);
    if (matchers.isEmpty()) {
      return null;
    }
    Node matcher = matchers.get(0);
    String kind = YamlNodes.scalarText(child(matcher, "match"));
    if (kind == null || !METADATA_KINDS.contains(kind)) {
      yaml.problem(
          matcher,
          rulePath
              + ": matcher '"
              + kind
              + "' has no counterpart for metadata in grpc-contract; use one of "
              + String.join(", ", METADATA_KINDS));
      return null;
    }
    switch (kind) {
      case "type":
        return null;
      case "equality":
        return scalar(text, value);
      case "include":
        String included = YamlNodes.scalarText(child(matcher, "value"));
        return mapping(
            List.of(
                new NodeTuple(
                    scalar("contains", matcher),
                    scalar(included == null ? text : included, matcher))),
            matcher);
      default:
        String regex = YamlNodes.scalarText(child(matcher, "regex"));
        if (regex == null) {
          yaml.problem(matcher, rulePath + ": a regex matcher needs 'regex'");
          return null;
        }
        // Pact matches the whole value; a contract's text regex searches in it.
        return mapping(
            List.of(
                new NodeTuple(scalar("regex", matcher), scalar("^(?:" + regex + ")$", matcher))),
            matcher);
    }
  }

  /** Returns the contract matcher of one body rule, or null after reporting a problem. */
  private NodeTuple matcher(String pactPath, Node rule, String path, Descriptor type) {
    List<Node> matchers = matchers(rule, path);
    if (matchers.isEmpty()) {
      return null;
    }
    Node matcher = matchers.get(0);
    String fieldPath = fieldPath(pactPath, type, rule, path);
    if (fieldPath == null) {
      return null;
    }
    String kind = YamlNodes.scalarText(child(matcher, "match"));
    if ("eachValue".equals(kind)) {
      Node inner = child(matcher, "rules");
      List<Node> innerRules = inner == null ? List.of() : yaml.sequence(inner, path + ".rules");
      if (innerRules.size() != 1) {
        yaml.problem(
            matcher,
            path
                + ": eachValue is read with exactly one rule for the elements; it has "
                + innerRules.size());
        return null;
      }
      matcher = innerRules.get(0);
      kind = YamlNodes.scalarText(child(matcher, "match"));
      fieldPath = fieldPath + "[*]";
    }
    if (kind == null || !BODY_KINDS.contains(kind) || kind.equals("eachValue")) {
      yaml.problem(
          matcher,
          path
              + ": matcher '"
              + kind
              + "' has no counterpart in grpc-contract; use one of "
              + String.join(", ", BODY_KINDS)
              + (kind != null && (kind.contains("date") || kind.contains("time"))
                  ? " (a regex matcher describes a date or time format)"
                  : "")
              + ", or drop the rule");
      return null;
    }
    List<NodeTuple> spec = new ArrayList<>();
    String ours;
    switch (kind) {
      case "regex":
        String regex = YamlNodes.scalarText(child(matcher, "regex"));
        if (regex == null) {
          yaml.problem(matcher, path + ": a regex matcher needs 'regex'");
          return null;
        }
        try {
          Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
          yaml.problem(matcher, path + ": not a valid regular expression: " + e.getDescription());
          return null;
        }
        ours = "regex";
        spec.add(new NodeTuple(scalar("regex", matcher), scalar(regex, matcher)));
        break;
      case "include":
        String value = YamlNodes.scalarText(child(matcher, "value"));
        if (value == null) {
          yaml.problem(matcher, path + ": an include matcher needs 'value'");
          return null;
        }
        ours = "include";
        spec.add(new NodeTuple(scalar("value", matcher), scalar(value, matcher)));
        break;
      case "equality":
      case "notEmpty":
        ours = kind;
        break;
      default:
        // type, and the kinds of values protobuf's field types already fix (a number field
        // holds a number).
        ours = "type";
        Node min = child(matcher, "min");
        Node max = child(matcher, "max");
        if (min != null || max != null) {
          ours = repeated(fieldPath, type) ? "eachLike" : "type";
          if (min != null) {
            spec.add(new NodeTuple(scalar("min", min), min));
          }
          if (max != null) {
            spec.add(new NodeTuple(scalar("max", max), max));
          }
        }
    }
    spec.add(0, new NodeTuple(scalar("match", matcher), scalar(ours, matcher)));
    return new NodeTuple(scalar(fieldPath, rule), mapping(spec, matcher));
  }

  /**
   * Converts a Pact body path ({@code $.items[0].sku}, {@code $['labels']}, {@code $.values.*}) to
   * a contract path with JSON field names, checked against {@code type}; null after reporting.
   */
  private String fieldPath(String pactPath, Descriptor type, Node at, String path) {
    String trimmed = pactPath.trim();
    if (trimmed.equals("$")) {
      yaml.problem(
          at, path + ": a rule on the whole message has no counterpart; give rules on its fields");
      return null;
    }
    if (!trimmed.startsWith("$")) {
      yaml.problem(at, path + ": a body rule's path starts with '$.'");
      return null;
    }
    List<String> steps = new ArrayList<>();
    String rest = trimmed.substring(1);
    int i = 0;
    while (i < rest.length()) {
      char c = rest.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
          end++;
        }
        steps.add(rest.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        int end = rest.indexOf(']', i);
        if (end < 0) {
          yaml.problem(at, path + ": an unclosed '[' in the path");
          return null;
        }
        String inner = rest.substring(i + 1, end).trim();
        if (inner.startsWith("'") || inner.startsWith("\"")) {
          steps.add(inner.substring(1, inner.length() - 1));
        } else {
          steps.add("[" + inner + "]");
        }
        i = end + 1;
      } else {
        yaml.problem(at, path + ": cannot read the path at '" + rest.substring(i) + "'");
        return null;
      }
    }
    StringBuilder out = new StringBuilder();
    Descriptor current = type;
    FieldDescriptor field = null;
    for (int s = 0; s < steps.size(); s++) {
      String step = steps.get(s);
      boolean last = s == steps.size() - 1;
      if (step.equals("*")) {
        // The plugin writes '.*' after an element's index for the element itself.
        if (last && out.length() > 0 && out.charAt(out.length() - 1) == ']') {
          continue;
        }
        out.append("[*]");
        continue;
      }
      if (step.startsWith("[")) {
        out.append(step);
        continue;
      }
      if (field != null && field.isMapField()) {
        out.append("[\"").append(step).append("\"]");
        FieldDescriptor value = field.getMessageType().findFieldByNumber(2);
        field = value;
        current =
            value.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? value.getMessageType() : null;
        continue;
      }
      if (current == null) {
        yaml.problem(
            at,
            path
                + ": '"
                + step
                + "' goes below a field that is not a message in "
                + type.getFullName());
        return null;
      }
      FieldDescriptor next = current.findFieldByName(step);
      if (next == null) {
        for (FieldDescriptor candidate : current.getFields()) {
          if (candidate.getJsonName().equals(step)) {
            next = candidate;
          }
        }
      }
      if (next == null) {
        List<String> names = new ArrayList<>();
        current.getFields().forEach(f -> names.add(f.getName()));
        yaml.problem(
            at,
            path
                + ": "
                + current.getFullName()
                + " has no field '"
                + step
                + "'"
                + Names.didYouMean(step, names)
                + " Its fields are "
                + names);
        return null;
      }
      field = next;
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(field.getJsonName());
      current =
          field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isMapField()
              ? field.getMessageType()
              : null;
    }
    return out.toString();
  }

  private static boolean repeated(String fieldPath, Descriptor type) {
    if (fieldPath.endsWith("]")) {
      return false;
    }
    Descriptor current = type;
    FieldDescriptor field = null;
    for (String step : YamlNodes.steps(fieldPath)) {
      if (step.startsWith("[")) {
        continue;
      }
      if (current == null) {
        return false;
      }
      field = current.findFieldByName(step);
      if (field == null) {
        for (FieldDescriptor candidate : current.getFields()) {
          if (candidate.getJsonName().equals(step)) {
            field = candidate;
          }
        }
      }
      if (field == null) {
        return false;
      }
      current =
          field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? field.getMessageType() : null;
    }
    return field != null && field.isRepeated() && !field.isMapField();
  }

  // ---------------------------------------------------------------- nodes

  private static Node child(Node node, String key) {
    if (!(node instanceof MappingNode mapping)) {
      return null;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      if (key.equals(YamlNodes.scalarText(tuple.getKeyNode()))) {
        return tuple.getValueNode();
      }
    }
    return null;
  }

  private static Node contentNode(Node contents) {
    Node content = child(contents, "content");
    return content == null ? contents : content;
  }

  private static void put(Map<String, YamlNodes.Entry> entries, String key, Node at, Node value) {
    entries.put(key, new YamlNodes.Entry(scalar(key, at), value));
  }

  private static Optional<Mark> mark(Node at) {
    return at == null ? Optional.empty() : at.getStartMark();
  }

  private static ScalarNode scalar(String text, Node at) {
    return new ScalarNode(Tag.STR, true, text, ScalarStyle.DOUBLE_QUOTED, mark(at), mark(at));
  }

  private static MappingNode mapping(List<NodeTuple> tuples, Node at) {
    return new MappingNode(Tag.MAP, true, tuples, FlowStyle.FLOW, mark(at), mark(at));
  }
}
