package dev.grpccontract.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations written in annotations: {@code "500ms"}, {@code "5s"}, {@code "PT5S"}. */
public final class Durations {

  private static final Pattern SIMPLE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h)", Pattern.CASE_INSENSITIVE);

  private Durations() {}

  /**
   * Parses a positive duration.
   *
   * @param attribute the annotation attribute, for the error message
   * @throws IllegalArgumentException naming the attribute and the accepted forms
   */
  public static Duration parsePositive(String text, String attribute) {
    Duration duration = parse(text.trim(), attribute);
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(
          attribute + " must be a positive duration, but was \"" + text + "\"");
    }
    return duration;
  }

  private static Duration parse(String text, String attribute) {
    Matcher matcher = SIMPLE.matcher(text);
    if (matcher.matches()) {
      BigDecimal amount = new BigDecimal(matcher.group(1));
      long nanosPerUnit;
      switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
        case "ns":
          nanosPerUnit = 1L;
          break;
        case "us":
          nanosPerUnit = 1_000L;
          break;
        case "ms":
          nanosPerUnit = 1_000_000L;
          break;
        case "s":
          nanosPerUnit = 1_000_000_000L;
          break;
        case "m":
          nanosPerUnit = 60_000_000_000L;
          break;
        default:
          nanosPerUnit = 3_600_000_000_000L;
          break;
      }
      return Duration.ofNanos(amount.multiply(BigDecimal.valueOf(nanosPerUnit)).longValue());
    }
    try {
      return Duration.parse(text.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          attribute
              + " = \""
              + text
              + "\" is not a duration; write a number with a unit (\"500ms\", \"5s\", \"2m\")"
              + " or ISO-8601 (\"PT5S\")",
          e);
    }
  }
}
