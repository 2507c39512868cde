package dev.grpccontract.contract;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.grpccontract.internal.Names;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a YAML document into SnakeYAML Engine's node tree, which keeps the line and column of every
 * value, and collects the problems found while reading it with their positions.
 */
final class YamlNodes {

  private final String file;
  private final List<ContractProblem> problems = new ArrayList<>();

  YamlNodes(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  List<ContractProblem> problems() {
    return problems;
  }

  /** Parses {@code text}; a syntax error is a problem at its mark, and the result is empty. */
  Optional<Node> parse(String text) {
    return parse(text, LoadSettings.builder().build().getCodePointLimit(), "YAML");
  }

  /**
   * Parses {@code text} of up to {@code codePointLimit} characters as {@link #parse(String)}; a
   * syntax error is reported as not valid {@code format}.
   */
  Optional<Node> parse(String text, int codePointLimit, String format) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setAllowDuplicateKeys(false)
            .setCodePointLimit(codePointLimit)
            .build();
    try {
      return new Compose(settings).composeString(text);
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      String context = e.getContext() == null ? "" : e.getContext() + ": ";
      problems.add(
          ContractProblem.at(
              file,
              mark == null ? 0 : mark.getLine() + 1,
              mark == null ? 0 : mark.getColumn() + 1,
              "not valid " + format + ": " + context + problem));
    } catch (YamlEngineException e) {
      problems.add(ContractProblem.at(file, 0, 0, "not valid " + format + ": " + e.getMessage()));
    }
    return Optional.empty();
  }

  void problem(Node at, String message) {
    problems.add(problemAt(file, at, message));
  }

  static ContractProblem problemAt(String file, Node at, String message) {
    Mark mark = at == null ? null : at.getStartMark().orElse(null);
    return ContractProblem.at(
        file,
        mark == null ? 0 : mark.getLine() + 1,
        mark == null ? 0 : mark.getColumn() + 1,
        message);
  }

  static int line(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  /**
   * Returns the entries of a mapping by key, with the key nodes for positions; reports keys that
   * are not in {@code known} with the closest known names. Empty when {@code node} is not a mapping
   * (reported as a problem naming {@code what}).
   */
  Map<String, Entry> mapping(Node node, String what, Collection<String> known) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    if (!(node instanceof MappingNode mapping)) {
      problem(node, what + " must be a mapping (key: value lines), not " + kind(node));
      return entries;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      String key = scalarText(tuple.getKeyNode());
      if (key == null) {
        problem(tuple.getKeyNode(), "a key of " + what + " must be a plain name");
        continue;
      }
      if (known != null && !known.contains(key)) {
        List<String> closest = Names.closest(key, known, 1);
        problem(
            tuple.getKeyNode(),
            "unknown key '"
                + key
                + "' in "
                + what
                + (closest.isEmpty()
                    ? "; the keys are " + String.join(", ", known)
                    : "; did you mean " + quoteAll(closest) + "?"));
        continue;
      }
      entries.put(key, new Entry(tuple.getKeyNode(), tuple.getValueNode()));
    }
    return entries;
  }

  /** A key and its value. */
  record Entry(Node key, Node value) {}

  /** Returns the elements of a sequence, or reports {@code what} must be a list. */
  List<Node> sequence(Node node, String what) {
    if (node instanceof SequenceNode sequence) {
      return sequence.getValue();
    }
    problem(node, what + " must be a list (lines starting with '- '), not " + kind(node));
    return List.of();
  }

  /** Returns the text of a scalar, or reports {@code what} must be a single value. */
  String text(Node node, String what) {
    String text = scalarText(node);
    if (text == null || isNull(node)) {
      problem(node, what + " must be a single value, not " + kind(node));
      return null;
    }
    return text;
  }

