package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.internal.ShouldContainMessageEntries.key;
import static dev.grpccontract.assertj.internal.ShouldContainMessageEntries.shouldContainMessageEntries;
import static dev.grpccontract.assertj.internal.ShouldContainMessageEntries.value;

import com.google.protobuf.Message;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractMapAssert;

/**
 * An AssertJ map assertion whose values are protobuf messages (ProtoTruth's {@code
 * MapWithProtoValuesSubject}): keys are compared with {@code equals}, values by protobuf meaning as
 * {@link ProtoMessageAssert#isEqualTo(Object)} compares them, with the comparison settings given to
 * {@link #comparingMessagesWith}.
 *
 * <p>The entry and value checks compare values by meaning: {@code containsEntry}, {@code contains},
 * {@code containsAllEntriesOf}, {@code containsOnly}, {@code containsExactly}, {@code
 * containsExactlyEntriesOf} (keys in the given order), {@code containsExactlyInAnyOrderEntriesOf},
 * {@code containsAnyOf}, {@code doesNotContain}, {@code doesNotContainEntry}, {@code
 * containsValue}, {@code containsValues} and {@code doesNotContainValue}. Each actual value is
 * compared as the actual message and each given one as the expected message, so asymmetric settings
 * ({@code comparingExpectedFieldsOnly()}) read as for single messages. The key checks ({@code
 * containsKey}, {@code containsOnlyKeys}, ...) and {@code hasSize} are AssertJ's; {@code isEqualTo}
 * is AssertJ's {@code equals}.
 *
 * <p>Get one from {@link GrpcAssertions#assertThatMessages(Map)}. The class is not final so that
 * AssertJ can proxy it.
 *
 * @param <K> the type of the keys
 */
