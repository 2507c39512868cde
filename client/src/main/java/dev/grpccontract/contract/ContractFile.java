package dev.grpccontract.contract;

import dev.grpccontract.proto.ProtoSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * A parsed {@code *.grpc.yaml} contract file: its interactions, in the file's order.
 *
 * <p>Made by {@link Contracts#load} or {@link Contracts#parse}, which report every mistake of the
 * format with its line and column. Whether the interactions fit a schema (methods, message fields,
 * matcher paths) is checked by {@link #check(ProtoSchema)}, once per schema. Immutable and shared
 * for the whole JVM: a file is parsed once.
 */
public final class ContractFile {

  static final Set<String> FILE_KEYS =
      new LinkedHashSet<>(
          List.of("consumer", "provider", "service", "summary", "tags", "interactions"));

  static final Set<String> INTERACTION_KEYS =
      new LinkedHashSet<>(
          List.of(
              "name",
              "summary",
              "tags",
              "method",
              "given",
              "metadata",
              "deadline",
              "request",
              "requests",
              "steps",
              "status",
              "description",
              "errorDetails",
              "headers",
              "trailers",
              "response",
              "responses",
              "count",
              "atLeast",
              "matchers"));

  private final String name;
  private final List<Interaction> interactions;
  private final ProtoSchema schema;
  private String consumer;
  private String provider;
  private final Map<ProtoSchema, List<ContractProblem>> checked =
      Collections.synchronizedMap(new WeakHashMap<>());

  private ContractFile(String name, List<Interaction> interactions, ProtoSchema schema) {
    this.name = name;
    this.interactions = interactions;
    this.schema = schema;
  }

  /**
   * Returns a file whose interactions {@code reader} makes (it is handed the file they belong to);
   * for formats other than YAML, such as Pact files.
   */
  static ContractFile of(
      String name,
      ProtoSchema schema,
      java.util.function.Function<ContractFile, List<Interaction>> reader) {
    List<Interaction> interactions = new ArrayList<>();
    ContractFile file = new ContractFile(name, Collections.unmodifiableList(interactions), schema);
    interactions.addAll(reader.apply(file));
    return file;
  }

  /**
   * Returns the schema the file carries itself: the descriptors a Pact file embeds. Empty for
   * {@code *.grpc.yaml} files, whose schema is the target's. A client made with it needs no {@code
   * .proto} files: {@code GrpcClient.create(channel, file.schema().orElseThrow())}.
   */
  public Optional<ProtoSchema> schema() {
    return Optional.ofNullable(schema);
  }

  /** Returns the file's name as it was loaded: a classpath resource or a path. */
  public String name() {
    return name;
  }

  /**
   * Returns the consumer that relies on the file's interactions, from the top-level {@code
   * consumer:} key (written by consumer tests), or empty when the file names none.
   */
  public Optional<String> consumer() {
    return Optional.ofNullable(consumer);
  }

  /** Returns the provider the file's interactions are with, from {@code provider:}, if given. */
  public Optional<String> provider() {
    return Optional.ofNullable(provider);
  }

  /** Returns the interactions, in the file's order. */
  public List<Interaction> interactions() {
    return interactions;
  }

  /** Returns the interaction named {@code interactionName}. */
  public Interaction interaction(String interactionName) {
    for (Interaction interaction : interactions) {
      if (interaction.name().equals(interactionName)) {
        return interaction;
      }
    }
    List<String> names = new ArrayList<>();
    interactions.forEach(i -> names.add(i.name()));
    throw new IllegalArgumentException(
        "No interaction '"
            + interactionName
            + "' in "
            + name
            + "; it has "
            + dev.grpccontract.internal.Names.closest(interactionName, names, 5));
  }

  /**
   * Returns every way the file does not fit {@code schema}: unknown methods (with the closest
   * names), a request or response shape that does not suit the method's streaming kind, JSON that
   * does not fit a message type (with the field path), matchers on paths the type lacks. Empty when
   * the file fits. Computed once per schema.
   */
  public List<ContractProblem> check(ProtoSchema schema) {
    synchronized (checked) {
      return checked.computeIfAbsent(
          schema,
          s -> {
            List<ContractProblem> problems = new ArrayList<>();
            for (Interaction interaction : interactions) {
              problems.addAll(interaction.bind(s).problems());
            }
            return List.copyOf(problems);
          });
    }
  }

  /**
   * Returns this file checked against {@code schema}.
   *
   * @throws ContractException listing every problem {@link #check} finds
   */
  public ContractFile requireFits(ProtoSchema schema) {
    List<ContractProblem> problems = check(schema);
    if (!problems.isEmpty()) {
      throw new ContractException(name, problems);
    }
    return this;
  }

  @Override
  public String toString() {
    return name + " (" + interactions.size() + " interactions)";
  }

  /** Reads a file's YAML into interactions; every problem of the format is collected first. */
  static ContractFile read(String name, String text) {
    YamlNodes yaml = new YamlNodes(name);
    List<Interaction> interactions = new ArrayList<>();
    ContractFile file = new ContractFile(name, Collections.unmodifiableList(interactions), null);
    Node root = yaml.parse(text).orElse(null);
    if (root != null) {
      readFile(yaml, root, file, interactions);
    } else if (yaml.problems().isEmpty()) {
      yaml.problems()
          .add(ContractProblem.at(name, 0, 0, "the file is empty; it needs 'interactions:'"));
    }
    if (!yaml.problems().isEmpty()) {
      throw new ContractException(name, yaml.problems());
    }
    return file;
  }

  private static void readFile(
      YamlNodes yaml, Node root, ContractFile file, List<Interaction> interactions) {
    Map<String, YamlNodes.Entry> top = yaml.mapping(root, "a contract file", FILE_KEYS);
    if (top.containsKey("consumer")) {
      file.consumer = yaml.text(top.get("consumer").value(), "consumer");
    }
    if (top.containsKey("provider")) {
      file.provider = yaml.text(top.get("provider").value(), "provider");
    }
    String service = null;
    if (top.containsKey("service")) {
      service = yaml.text(top.get("service").value(), "service");
    }
    List<String> fileTags =
        top.containsKey("tags") ? strings(yaml, top.get("tags").value(), "tags") : List.of();
    if (!top.containsKey("interactions")) {
      if (root instanceof org.snakeyaml.engine.v2.nodes.MappingNode) {
        yaml.problem(root, "a contract file needs 'interactions:', a list of interactions");
      }
      return;
    }
    Set<String> names = new LinkedHashSet<>();
    for (Node node : yaml.sequence(top.get("interactions").value(), "interactions")) {
      Interaction interaction = readInteraction(yaml, node, file, service, fileTags);
      if (interaction != null) {
        if (!names.add(interaction.name())) {
          yaml.problem(
              interaction.keyNode("name"),
              "a second interaction named '"
                  + interaction.name()
                  + "'; names must be unique in a file, as they name the tests");
        }
        interactions.add(interaction);
      }
    }
    if (interactions.isEmpty() && yaml.problems().isEmpty()) {
      yaml.problem(top.get("interactions").value(), "'interactions' is empty; add at least one");
    }
  }

  private static Interaction readInteraction(
      YamlNodes yaml, Node node, ContractFile file, String service, List<String> fileTags) {
    Map<String, YamlNodes.Entry> entries = yaml.mapping(node, "an interaction", INTERACTION_KEYS);
    if (!(node instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) {
      return null;
    }
    String name =
        entries.containsKey("name") ? yaml.text(entries.get("name").value(), "name") : null;
    if (!entries.containsKey("name")) {
      yaml.problem(node, "an interaction needs 'name:', which names its test");
    }
    String method = null;
    if (entries.containsKey("method")) {
      method = yaml.text(entries.get("method").value(), "method");
      if (method != null && service != null && !method.contains("/") && !method.contains(".")) {
        method = service + "/" + method;
      }
    } else {
      yaml.problem(
          node, "an interaction needs 'method:', e.g. method: orders.v1.OrderService/GetOrder");
    }
    checkShape(yaml, node, entries);
    List<String> tags = new ArrayList<>(fileTags);
    if (entries.containsKey("tags")) {
      tags.addAll(strings(yaml, entries.get("tags").value(), "tags"));
    }
    List<Interaction.Given> given = new ArrayList<>();
    if (entries.containsKey("given")) {
      for (Node state : yaml.sequence(entries.get("given").value(), "given")) {
        Interaction.Given one = readGiven(yaml, state);
        if (one != null) {
          given.add(one);
        }
      }
    }
    if (name == null || method == null) {
      return null;
    }
    return new Interaction(file, name, method, tags, given, YamlNodes.line(node), entries);
  }

  /** Request and response keys that exclude each other. */
  private static void checkShape(YamlNodes yaml, Node node, Map<String, YamlNodes.Entry> entries) {
    List<String> requests = new ArrayList<>();
    for (String key : List.of("request", "requests", "steps")) {
      if (entries.containsKey(key)) {
        requests.add(key);
      }
    }
    if (requests.size() > 1) {
      yaml.problem(
          entries.get(requests.get(1)).key(),
          "give one of 'request' (unary, server stream), 'requests' (client stream) or 'steps'"
              + " (bidi), not "
              + String.join(" and ", requests));
    }
    if (entries.containsKey("response") && entries.containsKey("responses")) {
      yaml.problem(
          entries.get("responses").key(),
          "give 'response' (unary, client stream) or 'responses' (server stream), not both");
    }
    if (entries.containsKey("count") && entries.containsKey("atLeast")) {
      yaml.problem(entries.get("atLeast").key(), "give 'count' or 'atLeast', not both");
    }
    if (entries.containsKey("steps")
        && (entries.containsKey("response") || entries.containsKey("responses"))) {
      yaml.problem(
          entries.get(entries.containsKey("response") ? "response" : "responses").key(),
          "a bidi interaction expects messages in 'steps' (- expect: ...), not in '"
              + (entries.containsKey("response") ? "response" : "responses")
              + "'");
    }
  }

  private static Interaction.Given readGiven(YamlNodes yaml, Node node) {
    String plain = YamlNodes.scalarText(node);
    if (plain != null) {
      return new Interaction.Given(plain, Map.of());
    }
    Map<String, YamlNodes.Entry> entries =
        yaml.mapping(node, "a provider state", Set.of("state", "params"));
    if (!entries.containsKey("state")) {
      if (node instanceof org.snakeyaml.engine.v2.nodes.MappingNode) {
        yaml.problem(node, "a provider state needs 'state: <name>' (and optional 'params:')");
      }
      return null;
    }
    String name = yaml.text(entries.get("state").value(), "state");
    Map<String, Object> params = new LinkedHashMap<>();
    if (entries.containsKey("params")) {
      Object value = YamlNodes.toJava(entries.get("params").value());
      if (value instanceof Map<?, ?> map) {
        map.forEach((k, v) -> params.put(String.valueOf(k), v));
      } else {
        yaml.problem(
            entries.get("params").value(), "'params' must be a mapping of names to values");
      }
    }
    return name == null ? null : new Interaction.Given(name, params);
  }

  private static List<String> strings(YamlNodes yaml, Node node, String what) {
    List<String> result = new ArrayList<>();
    String single = YamlNodes.scalarText(node);
    if (single != null) {
      result.add(single);
      return result;
    }
    for (Node element : yaml.sequence(node, what)) {
      String text = yaml.text(element, "an element of " + what);
      if (text != null) {
        result.add(text);
      }
    }
    return result;
  }
}