  /** Returns the whole number of a scalar, or reports it. */
  Integer integer(Node node, String what) {
    String text = text(node, what);
    if (text == null) {
      return null;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value < 0) {
        problem(node, what + " must not be negative, was " + value);
        return null;
      }
      return value;
    } catch (NumberFormatException e) {
      problem(node, what + " must be a whole number, was '" + text + "'");
      return null;
    }
  }

  /** Returns a boolean scalar, or reports it. */
  boolean flag(Node node, String what) {
    String text = text(node, what);
    if ("true".equals(text)) {
      return true;
    }
    if (!"false".equals(text) && text != null) {
      problem(node, what + " must be true or false, was '" + text + "'");
    }
    return false;
  }

  static String scalarText(Node node) {
    return node instanceof ScalarNode scalar ? scalar.getValue() : null;
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
  }

  static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (node == null || isNull(node)) {
      return "empty";
    }
    return "the value '" + scalarText(node) + "'";
  }

  /**
   * Converts a YAML value to JSON: mappings to objects, lists to arrays, scalars by their YAML type
   * (numbers, booleans, null, strings).
   */
  static JsonElement toJson(Node node) {
    if (node instanceof MappingNode mapping) {
      JsonObject object = new JsonObject();
      for (NodeTuple tuple : mapping.getValue()) {
        object.add(String.valueOf(scalarText(tuple.getKeyNode())), toJson(tuple.getValueNode()));
      }
      return object;
    }
    if (node instanceof SequenceNode sequence) {
      JsonArray array = new JsonArray();
      for (Node element : sequence.getValue()) {
        array.add(toJson(element));
      }
      return array;
    }
    ScalarNode scalar = (ScalarNode) node;
    String text = scalar.getValue();
    Tag tag = scalar.getTag();
    if (tag.equals(Tag.NULL)) {
      return JsonNull.INSTANCE;
    }
    if (tag.equals(Tag.BOOL)) {
      return new JsonPrimitive(Boolean.parseBoolean(text));
    }
    if (tag.equals(Tag.INT)) {
      try {
        return new JsonPrimitive(new BigInteger(text.replace("_", "")));
      } catch (NumberFormatException e) {
        return new JsonPrimitive(text);
      }
    }
    if (tag.equals(Tag.FLOAT)) {
      try {
        return new JsonPrimitive(new BigDecimal(text));
      } catch (NumberFormatException e) {
        return new JsonPrimitive(text); // .inf, .nan: protobuf JSON spells them as strings
      }
    }
    return new JsonPrimitive(text);
  }

  /**
   * Converts the YAML value of a whole message to JSON, as {@link #toJson}; a message may also be
   * written as a string of JSON text ({@code response: '{"id": "42"}'}).
   */
  static JsonElement messageJson(Node node) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
      String trimmed = scalar.getValue().trim();
      if (trimmed.startsWith("{")) {
        try {
          return JsonParser.parseString(trimmed);
        } catch (JsonParseException e) {
          return new JsonPrimitive(scalar.getValue());
        }
      }
    }
    return toJson(node);
  }

  /**
   * Finds the node at a JSON field path ({@code items[1].sku}, {@code labels["env"]}) below {@code
   * node}, accepting the proto or the JSON name of each field; the deepest node found on the way
   * when the path leaves the YAML.
   */
  static Node nodeAt(
      Node node,
      String path,
      java.util.function.Function<String, String> protoName,
      boolean keyOfLast) {
    Node current = node;
    List<String> steps = steps(path);
    for (int s = 0; s < steps.size(); s++) {
      String step = steps.get(s);
      if (keyOfLast && s == steps.size() - 1 && current instanceof MappingNode mapping) {
        for (NodeTuple tuple : mapping.getValue()) {
          String key = scalarText(tuple.getKeyNode());
          if (step.equals(key) || protoName.apply(step).equals(key)) {
            return tuple.getKeyNode();
          }
        }
      }
      Node next = null;
      if (step.startsWith("[")) {
        String inner = step.substring(1, step.length() - 1);
        if (current instanceof SequenceNode sequence) {
          try {
            int index = Integer.parseInt(inner);
            if (index >= 0 && index < sequence.getValue().size()) {
              next = sequence.getValue().get(index);
            }
          } catch (NumberFormatException e) {
            next = null;
          }
        } else if (current instanceof MappingNode mapping) {
          String key = inner.startsWith("\"") ? inner.substring(1, inner.length() - 1) : inner;
          next = valueOf(mapping, key, null);
        }
      } else if (current instanceof MappingNode mapping) {
        next = valueOf(mapping, step, protoName.apply(step));
      }
      if (next == null) {
        return current;
      }
      current = next;
    }
    return current;
  }

  private static Node valueOf(MappingNode mapping, String name, String otherName) {
    for (NodeTuple tuple : mapping.getValue()) {
      String key = scalarText(tuple.getKeyNode());
      if (name.equals(key) || (otherName != null && otherName.equals(key))) {
        return tuple.getValueNode();
      }
    }
    return null;
  }

  /** Splits a field path into names and bracketed selectors ({@code [0]}, {@code ["k"]}). */
  static List<String> steps(String path) {
    List<String> steps = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (quoted) {
        current.append(c);
        if (c == '\\' && i + 1 < path.length()) {
          current.append(path.charAt(++i));
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '.' || c == '[') {
        if (current.length() > 0) {
          steps.add(current.toString());
        }
        current.setLength(0);
        if (c == '[') {
          current.append(c);
        }
      } else if (c == ']') {
        steps.add(current.append(c).toString());
        current.setLength(0);
      } else {
        if (c == '"') {
          quoted = true;
        }
        current.append(c);
      }
    }
    if (current.length() > 0) {
      steps.add(current.toString());
    }
    return steps;
  }

  /** Converts a YAML value to plain Java: maps, lists, strings, numbers, booleans, null. */
  static Object toJava(Node node) {
    if (node instanceof MappingNode mapping) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        map.put(String.valueOf(scalarText(tuple.getKeyNode())), toJava(tuple.getValueNode()));
      }
      return map;
    }
    if (node instanceof SequenceNode sequence) {
      List<Object> list = new ArrayList<>();
      for (Node element : sequence.getValue()) {
        list.add(toJava(element));
      }
      return list;
    }
    JsonElement json = toJson(node);
    if (json.isJsonNull()) {
      return null;
    }
    JsonPrimitive primitive = json.getAsJsonPrimitive();
    if (primitive.isBoolean()) {
      return primitive.getAsBoolean();
    }
    if (primitive.isNumber()) {
      Number number = primitive.getAsNumber();
      if (number instanceof BigInteger big) {
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
      }
      return number.doubleValue();
    }
    return primitive.getAsString();
  }

  static String quoteAll(List<String> names) {
    List<String> quoted = new ArrayList<>();
    for (String name : names) {
      quoted.add("'" + name + "'");
    }
    return String.join(" or ", quoted);
  }
}
