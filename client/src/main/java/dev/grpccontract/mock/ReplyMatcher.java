package dev.grpccontract.mock;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a consumer relies on at one field of a stub's answer, in place of the example's exact value:
 * the contract's matcher vocabulary ({@code type}, {@code regex}, {@code include}, {@code range},
 * {@code eachLike}, {@code partial}, {@code notEmpty}, {@code ignore}, {@code equality}). Given to
 * {@link Reply#matching}; the mock still answers with the example, and a consumer contract written
 * from the mock carries the matcher, so the provider is compared by it. Immutable.
 *
 * <pre>{@code
 * json("{\"id\": \"o-42\", \"createdAt\": \"2024-01-01T00:00:00Z\"}")
 *     .matching("id", ReplyMatcher.regex("o-[0-9]+"))
 *     .matching("createdAt", ReplyMatcher.ignore())
 * }</pre>
 */
public final class ReplyMatcher {

  private final String kind;
  private final Map<String, String> arguments;

  private ReplyMatcher(String kind, Map<String, String> arguments) {
    this.kind = kind;
    this.arguments = Map.copyOf(arguments);
  }

  private static ReplyMatcher of(String kind) {
    return new ReplyMatcher(kind, Map.of());
  }

  private static ReplyMatcher of(
      String kind, String key, Object value, String key2, Object value2) {
    Map<String, String> arguments = new LinkedHashMap<>();
    if (value != null) {
      arguments.put(key, String.valueOf(value));
    }
    if (key2 != null && value2 != null) {
      arguments.put(key2, String.valueOf(value2));
    }
    return new ReplyMatcher(kind, arguments);
  }

  /** Returns a matcher that holds when the value equals the example's (the default). */
  public static ReplyMatcher equality() {
    return of("equality");
  }

  /**
   * Returns a matcher that holds when the field has a value of its type (is set, if it tracks
   * presence).
   */
  public static ReplyMatcher type() {
    return of("type");
  }

  /**
   * Returns a matcher that holds when a repeated field has {@code min} to {@code max} elements.
   *
   * @throws IllegalArgumentException when {@code min} is negative or above {@code max}
   */
  public static ReplyMatcher type(int min, int max) {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException(
          "type(min, max) needs 0 <= min <= max, but was " + min + ", " + max);
    }
    return of("type", "min", min, "max", max);
  }

  /**
   * Returns a matcher that holds when the text (a string, an enum's name, a number) matches the
   * whole of {@code regex}.
   *
   * @throws java.util.regex.PatternSyntaxException when {@code regex} is not a valid pattern
   */
  public static ReplyMatcher regex(String regex) {
    Pattern.compile(Objects.requireNonNull(regex, "regex"));
    return of("regex", "regex", regex, null, null);
  }

  /** Returns a matcher that holds when the text contains {@code value}. */
  public static ReplyMatcher include(String value) {
    return of("include", "value", Objects.requireNonNull(value, "value"), null, null);
  }

  /**
   * Returns a matcher that holds when the number is within {@code min} and {@code max}, inclusive;
   * either may be null for no bound.
   *
   * @throws IllegalArgumentException when both are null
   */
  public static ReplyMatcher range(Number min, Number max) {
    if (min == null && max == null) {
      throw new IllegalArgumentException("range(min, max) needs a min, a max or both");
    }
    return of("range", "min", min, "max", max);
  }

  /**
   * Returns a matcher that holds when a repeated field has at least one element, each with the
   * message fields the example's first element sets; add {@code items[*].field} matchers for the
   * values.
   */
  public static ReplyMatcher eachLike() {
    return of("eachLike");
  }

  /**
   * Returns {@link #eachLike()} needing at least {@code min} elements.
   *
   * @throws IllegalArgumentException when {@code min} is negative
   */
  public static ReplyMatcher eachLike(int min) {
    if (min < 0) {
      throw new IllegalArgumentException("eachLike(min) needs min >= 0, but was " + min);
    }
    return of("eachLike", "min", min, null, null);
  }

  /**
   * Returns a matcher that holds when a message field has the fields the example gives, with their
   * values; others may be anything. At path {@code "$"} it applies to the whole answer.
   */
  public static ReplyMatcher partial() {
    return of("partial");
  }

  /** Returns a matcher that holds when the field is set and not empty. */
  public static ReplyMatcher notEmpty() {
    return of("notEmpty");
  }

  /** Returns a matcher that always holds: the consumer does not rely on the field at all. */
  public static ReplyMatcher ignore() {
    return of("ignore");
  }

  /** Returns the kind's name as contract files write it, e.g. {@code eachLike}. */
  public String kind() {
    return kind;
  }

  /** Returns the arguments by their contract-file key ({@code regex}, {@code min}, ...). */
  public Map<String, String> arguments() {
    return arguments;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ReplyMatcher that
        && kind.equals(that.kind)
        && arguments.equals(that.arguments);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, arguments);
  }

  /** Returns the matcher as written in a contract file, e.g. {@code regex {regex=o-[0-9]+}}. */
  @Override
  public String toString() {
    return arguments.isEmpty() ? kind : kind + " " + new java.util.TreeMap<>(arguments);
  }
}
