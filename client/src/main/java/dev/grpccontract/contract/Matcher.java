package dev.grpccontract.contract;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.JavaType;
import com.google.protobuf.Message;
import dev.grpccontract.internal.Names;
import dev.grpccontract.proto.compare.FieldPath;
import dev.grpccontract.proto.compare.MessageDiff;
import dev.grpccontract.proto.compare.ProtoJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * A matcher of a contract file: what a field at a path must hold instead of the example's exact
 * value. The vocabulary follows Pact's ({@code type}, {@code regex}, {@code include}, {@code
 * equality}, {@code type} with {@code min}/{@code max} for lists), plus {@code range}, {@code
 * eachLike}, {@code partial}, {@code notEmpty} and {@code ignore}.
 */
final class Matcher {

  /** The matcher kinds, by the name used in contract files. */
  enum Kind {
    EQUALITY("equality"),
    TYPE("type"),
    REGEX("regex"),
    RANGE("range"),
    INCLUDE("include"),
    EACH_LIKE("eachLike"),
    PARTIAL("partial"),
    NOT_EMPTY("notEmpty"),
    IGNORE("ignore");

    final String word;

    Kind(String word) {
      this.word = word;
    }

    static Kind of(String word) {
      for (Kind kind : values()) {
        if (kind.word.equals(word)) {
          return kind;
        }
      }
      return null;
    }

    static List<String> words() {
      List<String> words = new ArrayList<>();
      for (Kind kind : values()) {
        words.add(kind.word);
      }
      return words;
    }
  }

  static final Set<String> KEYS = Set.of("match", "regex", "min", "max", "value");

  final String path;
  final Kind kind;
  final Pattern regex;
  final BigDecimal min;
  final BigDecimal max;
  final String value;
  final Node at;

  private Matcher(
      String path,
      Kind kind,
      Pattern regex,
      BigDecimal min,
      BigDecimal max,
      String value,
      Node at) {
    this.path = path;
    this.kind = kind;
    this.regex = regex;
    this.min = min;
    this.max = max;
    this.value = value;
    this.at = at;
  }

