package dev.grpccontract.assertj.internal;

import io.grpc.Metadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reading and printing {@link Metadata} for assertions, with secret values masked.
 *
 * <p>The values of {@code authorization}, {@code cookie}, {@code set-cookie} and {@code x-api-key}
 * (any case), of keys added with {@link #mask} and of keys in the system property {@value
 * #MASKED_KEYS_PROPERTY} are never printed; they show as {@value #MASK}.
 */
public final class Metadatas {

  /** What a secret value prints as. */
  public static final String MASK = "***";

  /** The system property with more keys to mask, separated by commas. */
  public static final String MASKED_KEYS_PROPERTY = "grpccontract.maskedMetadataKeys";

  private static final Set<String> SECRET_KEYS =
      Set.of("authorization", "cookie", "set-cookie", "x-api-key");

  // JVM-wide on purpose: masking is a policy of the whole test suite, set once.
  private static final Set<String> ADDED_KEYS = ConcurrentHashMap.newKeySet();

  private static final int MAX_BINARY_CHARS = 120;

  private Metadatas() {}

  /** Returns {@code key} as gRPC stores it: lower case. */
  public static String normalize(String key) {
    Objects.requireNonNull(key, "key");
    return key.toLowerCase(Locale.ROOT);
  }

  /** Returns whether values of {@code key} are secrets that failure messages must not show. */
  public static boolean isSecret(String key) {
    String name = normalize(key);
    return SECRET_KEYS.contains(name) || ADDED_KEYS.contains(name) || propertyKeys().contains(name);
  }

  /**
   * Adds keys to mask, JVM-wide.
   *
   * @throws IllegalArgumentException when a key is blank
   */
  public static void mask(String... keys) {
    Objects.requireNonNull(keys, "keys");
    for (String key : keys) {
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("A metadata key to mask must not be blank");
      }
    }
    for (String key : keys) {
      ADDED_KEYS.add(normalize(key.strip()));
    }
  }

  /** Returns a snapshot of every masked key, sorted. */
  public static Set<String> maskedKeys() {
    Set<String> all = new TreeSet<>(SECRET_KEYS);
    all.addAll(ADDED_KEYS);
    all.addAll(propertyKeys());
    return Collections.unmodifiableSet(all);
  }

  private static Set<String> propertyKeys() {
    String property = System.getProperty(MASKED_KEYS_PROPERTY);
    if (property == null || property.isBlank()) {
      return Set.of();
    }
    Set<String> keys = new HashSet<>();
    for (String key : property.split(",")) {
      if (!key.isBlank()) {
        keys.add(normalize(key.strip()));
      }
    }
    return keys;
  }

  /** Returns whether {@code key} is a binary key (its name ends with {@code -bin}). */
  public static boolean isBinary(String key) {
    return normalize(key).endsWith(Metadata.BINARY_HEADER_SUFFIX);
  }

  /**
   * Returns the values of an ASCII {@code key}, in the order they were added; empty when absent.
   *
   * @throws IllegalArgumentException when {@code key} is a binary key or not a valid key name
   */
  public static List<String> asciiValues(Metadata metadata, String key) {
    if (isBinary(key)) {
      throw new IllegalArgumentException(
          "\"" + key + "\" is a binary metadata key (it ends with -bin): pass its value as byte[]");
    }
    Iterable<String> values =
        metadata.getAll(Metadata.Key.of(normalize(key), Metadata.ASCII_STRING_MARSHALLER));
    List<String> list = new ArrayList<>();
    if (values != null) {
      values.forEach(list::add);
    }
    return list;
  }

  /**
   * Returns the values of a binary {@code key}, in the order they were added; empty when absent.
   *
   * @throws IllegalArgumentException when {@code key} is not a binary key or not a valid key name
   */
  public static List<byte[]> binaryValues(Metadata metadata, String key) {
    if (!isBinary(key)) {
      throw new IllegalArgumentException(
          "\""
              + key
              + "\" is an ASCII metadata key (only keys ending with -bin hold bytes): pass its"
              + " value as a String");
    }
    Iterable<byte[]> values =
        metadata.getAll(Metadata.Key.of(normalize(key), Metadata.BINARY_BYTE_MARSHALLER));
    List<byte[]> list = new ArrayList<>();
    if (values != null) {
      values.forEach(list::add);
    }
    return list;
  }

  /** Returns whether {@code values} holds an array equal to {@code expected}. */
  public static boolean containsBytes(List<byte[]> values, byte[] expected) {
    return values.stream().anyMatch(value -> Arrays.equals(value, expected));
  }

  /**
   * Returns the key names of {@code metadata} sorted alphabetically: {@link Metadata#keys()} has no
   * stable order, and messages must not change from run to run.
   */
  public static List<String> keys(Metadata metadata) {
    List<String> keys = new ArrayList<>(metadata.keys());
    Collections.sort(keys);
    return keys;
  }

  /** Returns how {@code value} of {@code key} prints: masked when the key is a secret. */
  public static String show(String key, String value) {
    return isSecret(key) ? MASK : Texts.quote(value);
  }

  /**
   * Prints every entry of {@code metadata}, one {@code key: value} line each, keys sorted, values
   * of a key in the order they were added, secrets masked and binary values as (shortened) base64;
   * {@code "none"} when empty.
   */
  public static String print(Metadata metadata) {
    if (metadata == null || metadata.keys().isEmpty()) {
      return "none";
    }
    List<String> lines = new ArrayList<>();
    for (String key : keys(metadata)) {
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        for (byte[] value : binaryValues(metadata, key)) {
          lines.add(key + ": " + (isSecret(key) ? MASK : binary(value)));
        }
      } else {
        for (String value : asciiValues(metadata, key)) {
          lines.add(key + ": " + (isSecret(key) ? MASK : value));
        }
      }
    }
    return String.join("\n", lines);
  }

  private static String binary(byte[] value) {
    String text = Texts.base64(value);
    if (text.length() > MAX_BINARY_CHARS) {
      return text.substring(0, MAX_BINARY_CHARS) + "... (" + value.length + " bytes)";
    }
    return text;
  }
}
