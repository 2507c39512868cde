package dev.grpccontract.compat;

import java.util.Objects;

/**
 * One breaking (or noteworthy) change found by {@link SchemaCompatibility}: which rule, how bad,
 * which element, where, and a one-line explanation.
 *
 * <p>Immutable and thread-safe.
 */
public final class Finding {
  private final Rule rule;
  private final Severity severity;
  private final String element;
  private final Location location;
  private final String message;

  private Finding(Rule rule, Severity severity, String element, Location location, String message) {
    this.rule = Objects.requireNonNull(rule, "rule");
    this.severity = Objects.requireNonNull(severity, "severity");
    this.element = Objects.requireNonNull(element, "element");
    this.location = Objects.requireNonNull(location, "location");
    this.message = Objects.requireNonNull(message, "message");
  }

  /**
   * Returns a finding.
   *
   * @param rule the rule that found it
   * @param severity how much it matters
   * @param element the element's full name ({@code "acme.v1.Order"}, {@code "acme.v1.Order.id"},
   *     {@code "acme.v1.Orders/Get"}) or, for files, the file name
   * @param location where it is, in the new schema when the element still exists there
   * @param message a one-line explanation
   */
  public static Finding of(
      Rule rule, Severity severity, String element, Location location, String message) {
    return new Finding(rule, severity, element, location, message);
  }

  /** Returns the rule that found this. */
  public Rule rule() {
    return rule;
  }

  /** Returns the rule's id, buf's id for buf's rules ({@code "FIELD_NO_DELETE"}). */
  public String ruleId() {
    return rule.name();
  }

  /** Returns how much this matters. */
  public Severity severity() {
    return severity;
  }

  /** Returns whether this finding fails a check ({@link Severity#ERROR}). */
  public boolean isBreaking() {
    return severity == Severity.ERROR;
  }

  /**
   * Returns the element's full name: a file name, a package, a message, enum or service name, a
   * field or enum value ({@code "acme.v1.Order.id"}), or a method ({@code "acme.v1.Orders/Get"}).
   */
  public String element() {
    return element;
  }

  /** Returns where the finding points, never null; the position may be unknown. */
  public Location location() {
    return location;
  }

  /** Returns the one-line explanation. */
  public String message() {
    return message;
  }

  /** Returns {@code location: message [RULE_ID]}, the way compilers print diagnostics. */
  @Override
  public String toString() {
    return location
        + ": "
        + message
        + " ["
        + rule.name()
        + (severity == Severity.WARNING ? ", warning" : "")
        + "]";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Finding)) {
      return false;
    }
    Finding f = (Finding) o;
    return f.rule == rule
        && f.severity == severity
        && f.element.equals(element)
        && f.location.equals(location)
        && f.message.equals(message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rule, severity, element, location, message);
  }
}