  /**
   * Returns a matcher made in code rather than read from a file: {@code arguments} may hold {@code
   * regex}, {@code min}, {@code max} and {@code value}, as the file's mapping form does.
   *
   * @throws IllegalArgumentException for an unknown kind or arguments the kind cannot take
   */
  static Matcher of(String path, String word, Map<String, String> arguments) {
    Kind kind = Kind.of(word);
    if (kind == null) {
      throw new IllegalArgumentException(
          "unknown matcher '"
              + word
              + "'"
              + Names.didYouMean(word, Kind.words())
              + "; the matchers are "
              + String.join(", ", Kind.words()));
    }
    for (String key : arguments.keySet()) {
      if (!KEYS.contains(key) || key.equals("match")) {
        throw new IllegalArgumentException(
            "matcher '" + word + "' takes no argument '" + key + "'");
      }
    }
    Pattern regex = null;
    if (kind == Kind.REGEX) {
      String text = arguments.get("regex");
      if (text == null) {
        throw new IllegalArgumentException("matcher 'regex' needs a regular expression");
      }
      try {
        regex = Pattern.compile(text);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "not a valid regular expression: " + e.getDescription(), e);
      }
    }
    BigDecimal min = bound(arguments.get("min"));
    BigDecimal max = bound(arguments.get("max"));
    if (kind == Kind.RANGE && min == null && max == null) {
      throw new IllegalArgumentException("matcher 'range' needs 'min', 'max' or both");
    }
    String value = arguments.get("value");
    if (kind == Kind.INCLUDE && value == null) {
      throw new IllegalArgumentException("matcher 'include' needs the text the field contains");
    }
    return new Matcher(normalize(path), kind, regex, min, max, value, null);
  }

  private static BigDecimal bound(String text) {
    try {
      return text == null ? null : new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a bound must be a number, was '" + text + "'", e);
    }
  }

  /** Returns the matcher as a contract file writes it: the kind's word, or a mapping. */
  com.google.gson.JsonElement toJson() {
    if (regex == null && min == null && max == null && value == null) {
      return new com.google.gson.JsonPrimitive(kind.word);
    }
    com.google.gson.JsonObject spec = new com.google.gson.JsonObject();
    spec.addProperty("match", kind.word);
    if (regex != null) {
      spec.addProperty("regex", regex.pattern());
    }
    if (min != null) {
      spec.addProperty("min", min);
    }
    if (max != null) {
      spec.addProperty("max", max);
    }
    if (value != null) {
      spec.addProperty("value", value);
    }
    return spec;
  }

  /** Returns this matcher for a path relative to one message of a stream. */
  Matcher withPath(String relative) {
    return new Matcher(
        normalize(relative.isEmpty() ? "$" : relative), kind, regex, min, max, value, at);
  }

  boolean isRoot() {
    return path.isEmpty();
  }

  /** Returns the path without {@code [*]} selectors, as ignoring it in every element needs. */
  String ignoredPath() {
    return path.replace("[*]", "");
  }

  /**
   * Reads the matchers of a {@code matchers} mapping: path keys ({@code items[*].sku}, {@code
   * $.id}, {@code $} for the whole message) to a kind name or a mapping with {@code match} and its
   * arguments.
   */
  static List<Matcher> read(YamlNodes yaml, Node node, String what) {
    List<Matcher> matchers = new ArrayList<>();
    for (Map.Entry<String, YamlNodes.Entry> entry : yaml.mapping(node, what, null).entrySet()) {
      String path = normalize(entry.getKey());
      Node spec = entry.getValue().value();
      Matcher matcher = readOne(yaml, path, spec, entry.getValue().key());
      if (matcher != null) {
        matchers.add(matcher);
      }
    }
    return matchers;
  }

  private static String normalize(String path) {
    String trimmed = path.trim();
    if (trimmed.equals("$")) {
      return "";
    }
    if (trimmed.startsWith("$.")) {
      return trimmed.substring(2);
    }
    if (trimmed.startsWith("$[")) {
      return trimmed.substring(1);
    }
    return trimmed;
  }

  private static Matcher readOne(YamlNodes yaml, String path, Node spec, Node keyNode) {
    String shorthand = YamlNodes.scalarText(spec);
    if (shorthand != null) {
      Kind kind = kind(yaml, shorthand, spec);
      if (kind == null) {
        return null;
      }
      if (kind == Kind.REGEX || kind == Kind.RANGE || kind == Kind.INCLUDE) {
        yaml.problem(
            spec,
            "matcher '"
                + kind.word
                + "' needs arguments: write {match: "
                + kind.word
                + ", "
                + (kind == Kind.REGEX
                    ? "regex: '...'"
                    : kind == Kind.RANGE ? "min: 1, max: 9" : "value: '...'")
                + "}");
        return null;
      }
      return new Matcher(path, kind, null, null, null, null, keyNode);
    }
    Map<String, YamlNodes.Entry> args = yaml.mapping(spec, "matcher '" + path + "'", KEYS);
    Kind kind;
    if (args.containsKey("match")) {
      kind = kind(yaml, yaml.text(args.get("match").value(), "match"), args.get("match").value());
    } else if (args.containsKey("regex")) {
      kind = Kind.REGEX;
    } else {
      yaml.problem(spec, "matcher '" + path + "' needs 'match', one of " + Kind.words());
      return null;
    }
    if (kind == null) {
      return null;
    }
    Pattern regex = null;
    if (kind == Kind.REGEX) {
      YamlNodes.Entry pattern = args.get("regex");
      if (pattern == null) {
        yaml.problem(spec, "matcher 'regex' needs 'regex: <pattern>'");
        return null;
      }
      String text = yaml.text(pattern.value(), "regex");
      if (text == null) {
        return null;
      }
      try {
        regex = Pattern.compile(text);
      } catch (PatternSyntaxException e) {
        yaml.problem(pattern.value(), "not a valid regular expression: " + e.getDescription());
        return null;
      }
    }
    BigDecimal min = number(yaml, args.get("min"));
    BigDecimal max = number(yaml, args.get("max"));
    if (kind == Kind.RANGE && min == null && max == null) {
      yaml.problem(spec, "matcher 'range' needs 'min', 'max' or both");
      return null;
    }
    String value = null;
    if (kind == Kind.INCLUDE) {
      YamlNodes.Entry entry = args.get("value");
      value = entry == null ? null : yaml.text(entry.value(), "value");
      if (value == null) {
        yaml.problem(spec, "matcher 'include' needs 'value: <text the field contains>'");
        return null;
      }
    }
    return new Matcher(path, kind, regex, min, max, value, keyNode);
  }

  private static Kind kind(YamlNodes yaml, String word, Node at) {
    if (word == null) {
      return null;
    }
    Kind kind = Kind.of(word);
    if (kind == null) {
      List<String> closest = Names.closest(word, Kind.words(), 2);
      yaml.problem(
          at,
          "unknown matcher '"
              + word
              + "'"
              + (closest.isEmpty() ? "" : "; did you mean " + YamlNodes.quoteAll(closest) + "?")
              + " The matchers are "
              + String.join(", ", Kind.words()));
    }
    return kind;
  }

  private static BigDecimal number(YamlNodes yaml, YamlNodes.Entry entry) {
    if (entry == null) {
      return null;
    }
    String text = yaml.text(entry.value(), "a bound");
    try {
      return text == null ? null : new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      yaml.problem(entry.value(), "a bound must be a number, was '" + text + "'");
      return null;
    }
  }

  /**
   * Checks that this matcher fits {@code type}; returns the problem, or null. The path must name
   * fields of the type, and the kind must suit the field (a regex on text, a range on numbers, a
   * list matcher on a repeated field, partial on a message).
   */
  String checkFits(Descriptor type) {
    if (isRoot()) {
      return kind == Kind.PARTIAL || kind == Kind.IGNORE || kind == Kind.TYPE
          ? null
          : "matcher '" + kind.word + "' cannot apply to the whole message ($); use partial";
    }
    FieldDescriptor field;
    try {
      FieldPath parsed = FieldPath.parse(path.replace("[*]", "[0]"));
      parsed.validate(type);
      field = lastField(type, path);
    } catch (IllegalArgumentException e) {
      return "matcher path '"
          + path
          + "' does not fit "
          + type.getFullName()
          + ": "
          + e.getMessage();
    }
    boolean whole = field.isRepeated() && !path.endsWith("]");
    switch (kind) {
      case EACH_LIKE:
        return whole ? null : "matcher 'eachLike' needs a repeated field; '" + path + "' is not";
      case PARTIAL:
        return field.getJavaType() == JavaType.MESSAGE && !whole
            ? null
            : "matcher 'partial' needs a message field; '" + path + "' is not";
      case REGEX:
      case INCLUDE:
        return !whole && field.getJavaType() != JavaType.MESSAGE
            ? null
            : "matcher '"
                + kind.word
                + "' needs a field with a single value; '"
                + path
                + "' is not";
      case RANGE:
        return !whole && isNumber(field)
            ? null
            : "matcher 'range' needs a number field; '"
                + path
                + "' is "
                + FieldPath.typeName(field);
      default:
        return null;
    }
  }

  /** Returns the field a valid path ends at, reading names as JSON or proto names. */
  private static FieldDescriptor lastField(Descriptor type, String path) {
    Descriptor current = type;
    FieldDescriptor field = null;
    for (String step : YamlNodes.steps(path)) {
      if (step.startsWith("[")) {
        if (field != null && field.isMapField()) {
          field = field.getMessageType().findFieldByNumber(2);
        }
        continue;
      }
      if (field != null) {
        current = field.getMessageType();
      }
      field = current.findFieldByName(step);
      if (field == null) {
        for (FieldDescriptor candidate : current.getFields()) {
          if (candidate.getJsonName().equals(step)) {
            field = candidate;
          }
        }
      }
    }
    return field;
  }

  private static boolean isNumber(FieldDescriptor field) {
    switch (field.getJavaType()) {
      case INT:
      case LONG:
      case FLOAT:
      case DOUBLE:
        return true;
      default:
        return false;
    }
  }

  /** Checks {@code actual} against this matcher and the example; adds failures. */
  void check(Message example, Message actual, String label, List<String> failures) {
    if (isRoot()) {
      return; // partial and type of the whole message are handled by the comparison itself
    }
    for (String concrete : expand(path, actual)) {
      checkAt(concrete, example, actual, label, failures);
    }
  }

  private void checkAt(
      String concrete, Message example, Message actual, String label, List<String> failures) {
    FieldPath.Value value = FieldPath.parse(concrete).resolve(actual);
    FieldDescriptor field = value.field();
    String where = label + concrete;
    switch (kind) {
      case IGNORE:
        return;
      case TYPE:
      case NOT_EMPTY:
        if (!value.exists() || (needsPresence(field, kind) && !value.present())) {
          failures.add(
              where
                  + ": expected "
                  + (kind == Kind.TYPE ? "a value of type " + FieldPath.typeName(field) : "a value")
                  + " but "
                  + (value.exists() ? "it is not set" : value.absence()));
          return;
        }
        if (field.isRepeated() && !value.selectsElement()) {
          countWithin(((List<?>) value.raw()).size(), where, failures);
        }
        return;
      case EACH_LIKE:
        List<?> elements = (List<?>) value.raw();
        countWithin(elements.size(), where, failures);
        if (field.getJavaType() == JavaType.MESSAGE && value.exists()) {
          FieldPath.Value like = FieldPath.parse(concrete + "[0]").resolve(example);
          if (like.exists()) {
            for (int i = 0; i < elements.size(); i++) {
              sameShape(
                  (Message) like.raw(), (Message) elements.get(i), where + "[" + i + "]", failures);
            }
          }
        }
        return;
      default:
        break;
    }
    if (!value.exists()) {
      failures.add(where + ": expected a value but " + value.absence());
      return;
    }
    switch (kind) {
      case REGEX:
        String text = text(field, value.raw());
        if (!regex.matcher(text).matches()) {
          failures.add(
              where
                  + ": expected to match /"
                  + regex.pattern()
                  + "/ but was "
                  + ProtoJson.quote(text));
        }
        return;
      case INCLUDE:
        String whole = text(field, value.raw());
        if (!whole.contains(this.value)) {
          failures.add(
              where
                  + ": expected to include "
                  + ProtoJson.quote(this.value)
                  + " but was "
                  + ProtoJson.quote(whole));
        }
        return;
      case RANGE:
        BigDecimal number = new BigDecimal(String.valueOf(value.raw()));
        if ((min != null && number.compareTo(min) < 0)
            || (max != null && number.compareTo(max) > 0)) {
          failures.add(
              where
                  + ": expected a number in ["
                  + (min == null ? "-inf" : min.toPlainString())
                  + ", "
                  + (max == null ? "inf" : max.toPlainString())
                  + "] but was "
                  + number.toPlainString());
        }
        return;
      case PARTIAL:
      case EQUALITY:
        FieldPath.Value expected = FieldPath.parse(concrete).resolve(example);
        if (!expected.exists()) {
          failures.add(where + ": the example has no value here to compare with");
          return;
        }
        compareValues(field, expected.raw(), value.raw(), where, failures);
        return;
      default:
        throw new IllegalStateException(kind.name());
    }
  }

  private void compareValues(
      FieldDescriptor field, Object expected, Object actual, String where, List<String> failures) {
    if (field.getJavaType() == JavaType.MESSAGE && expected instanceof Message e) {
      MessageDiff.Settings settings = MessageDiff.Settings.DEFAULT.ignoringUnknownFields();
      if (kind == Kind.PARTIAL) {
        settings = settings.comparingExpectedFieldsOnly();
      }
      for (MessageDiff.Difference difference : MessageDiff.compare(e, (Message) actual, settings)) {
        failures.add(where + "." + difference);
      }
    } else if (!String.valueOf(expected).equals(String.valueOf(actual))) {
      failures.add(
          where
              + ": expected "
              + FieldPath.show(field, expected, true)
              + " but was "
              + FieldPath.show(field, actual, true));
    }
  }

  private void countWithin(int count, String where, List<String> failures) {
    int low = min == null ? (kind == Kind.EACH_LIKE ? 1 : 0) : min.intValue();
    if (count < low || (max != null && count > max.intValue())) {
      failures.add(
          where
              + ": expected "
              + (max == null ? "at least " + low : low + " to " + max.intValue())
              + " elements but found "
              + count);
    }
  }

  private static boolean needsPresence(FieldDescriptor field, Kind kind) {
    return kind == Kind.NOT_EMPTY || field.hasPresence() || field.isRepeated();
  }

  /**
   * An element is like the example element when every message field the example sets is set in the
   * element too, recursively; scalar values may differ.
   */
  private static void sameShape(Message like, Message actual, String where, List<String> failures) {
    for (Map.Entry<FieldDescriptor, Object> entry : like.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      if (field.getJavaType() != JavaType.MESSAGE || field.isRepeated()) {
        continue;
      }
      String inner = where + "." + field.getJsonName();
      if (!actual.hasField(field)) {
        failures.add(
            inner + ": expected a " + field.getMessageType().getFullName() + " but it is not set");
      } else {
        sameShape((Message) entry.getValue(), (Message) actual.getField(field), inner, failures);
      }
    }
  }

  private static String text(FieldDescriptor field, Object raw) {
    if (raw instanceof EnumValueDescriptor value) {
      return value.getName();
    }
    if (raw instanceof com.google.protobuf.ByteString bytes) {
      return ProtoJson.base64(bytes);
    }
    return String.valueOf(raw);
  }

  /** Expands every {@code [*]} into the indexes the actual message has. */
  static List<String> expand(String path, Message actual) {
    int star = path.indexOf("[*]");
    if (star < 0) {
      return List.of(path);
    }
    String prefix = path.substring(0, star);
    String rest = path.substring(star + 3);
    List<String> result = new ArrayList<>();
    FieldPath.Value value = FieldPath.parse(prefix).resolve(actual);
    if (value.exists() && value.raw() instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        result.addAll(expand(prefix + "[" + i + "]" + rest, actual));
      }
    }
    return result;
  }
}
