package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.internal.ShouldBeMessageOfType.shouldBeMessageOfType;
import static dev.grpccontract.assertj.internal.ShouldMatchMessage.shouldMatchMessage;
import static org.assertj.core.description.EmptyTextDescription.emptyDescription;

import com.google.protobuf.Message;
import dev.grpccontract.assertj.internal.MessageDiff;
import dev.grpccontract.assertj.internal.ProtoJson;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on a protobuf {@link Message} that compare by protobuf meaning: field by field, so
 * field order, JSON formatting, a generated class versus a {@link
 * com.google.protobuf.DynamicMessage} of the same type, and absent-versus-default proto3 scalars do
 * not matter.
 *
 * <p>Every check first verifies that the actual message is not {@code null}. A failed comparison is
 * an {@code org.opentest4j.AssertionFailedError} whose expected and actual values are the two
 * messages as pretty protobuf JSON, so IDEs show a diff; its message lists each differing field
 * path ({@code items[1].sku}, {@code labels["env"]}) with the expected and actual values, or {@code
 * missing}/{@code unexpected} where one side lacks a field the other has.
 *
 * @param <SELF> the type of the concrete assertion, returned by every check for chaining
 * @param <ACTUAL> the type of the message under test
 */
public abstract class AbstractProtoMessageAssert<
        SELF extends AbstractProtoMessageAssert<SELF, ACTUAL>, ACTUAL extends Message>
    extends AbstractAssert<SELF, ACTUAL> {

  private String subject = "message";
  private String details = "";

  /**
   * Creates an assertion on a message.
   *
   * @param actual the message under test; {@code null} fails every check
   * @param selfType the class of the concrete assertion
   */
  protected AbstractProtoMessageAssert(ACTUAL actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /** Names the message in failure messages and adds lines after them; for navigation. */
  final SELF describedIn(String subject, String details) {
    this.subject = subject;
    this.details = details;
    return myself;
  }

  /**
   * Verifies that the message equals {@code expected} by protobuf meaning when {@code expected} is
   * a {@link Message}; otherwise compares as {@link AbstractAssert#isEqualTo(Object)} does.
   *
   * <p>The two messages must be of the same protobuf type (same full name); they may be different
   * Java classes (generated or dynamic) or built from different copies of the descriptor.
   *
   * @param expected the expected message
   * @return this assertion, for chaining
   * @throws AssertionError when the actual message is {@code null}, is of another type, or differs
   *     in any field
   */
  @Override
  public SELF isEqualTo(Object expected) {
    if (!(expected instanceof Message)) {
      return super.isEqualTo(expected);
    }
    isNotNull();
    Message expectedMessage = (Message) expected;
    String expectedType = expectedMessage.getDescriptorForType().getFullName();
    if (!expectedType.equals(actual.getDescriptorForType().getFullName())) {
      throw failed(
          shouldBeMessageOfType(expectedMessage, actual),
          ProtoJson.pretty(expectedMessage),
          ProtoJson.pretty(actual));
    }
    return matches(expectedMessage);
  }

  /**
   * Verifies that the message equals, by protobuf meaning, the message {@code json} describes.
   *
   * <p>{@code json} is parsed as protobuf JSON into the actual message's type (field names in
   * {@code lowerCamelCase} or as in the {@code .proto}); field order and whitespace do not matter,
   * and fields it leaves out are expected to be absent or default.
   *
   * @param json the expected message as protobuf JSON, not {@code null}
   * @return this assertion, for chaining
   * @throws AssertionError when the actual message is {@code null} or differs in any field
   * @throws IllegalArgumentException when {@code json} is malformed or does not fit the message
   *     type; the exception names the type and the offending field
   */
  public SELF isEqualToJson(String json) {
    isNotNull();
    return matches(ProtoJson.parse(json, actual.getDescriptorForType(), "The expected JSON"));
  }

  private SELF matches(Message expected) {
    List<MessageDiff.Difference> differences = MessageDiff.compare(expected, actual);
    if (!differences.isEmpty()) {
      throw failed(
          shouldMatchMessage(subject, expected, actual, differences, details),
          ProtoJson.pretty(expected),
          ProtoJson.pretty(actual));
    }
    return myself;
  }

  private AssertionError failed(ErrorMessageFactory factory, Object expected, Object actualValue) {
    return failureWithActualExpected(
        actualValue, expected, "%s", factory.create(emptyDescription(), info.representation()));
  }
}
