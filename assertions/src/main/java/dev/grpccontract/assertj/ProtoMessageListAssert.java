package dev.grpccontract.assertj;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.api.FactoryBasedNavigableListAssert;

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

  private final Function<Message, ProtoMessageAssert> factory;

  /**
   * Creates an assertion on messages whose element assertions are plain {@link
   * ProtoMessageAssert}s.
   *
   * @param actual the messages under test; {@code null} fails every check
   */
  public ProtoMessageListAssert(List<? extends Message> actual) {
    this(actual, ProtoMessageAssert::new);
  }

  ProtoMessageListAssert(
      List<? extends Message> actual, Function<Message, ProtoMessageAssert> factory) {
    super(actual, ProtoMessageListAssert.class, factory::apply);
    this.factory = factory;
  }

  @Override
  protected ProtoMessageListAssert newAbstractIterableAssert(Iterable<? extends Message> iterable) {
    List<Message> messages = new ArrayList<>();
    iterable.forEach(messages::add);
    return new ProtoMessageListAssert(messages, factory);
  }
}
