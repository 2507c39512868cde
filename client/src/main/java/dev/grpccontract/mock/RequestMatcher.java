package dev.grpccontract.mock;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.proto.compare.FieldPath;
import dev.grpccontract.proto.compare.MessageDiff;
import dev.grpccontract.proto.compare.ProtoJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a request message must be for a stub to answer it: equal to a message, a partial match of
 * JSON, a field matching a regular expression, a field that is set, or all of several of those.
 * Made by the factories of {@link Stubbing}; checked against the method's request type when the
 * stub is added, so a field the type lacks or JSON that does not fit is an error at once.
 * Immutable.
 */
public final class RequestMatcher {

  private enum Kind {
    ANY,
    EQUAL_JSON,
    PARTIAL_JSON,
    EQUAL_MESSAGE,
    FIELD_REGEX,
    FIELD_SET,
    ALL
  }

  /** A matcher checked against one request type: lists how a request differs from it. */
  interface Bound {
    /** Returns every difference of {@code actual}, each starting with {@code label}. */
    List<String> differences(Message actual, String label);
  }

  private final Kind kind;
  private final String text;
  private final Message message;
  private final String path;
  private final List<RequestMatcher> parts;

  private RequestMatcher(
      Kind kind, String text, Message message, String path, List<RequestMatcher> parts) {
    this.kind = kind;
    this.text = text;
    this.message = message;
    this.path = path;
    this.parts = parts;
  }

  static RequestMatcher any() {
    return new RequestMatcher(Kind.ANY, null, null, null, List.of());
  }

  static RequestMatcher equalToJson(String json) {
    return new RequestMatcher(
        Kind.EQUAL_JSON, Objects.requireNonNull(json, "json"), null, null, List.of());
  }

  static RequestMatcher partialJson(String json) {
    return new RequestMatcher(
        Kind.PARTIAL_JSON, Objects.requireNonNull(json, "json"), null, null, List.of());
  }

  static RequestMatcher equalTo(Message message) {
    return new RequestMatcher(
        Kind.EQUAL_MESSAGE, null, Objects.requireNonNull(message, "message"), null, List.of());
  }