public class ProtoMessageMapAssert<K>
    extends AbstractMapAssert<ProtoMessageMapAssert<K>, Map<K, Message>, K, Message> {

  private UnaryOperator<ProtoMessageAssert> comparison = UnaryOperator.identity();

  /**
   * Creates an assertion on a map whose values are messages.
   *
   * @param actual the map under test; {@code null} fails every check
   */
  public ProtoMessageMapAssert(Map<K, Message> actual) {
    super(actual, ProtoMessageMapAssert.class);
  }

  /**
   * Sets the comparison settings of the value checks by protobuf meaning: {@code settings}
   * configures the assertion each actual value is compared with, e.g. {@code
   * comparingMessagesWith(m -> m.ignoringFields("updatedAt").usingDoubleTolerance(1e-9))}. Every
   * setting of {@link ProtoMessageAssert} applies; calls replace the previous settings.
   *
   * @param settings applies settings to a message assertion and returns it, not {@code null}
   * @return this assertion, for chaining
   */
  public ProtoMessageMapAssert<K> comparingMessagesWith(
      UnaryOperator<ProtoMessageAssert> settings) {
    this.comparison = Objects.requireNonNull(settings, "settings");
    return myself;
  }

  /**
   * Verifies that the map has {@code key} with a value equal by protobuf meaning to {@code value}.
   *
   * @param key the key
   * @param value the expected value
   * @return this assertion, for chaining
   */
  @Override
  public ProtoMessageMapAssert<K> containsEntry(K key, Message value) {
    return containsForProxy(single(key, value));
  }

  /**
   * Verifies that the map has each of {@code entries}: its key, with a value equal by protobuf
   * meaning.
   *
   * @param entries the expected entries
   * @return this assertion, for chaining
   */
  @Override
  protected ProtoMessageMapAssert<K> containsForProxy(
      Map.Entry<? extends K, ? extends Message>[] entries) {
    isNotNull();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<? extends K, ? extends Message> entry : entries) {
      checkEntry(entry, problems);
    }
    return problems.isEmpty() ? myself : fail("to contain", Arrays.asList(entries), problems);
  }

  /**
   * Verifies that the map has every entry of {@code other}; see {@link #containsEntry}.
   *
   * @param other the expected entries
   * @return this assertion, for chaining
   */
  @Override
  public ProtoMessageMapAssert<K> containsAllEntriesOf(Map<? extends K, ? extends Message> other) {
    return containsForProxy(entries(other));
  }

  /**
   * Verifies that the map has exactly the keys of {@code entries}, in any order, each with a value
   * equal by protobuf meaning to the given one.
   *
   * @param entries the expected entries
   * @return this assertion, for chaining
   */
  @Override
  protected ProtoMessageMapAssert<K> containsOnlyForProxy(
      Map.Entry<? extends K, ? extends Message>[] entries) {
    return exactly(Arrays.asList(entries), false, "to contain only");
  }

  /**
   * Verifies that the map has exactly the keys of {@code other}, in any order, each with a value
   * equal by protobuf meaning to the value in {@code other}.
   *
   * @param other the expected entries
   * @return this assertion, for chaining
   */
  @Override
  public ProtoMessageMapAssert<K> containsExactlyInAnyOrderEntriesOf(
      Map<? extends K, ? extends Message> other) {
    return exactly(Arrays.asList(entries(other)), false, "to contain exactly, in any order");
  }

  /**
   * Verifies that the map has exactly the keys of {@code entries}, in their order (the map's
   * iteration order), each with a value equal by protobuf meaning to the given one.
   *
   * @param entries the expected entries
   * @return this assertion, for chaining
   */
  @Override
  protected ProtoMessageMapAssert<K> containsExactlyForProxy(
      Map.Entry<? extends K, ? extends Message>[] entries) {
    return exactly(Arrays.asList(entries), true, "to contain exactly, in order");
  }

  /**
   * Verifies that the map has exactly the keys of {@code other} in the order {@code other} iterates
   * them, each with a value equal by protobuf meaning to the value in {@code other}.
   *
   * @param other the expected entries
   * @return this assertion, for chaining
   */
  @Override
  public ProtoMessageMapAssert<K> containsExactlyEntriesOf(
      Map<? extends K, ? extends Message> other) {
    return exactly(Arrays.asList(entries(other)), true, "to contain exactly, in order");
  }

  /**
   * Verifies that the map has at least one of {@code entries}: its key, with a value equal by
   * protobuf meaning.
   *
   * @param entries the entries
   * @return this assertion, for chaining
   */
  @Override
  protected ProtoMessageMapAssert<K> containsAnyOfForProxy(
      Map.Entry<? extends K, ? extends Message>[] entries) {
    isNotNull();
    for (Map.Entry<? extends K, ? extends Message> entry : entries) {
      if (checkEntry(entry, new ArrayList<>())) {
        return myself;
      }
    }
    return fail(
        "to contain any of",
        Arrays.asList(entries),
        List.of("none of them is in the map with an equal value"));
  }

  /**
   * Verifies that the map has {@code key} with a value that differs by protobuf meaning from {@code
   * value}, or does not have {@code key}.
   *
   * @param key the key
   * @param value the value it must not have
   * @return this assertion, for chaining
   */
  @Override
  public ProtoMessageMapAssert<K> doesNotContainEntry(K key, Message value) {
    return doesNotContainForProxy(single(key, value));
  }

  /**
   * Verifies that the map has none of {@code entries}; see {@link #doesNotContainEntry}.
   *
   * @param entries the entries the map must not have
   * @return this assertion, for chaining
   */
  @Override
  protected ProtoMessageMapAssert<K> doesNotContainForProxy(
      Map.Entry<? extends K, ? extends Message>[] entries) {
    isNotNull();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<? extends K, ? extends Message> entry : entries) {
      if (actual.containsKey(entry.getKey())
          && difference(actual.get(entry.getKey()), entry.getValue()) == null) {
        problems.add("the value of " + key(entry.getKey()) + " equals the given one");
      }
    }
    return problems.isEmpty() ? myself : fail("not to contain", Arrays.asList(entries), problems);
  }

  /**
   * Verifies that some value of the map equals {@code value} by protobuf meaning.
   *
   * @param value the expected value
   * @return this assertion, for chaining
   */
  @Override
  public ProtoMessageMapAssert<K> containsValue(Message value) {
    return containsValuesForProxy(new Message[] {value});
  }

  /**
   * Verifies that each of {@code values} equals some value of the map by protobuf meaning.
   *
   * @param values the expected values
   * @return this assertion, for chaining
   */
  @Override
  protected ProtoMessageMapAssert<K> containsValuesForProxy(Message[] values) {
    isNotNull();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (!anyValueEquals(values[i])) {
        problems.add("no value equals [" + i + "] " + value(values[i]));
      }
    }
    return problems.isEmpty() ? myself : fail("to contain values", valueEntries(values), problems);
  }

  /**
   * Verifies that no value of the map equals {@code value} by protobuf meaning.
   *
   * @param value the value the map must not have
   * @return this assertion, for chaining
   */
  @Override
  public ProtoMessageMapAssert<K> doesNotContainValue(Message value) {
    isNotNull();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<K, Message> entry : actual.entrySet()) {
      if (difference(entry.getValue(), value) == null) {
        problems.add("the value of " + key(entry.getKey()) + " equals it");
      }
    }
    return problems.isEmpty()
        ? myself
        : fail("not to contain the value", valueEntries(new Message[] {value}), problems);
  }

  private boolean anyValueEquals(Message value) {
    for (Message element : actual.values()) {
      if (difference(element, value) == null) {
        return true;
      }
    }
    return false;
  }

  /** Adds why the map does not have {@code entry}, if it does not; returns whether it has it. */
  private boolean checkEntry(
      Map.Entry<? extends K, ? extends Message> entry, List<String> problems) {
    if (!actual.containsKey(entry.getKey())) {
      problems.add("there is no key " + key(entry.getKey()));
      return false;
    }
    String difference = difference(actual.get(entry.getKey()), entry.getValue());
    if (difference != null) {
      problems.add(
          "the value of " + key(entry.getKey()) + " differs: " + difference.replace("\n", "\n  "));
      return false;
    }
    return true;
  }

  private ProtoMessageMapAssert<K> exactly(
      List<Map.Entry<? extends K, ? extends Message>> entries, boolean inOrder, String check) {
    isNotNull();
    List<String> problems = new ArrayList<>();
    Map<Object, Boolean> given = new LinkedHashMap<>();
    for (Map.Entry<? extends K, ? extends Message> entry : entries) {
      given.put(entry.getKey(), Boolean.TRUE);
      checkEntry(entry, problems);
    }
    for (K actualKey : actual.keySet()) {
      if (!given.containsKey(actualKey)) {
        problems.add("the key " + key(actualKey) + " is not expected");
      }
    }
    if (problems.isEmpty() && inOrder) {
      List<Object> expectedOrder = new ArrayList<>(given.keySet());
      List<Object> actualOrder = new ArrayList<>(actual.keySet());
      if (!expectedOrder.equals(actualOrder)) {
        problems.add(
            "the keys are in the order " + keys(actualOrder) + ", not " + keys(expectedOrder));
      }
    }
    return problems.isEmpty() ? myself : fail(check, entries, problems);
  }

  private static String keys(List<Object> keys) {
    List<String> shown = new ArrayList<>();
    keys.forEach(k -> shown.add(key(k)));
    return "[" + String.join(", ", shown) + "]";
  }

  /** Returns null when {@code actualValue} equals {@code expected}, else why it does not. */
  private String difference(Message actualValue, Message expected) {
    if (actualValue == null || expected == null) {
      return actualValue == expected ? null : "one of them is null";
    }
    try {
      comparison.apply(new ProtoMessageAssert(actualValue)).isEqualTo(expected);
      return null;
    } catch (AssertionError e) {
      return String.valueOf(e.getMessage()).trim();
    }
  }

  private ProtoMessageMapAssert<K> fail(
      String check, List<? extends Map.Entry<?, ? extends Message>> given, List<String> problems) {
    String settings = comparison.apply(new ProtoMessageAssert(null)).settingsDescription();
    throw assertionError(shouldContainMessageEntries(check, actual, given, problems, settings));
  }

  @SuppressWarnings("unchecked")
  private static <K> Map.Entry<? extends K, ? extends Message>[] single(K key, Message value) {
    Map.Entry<? extends K, ? extends Message>[] array =
        (Map.Entry<? extends K, ? extends Message>[]) new Map.Entry<?, ?>[1];
    array[0] = new AbstractMap.SimpleImmutableEntry<>(key, value);
    return array;
  }

  @SuppressWarnings("unchecked")
  private static <K> Map.Entry<? extends K, ? extends Message>[] entries(
      Map<? extends K, ? extends Message> map) {
    Objects.requireNonNull(map, "the given map");
    List<Map.Entry<? extends K, ? extends Message>> list = new ArrayList<>();
    map.forEach((k, v) -> list.add(new AbstractMap.SimpleImmutableEntry<>(k, v)));
    return (Map.Entry<? extends K, ? extends Message>[]) list.toArray(new Map.Entry<?, ?>[0]);
  }

  private static List<Map.Entry<Index, Message>> valueEntries(Message[] values) {
    List<Map.Entry<Index, Message>> list = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      list.add(new AbstractMap.SimpleImmutableEntry<>(new Index(i), values[i]));
    }
    return list;
  }

  /** The position of a given value, shown in place of a key. */
  private record Index(int index) {
    @Override
    public String toString() {
      return "[" + index + "]";
    }
  }
}
