package dev.grpccontract.junit.internal;

import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Resolves {@code ${NAME}} and {@code ${NAME:default}} in annotation values: the system property
 * {@code NAME}, then the environment variable {@code NAME}, then its upper-case form with {@code _}
 * for {@code .} and {@code -}, then the default.
 */
public final class Placeholders {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

  private final UnaryOperator<String> properties;
  private final UnaryOperator<String> environment;

  /** Creates a resolver over the given lookups (tests pass maps; production the JVM's). */
  public Placeholders(UnaryOperator<String> properties, UnaryOperator<String> environment) {
    this.properties = properties;
    this.environment = environment;
  }

  /** Returns a resolver over system properties and environment variables. */
  public static Placeholders system() {
    return new Placeholders(System::getProperty, System::getenv);
  }

  /** Returns whether {@code value} contains a placeholder. */
  public static boolean hasPlaceholder(String value) {
    return PLACEHOLDER.matcher(value).find();
  }

  /**
   * Resolves every placeholder of {@code value}.
   *
   * @param attribute the annotation attribute, for the error message
   * @throws ExtensionConfigurationException when a placeholder without default resolves to nothing,
   *     naming the property and variables that were looked up
   */
  public String resolve(String value, String attribute) {
    Matcher matcher = PLACEHOLDER.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1).trim();
      String resolved = lookup(name);
      if (resolved == null) {
        if (matcher.group(2) == null) {
          String upper = upper(name);
          throw new ExtensionConfigurationException(
              attribute
                  + " = \""
                  + value
                  + "\": ${"
                  + name
                  + "} is not set. Looked up the system property '"
                  + name
                  + "' and the environment variable '"
                  + name
                  + "'"
                  + (upper.equals(name) ? "" : " and '" + upper + "'")
                  + "; set one of them, or give a default: ${"
                  + name
                  + ":value}");
        }
        resolved = matcher.group(2);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(resolved));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private String lookup(String name) {
    String value = properties.apply(name);
    if (value == null) {
      value = environment.apply(name);
    }
    if (value == null) {
      String upper = upper(name);
      if (!upper.equals(name)) {
        value = environment.apply(upper);
      }
    }
    return value;
  }

  private static String upper(String name) {
    return name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
