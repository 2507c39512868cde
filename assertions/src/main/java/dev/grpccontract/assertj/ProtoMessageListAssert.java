package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.internal.ShouldContainMessages.shouldContainMessages;

import com.google.protobuf.Message;
import dev.grpccontract.proto.compare.MessageDiff;
import dev.grpccontract.proto.compare.ProtoJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.assertj.core.api.FactoryBasedNavigableListAssert;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * An AssertJ list assertion on protobuf messages (the messages of a stream) whose element
 * navigation ({@code first()}, {@code last()}, {@code element(i)}, {@code singleElement()}) gives
 * {@link ProtoMessageAssert}s, and whose other checks are AssertJ's list checks.
 *
 * <p>The element checks {@code contains}, {@code containsOnly}, {@code containsExactly}, {@code
 * containsExactlyInAnyOrder} (and their {@code ...ElementsOf} forms), {@code containsAnyOf} and
 * {@code doesNotContain} compare messages by protobuf meaning, as {@link
 * ProtoMessageAssert#isEqualTo(Object)} does (ProtoTruth's {@code IterableOfProtosSubject}), with
 * the comparison settings given to {@link #comparingMessagesWith}. Each actual element is compared
 * as the actual message, each given one as the expected message, so asymmetric settings ({@code
 * comparingExpectedFieldsOnly()}) read as for single messages. {@code containsExactlyInAnyOrder}
 * pairs elements so that as many as possible are equal, so tolerances cannot make it fail by a poor
 * pairing.
 *
 * <p>Get one from {@link AbstractStreamResponseAssert#messages()}. The class is not final so that
 * soft assertions can proxy it.
 */
public class ProtoMessageListAssert
    extends FactoryBasedNavigableListAssert<
        ProtoMessageListAssert, List<? extends Message>, Message, ProtoMessageAssert> {

  /** The soft assertions that made this assertion, or {@code null}; see {@link SoftNavigation}. */
  SoftAssertionsProvider softly;

  private UnaryOperator<ProtoMessageAssert> elements;
  private UnaryOperator<ProtoMessageAssert> comparison = UnaryOperator.identity();

  /**
   * Creates an assertion on messages whose element assertions are plain {@link
   * ProtoMessageAssert}s.
   *
   * @param actual the messages under test; {@code null} fails every check
   */
  public ProtoMessageListAssert(List<? extends Message> actual) {
    this(actual, UnaryOperator.identity());
  }

  ProtoMessageListAssert(
      List<? extends Message> actual, UnaryOperator<ProtoMessageAssert> elements) {
    super(actual, ProtoMessageListAssert.class, ProtoMessageAssert::new);
    this.elements = elements;
  }

  /** Configures each element assertion with {@code elements}; for navigation. */
  final ProtoMessageListAssert withElements(UnaryOperator<ProtoMessageAssert> elements) {
    this.elements = elements;
    return this;
  }

  /**
   * Returns the assertion on one of the messages, configured as this list's elements are. Under
   * soft assertions it is a soft one of the same soft assertions.
   *
   * @param value the message
   * @param description the description of the element, as AssertJ's navigation gives it
   * @return a new assertion on {@code value}
   */
  @Override
  public final ProtoMessageAssert toAssert(Message value, String description) {
    if (softly == null) {
      return toAssertForProxy(value, description);
    }
    ProtoMessageAssert element =
        SoftNavigation.navigate(
            softly, () -> value, ProtoMessageAssert.class, Message.class, ProtoMessageAssert::new);
    return elements.apply(element).as(description);
  }

  /**
   * Returns the plain assertion on one of the messages, configured as this list's elements are. The
   * name follows AssertJ's convention for navigation: a soft list AssertJ made itself (by {@code
   * filteredOn(...)}, say) proxies what this returns.
   *
   * @param value the message
   * @param description the description of the element
   * @return a new assertion on {@code value}
   */
  protected ProtoMessageAssert toAssertForProxy(Message value, String description) {
    return elements.apply(new ProtoMessageAssert(value)).as(description);
  }

  @Override
  protected ProtoMessageListAssert newAbstractIterableAssert(Iterable<? extends Message> iterable) {
    List<Message> messages = new ArrayList<>();
    iterable.forEach(messages::add);
    ProtoMessageListAssert list = new ProtoMessageListAssert(messages, elements);
    list.comparison = comparison;
    return list;
  }

  /**
   * Sets the comparison settings of the element checks by protobuf meaning: {@code settings}
   * configures the assertion each actual element is compared with, e.g. {@code
   * comparingMessagesWith(m -> m.ignoringFields("id").ignoringRepeatedFieldOrder())}. Every setting
   * of {@link ProtoMessageAssert} applies; calls replace the previous settings.
   *
   * @param settings applies settings to a message assertion and returns it, not {@code null}
   * @return this assertion, for chaining
   */
  public ProtoMessageListAssert comparingMessagesWith(UnaryOperator<ProtoMessageAssert> settings) {
    this.comparison = Objects.requireNonNull(settings, "settings");
    return myself;
  }

  /** Returns null when {@code actualElement} equals {@code expected}, else why it does not. */
  private String difference(Message actualElement, Message expected) {
    if (actualElement == null || expected == null) {
      return actualElement == expected ? null : "one of them is null";
    }
    try {
      comparison.apply(elements.apply(new ProtoMessageAssert(actualElement))).isEqualTo(expected);
      return null;
    } catch (AssertionError e) {
      return String.valueOf(e.getMessage()).trim();
    }
  }

  private boolean same(Message actualElement, Message expected) {
    return difference(actualElement, expected) == null;
  }

  private String settingsText() {
    ProtoMessageAssert probe = comparison.apply(elements.apply(new ProtoMessageAssert(null)));
    String text = probe.settingsDescription();
    return text;
  }

  private ProtoMessageListAssert fail(String check, Message[] values, List<String> problems) {
    throw assertionError(
        shouldContainMessages(check, actual, Arrays.asList(values), problems, settingsText()));
  }

  /**
   * Verifies that the messages are, in order, equal by protobuf meaning to {@code values}.
   *
   * @param values the expected messages
   * @return this assertion, for chaining
   */
  @Override
  protected ProtoMessageListAssert containsExactlyForProxy(Message[] values) {
    isNotNull();
    List<String> problems = new ArrayList<>();
    if (actual.size() != values.length) {
      problems.add("there are " + actual.size() + " messages, not " + values.length);
    }
    for (int i = 0; i < Math.min(actual.size(), values.length); i++) {
      String difference = difference(actual.get(i), values[i]);
      if (difference != null) {
        problems.add("element [" + i + "] differs: " + difference.replace("\n", "\n  "));
      }
    }
    return problems.isEmpty() ? myself : fail("to contain exactly, in order", values, problems);
  }

  /**
   * Verifies that the messages are equal by protobuf meaning to {@code values} in some order: each
   * expected message has its own equal actual message, and none is left over.
   *
   * @param values the expected messages
   * @return this assertion, for chaining
   */
  @Override
  protected ProtoMessageListAssert containsExactlyInAnyOrderForProxy(Message[] values) {
    isNotNull();
    int[] partnerOfActual = pair(values);
    List<String> problems = new ArrayList<>();
    boolean[] matched = new boolean[values.length];
    for (int partner : partnerOfActual) {
      if (partner >= 0) {
        matched[partner] = true;
      }
    }
    for (int i = 0; i < values.length; i++) {
      if (!matched[i]) {
        problems.add(
            "expected [" + i + "] has no equal actual message: " + ProtoJson.compact(values[i]));
      }
    }
    for (int j = 0; j < partnerOfActual.length; j++) {
      if (partnerOfActual[j] < 0) {
        problems.add("actual [" + j + "] is not expected: " + ProtoJson.compact(actual.get(j)));
      }
    }
    return problems.isEmpty() ? myself : fail("to contain exactly, in any order", values, problems);
  }

  /**
   * Verifies that the messages are, in order, equal by protobuf meaning to {@code values}; see
   * {@link #containsExactly}.
   *
   * @param values the expected messages
   * @return this assertion, for chaining
   */
  @Override
  public ProtoMessageListAssert containsExactlyElementsOf(Iterable<? extends Message> values) {
    return containsExactlyForProxy(array(values));
  }

  /**
   * Verifies that the messages are equal by protobuf meaning to {@code values} in some order; see
   * {@link #containsExactlyInAnyOrder}.
   *
   * @param values the expected messages
   * @return this assertion, for chaining
   */
  @Override
  public ProtoMessageListAssert containsExactlyInAnyOrderElementsOf(
      Iterable<? extends Message> values) {
    return containsExactlyInAnyOrderForProxy(array(values));
  }

  private static Message[] array(Iterable<? extends Message> values) {
    Objects.requireNonNull(values, "values");
    List<Message> list = new ArrayList<>();
    values.forEach(list::add);
    return list.toArray(new Message[0]);
  }

  /**
   * Pairs actual and expected messages so that as many as possible are equal (a maximum bipartite
   * matching); returns the partner of each actual message, or -1.
   */
  private int[] pair(Message[] values) {
    boolean[][] equal = new boolean[values.length][actual.size()];
    for (int i = 0; i < values.length; i++) {
      for (int j = 0; j < actual.size(); j++) {
        equal[i][j] = same(actual.get(j), values[i]);
      }
    }
    return MessageDiff.maximumMatching(equal, actual.size());
  }

  private boolean anyEqual(Message expected) {
    for (Message element : actual) {
      if (same(element, expected)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Verifies that each of {@code values} equals, by protobuf meaning, some message of the list.
   *
   * @param values the expected messages
   * @return this assertion, for chaining
   */
  @Override
  protected ProtoMessageListAssert containsForProxy(Message[] values) {
    isNotNull();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (!anyEqual(values[i])) {
        problems.add(
            "expected [" + i + "] has no equal actual message: " + ProtoJson.compact(values[i]));
      }
    }
    return problems.isEmpty() ? myself : fail("to contain", values, problems);
  }

  /**
   * Verifies that each of {@code values} equals some message of the list and each message of the
   * list equals one of {@code values}, by protobuf meaning.
   *
   * @param values the expected messages
   * @return this assertion, for chaining
   */
  @Override
  protected ProtoMessageListAssert containsOnlyForProxy(Message[] values) {
    isNotNull();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (!anyEqual(values[i])) {
        problems.add(
            "expected [" + i + "] has no equal actual message: " + ProtoJson.compact(values[i]));
      }
    }
    for (int j = 0; j < actual.size(); j++) {
      Message element = actual.get(j);
      if (Arrays.stream(values).noneMatch(value -> same(element, value))) {
        problems.add("actual [" + j + "] is not expected: " + ProtoJson.compact(element));
      }
    }
    return problems.isEmpty() ? myself : fail("to contain only", values, problems);
  }

  /**
   * Verifies that at least one of {@code values} equals, by protobuf meaning, a message of the
   * list.
   *
   * @param values the messages
   * @return this assertion, for chaining
   */
  @Override
  protected ProtoMessageListAssert containsAnyOfForProxy(Message[] values) {
    isNotNull();
    for (Message value : values) {
      if (anyEqual(value)) {
        return myself;
      }
    }
    return fail("to contain any of", values, List.of("none of them has an equal actual message"));
  }

  /**
   * Verifies that none of {@code values} equals, by protobuf meaning, a message of the list.
   *
   * @param values the messages the list must not contain
   * @return this assertion, for chaining
   */
  @Override
  protected ProtoMessageListAssert doesNotContainForProxy(Message[] values) {
    isNotNull();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      for (int j = 0; j < actual.size(); j++) {
        if (same(actual.get(j), values[i])) {
          problems.add("actual [" + j + "] equals [" + i + "]: " + ProtoJson.compact(values[i]));
        }
      }
    }
    return problems.isEmpty() ? myself : fail("not to contain", values, problems);
  }
}
