package dev.grpccontract.contract;

import dev.grpccontract.proto.ProtoSchema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * One interaction of a contract file: a call of one method and what its answer must be.
 *
 * <p>Read from {@code interactions:} of a {@code *.grpc.yaml} file by {@link Contracts}; verified
 * against a server with {@link ContractVerifier}. Immutable and safe to share between threads; it
 * keeps the YAML it came from, so problems and failures point at the file and line.
 */
public final class Interaction {

  /** A provider state the interaction needs, from {@code given:}: a name and its parameters. */
  public static final class Given {
    private final String name;
    private final Map<String, Object> params;

    Given(String name, Map<String, Object> params) {
      this.name = Objects.requireNonNull(name, "name");
      this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Returns the state's name, e.g. {@code "an order exists"}. */
    public String name() {
      return name;
    }

    /**
     * Returns the state's parameters as YAML gave them: strings, numbers ({@code Long}, {@code
     * java.math.BigInteger}, {@code Double}), booleans, lists and maps; empty when there are none.
     */
    public Map<String, Object> params() {
      return params;
    }

    @Override
    public String toString() {
      return params.isEmpty() ? name : name + " " + params;
    }
  }

  /** The YAML values of the interaction, by key; read by the binder. */
  final Map<String, YamlNodes.Entry> entries;

  final ContractFile file;
  private final String name;
  private final String method;
  private final List<String> tags;
  private final List<Given> given;
  private final int line;
  private final Map<ProtoSchema, BoundInteraction> bound =
      Collections.synchronizedMap(new WeakHashMap<>());

  Interaction(
      ContractFile file,
      String name,
      String method,
      List<String> tags,
      List<Given> given,
      int line,
      Map<String, YamlNodes.Entry> entries) {
    this.file = file;
    this.name = name;
    this.method = method;
    this.tags = List.copyOf(tags);
    this.given = List.copyOf(given);
    this.line = line;
    this.entries = entries;
  }

  /** Returns the interaction's name, unique in its file; JUnit shows it as the test's name. */
  public String name() {
    return name;
  }

  /** Returns the full method name, {@code package.Service/Method}. */
  public String method() {
    return method;
  }

  /** Returns the interaction's tags, for filtering; empty when it has none. */
  public List<String> tags() {
    return tags;
  }

  /** Returns the provider states the interaction needs, in order; empty when it needs none. */
  public List<Given> given() {
    return given;
  }

  /** Returns the contract file the interaction is in. */
  public ContractFile file() {
    return file;
  }

  /** Returns the line of the interaction in its file, from 1. */
  public int line() {
    return line;
  }

  /** Returns {@code file:line}, the interaction's place for IDE links. */
  public String location() {
    return file.name() + ":" + line;
  }

  /** Returns the free-text summary of the interaction, when the file gives one. */
  public Optional<String> summary() {
    YamlNodes.Entry entry = entries.get("summary");
    return entry == null
        ? Optional.empty()
        : Optional.ofNullable(YamlNodes.scalarText(entry.value()));
  }

  Node node(String key) {
    YamlNodes.Entry entry = entries.get(key);
    return entry == null ? null : entry.value();
  }

  Node keyNode(String key) {
    YamlNodes.Entry entry = entries.get(key);
    return entry == null ? null : entry.key();
  }

  /**
   * Returns the interaction checked against {@code schema}: the method, the messages and the
   * matchers resolved, once per schema.
   */
  BoundInteraction bind(ProtoSchema schema) {
    synchronized (bound) {
      return bound.computeIfAbsent(schema, s -> BoundInteraction.bind(this, s));
    }
  }

  /** Returns the name, as JUnit shows it. */
  @Override
  public String toString() {
    return name;
  }
}