  static RequestMatcher fieldMatching(String path, String regex) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(regex, "regex");
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "fieldMatching(\"" + path + "\", ...): not a valid regular expression: " + e.getMessage(),
          e);
    }
    return new RequestMatcher(Kind.FIELD_REGEX, regex, null, path, List.of());
  }

  static RequestMatcher fieldSet(String path) {
    return new RequestMatcher(
        Kind.FIELD_SET, null, null, Objects.requireNonNull(path, "path"), List.of());
  }

  /** Returns a matcher that holds when this one and {@code other} both hold. */
  public RequestMatcher and(RequestMatcher other) {
    Objects.requireNonNull(other, "other");
    List<RequestMatcher> all = new ArrayList<>();
    for (RequestMatcher matcher : List.of(this, other)) {
      if (matcher.kind == Kind.ALL) {
        all.addAll(matcher.parts);
      } else {
        all.add(matcher);
      }
    }
    return new RequestMatcher(Kind.ALL, null, null, null, List.copyOf(all));
  }

  /** Returns the matcher as it was written, e.g. {@code partialJson({"id": "42"})}. */
  @Override
  public String toString() {
    switch (kind) {
      case ANY:
        return "anyRequest()";
      case EQUAL_JSON:
        return "equalToJson(" + text + ")";
      case PARTIAL_JSON:
        return "partialJson(" + text + ")";
      case EQUAL_MESSAGE:
        return "equalTo(" + ProtoJson.compact(message) + ")";
      case FIELD_REGEX:
        return "fieldMatching(\"" + path + "\", \"" + text + "\")";
      case FIELD_SET:
        return "fieldSet(\"" + path + "\")";
      default:
        List<String> names = new ArrayList<>();
        parts.forEach(p -> names.add(p.toString()));
        return String.join(".and(", names) + ")".repeat(parts.size() - 1);
    }
  }

  /**
   * Checks the matcher against {@code type}.
   *
   * @throws IllegalArgumentException when JSON does not fit the type (naming the field path), a
   *     path names no field of it (naming the closest), or a regular expression is put on a field
   *     that has no single value
   */
  Bound bind(ProtoSchema schema, Descriptor type, String where) {
    switch (kind) {
      case ANY:
        return (actual, label) -> List.of();
      case EQUAL_JSON:
      case PARTIAL_JSON:
        {
          Message expected = ProtoJson.parse(text, type, where + " " + this, schema.typeRegistry());
          MessageDiff.Settings settings = MessageDiff.Settings.DEFAULT;
          if (kind == Kind.PARTIAL_JSON) {
            JsonElement mask;
            try {
              mask = JsonParser.parseString(text);
            } catch (JsonParseException e) {
              throw new IllegalArgumentException(where + " " + this + ": not JSON", e);
            }
            settings = settings.comparingFieldsOf(mask);
          }
          return compare(expected, settings);
        }
      case EQUAL_MESSAGE:
        if (!message.getDescriptorForType().getFullName().equals(type.getFullName())) {
          throw new IllegalArgumentException(
              where
                  + " equalTo(...) gives a "
                  + message.getDescriptorForType().getFullName()
                  + " but the method takes a "
                  + type.getFullName());
        }
        return compare(message, MessageDiff.Settings.DEFAULT);
      case FIELD_REGEX:
        {
          FieldPath parsed = validPath(type, where);
          FieldDescriptor field = parsed.resolve(DynamicMessage.getDefaultInstance(type)).field();
          boolean whole = field.isRepeated() && !path.endsWith("]");
          if (whole || field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            throw new IllegalArgumentException(
                where
                    + " "
                    + this
                    + ": a regular expression needs a field with a single value, but '"
                    + path
                    + "' is "
                    + (whole ? "a repeated field; select an element, e.g. " + path + "[0]" : "")
                    + (whole ? "" : "a message (" + FieldPath.typeName(field) + ")")
                    + "; match a text, number or enum field below it");
          }
          Pattern pattern = Pattern.compile(text);
          return (actual, label) -> {
            FieldPath.Value value = parsed.resolve(actual);
            if (!value.exists()) {
              return List.of(
                  label + path + ": expected to match /" + text + "/ but " + value.absence());
            }
            String found = text(value.raw());
            return pattern.matcher(found).matches()
                ? List.of()
                : List.of(
                    label
                        + path
                        + ": expected to match /"
                        + text
                        + "/ but was "
                        + ProtoJson.quote(found));
          };
        }
      case FIELD_SET:
        {
          FieldPath parsed = validPath(type, where);
          return (actual, label) -> {
            FieldPath.Value value = parsed.resolve(actual);
            if (value.exists() && value.present()) {
              return List.of();
            }
            return List.of(
                label
                    + path
                    + ": expected a value of type "
                    + FieldPath.typeName(value.field())
                    + " but "
                    + (value.exists() ? "it is not set" : value.absence()));
          };
        }
      default:
        List<Bound> bound = new ArrayList<>();
        for (RequestMatcher part : parts) {
          bound.add(part.bind(schema, type, where));
        }
        return (actual, label) -> {
          List<String> differences = new ArrayList<>();
          for (Bound part : bound) {
            differences.addAll(part.differences(actual, label));
          }
          return differences;
        };
    }
  }

  private FieldPath validPath(Descriptor type, String where) {
    try {
      FieldPath parsed = FieldPath.parse(path);
      parsed.validate(type);
      return parsed;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where
              + " "
              + this
              + ": the path does not fit "
              + type.getFullName()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static Bound compare(Message expected, MessageDiff.Settings settings) {
    return (actual, label) -> {
      List<String> differences = new ArrayList<>();
      for (MessageDiff.Difference difference : MessageDiff.compare(expected, actual, settings)) {
        differences.add(label + difference);
      }
      return differences;
    };
  }

  private static String text(Object raw) {
    if (raw instanceof EnumValueDescriptor value) {
      return value.getName();
    }
    if (raw instanceof ByteString bytes) {
      return ProtoJson.base64(bytes);
    }
    return String.valueOf(raw);
  }
}
