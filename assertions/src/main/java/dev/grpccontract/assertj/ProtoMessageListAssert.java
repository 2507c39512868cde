package dev.grpccontract.assertj;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.assertj.core.api.FactoryBasedNavigableListAssert;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * An AssertJ list assertion on protobuf messages (the messages of a stream) whose element
 * navigation ({@code first()}, {@code last()}, {@code element(i)}, {@code singleElement()}) gives
 * {@link ProtoMessageAssert}s, and whose other checks are AssertJ's list checks.
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
    return new ProtoMessageListAssert(messages, elements);
  }
}
