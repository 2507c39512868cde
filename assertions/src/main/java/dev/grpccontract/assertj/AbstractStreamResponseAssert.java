package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.internal.ShouldHaveStreamMessages.shouldBeTruncated;
import static dev.grpccontract.assertj.internal.ShouldHaveStreamMessages.shouldContainMessage;
import static dev.grpccontract.assertj.internal.ShouldHaveStreamMessages.shouldContainMessageJson;
import static dev.grpccontract.assertj.internal.ShouldHaveStreamMessages.shouldHaveMessageAt;
import static dev.grpccontract.assertj.internal.ShouldHaveStreamMessages.shouldHaveMessageCount;
import static dev.grpccontract.assertj.internal.ShouldHaveStreamMessages.shouldHaveMessages;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.assertj.internal.Details;
import dev.grpccontract.assertj.internal.ShouldHaveStreamMessages;
import dev.grpccontract.client.StreamResponse;
import dev.grpccontract.coverage.CoverageRecorder;
import dev.grpccontract.proto.compare.MessageDiff;
import dev.grpccontract.proto.compare.ProtoJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Assertions on a {@link StreamResponse} (a server stream, or a bidirectional stream once it
 * ended): its final status (every check of {@link AbstractStatusAssert}), its messages compared by
 * protobuf meaning, whether reading was truncated, its headers, trailers and duration.
 *
 * <p>As on a unary response, the message checks tell the coverage report which response fields were
 * checked: {@link #hasMessagesJson} and {@link #containsMessageJson} every field of the messages'
 * type, the checks reached through {@link #messages()} and {@link #message(int)} what they check.
 *
 * <p>Every check first verifies that the stream response is not {@code null}. Failure messages name
 * the method and show the messages as JSON, each with its index, and the trailers with secrets
 * masked. Navigation methods ({@link #messages()}, {@link #message(int)}, {@link #headers()},
 * {@link #trailers()}) keep this assertion's description.
 *
 * @param <SELF> the type of the concrete assertion, returned by every check for chaining
 * @param <ACTUAL> the type of the stream response under test
 */
public abstract class AbstractStreamResponseAssert<
        SELF extends AbstractStreamResponseAssert<SELF, ACTUAL>, ACTUAL extends StreamResponse>
    extends AbstractCallAssert<SELF, ACTUAL> {

  /**
   * Creates an assertion on a stream response.
   *
   * @param actual the stream response under test; {@code null} fails every check
   * @param selfType the class of the concrete assertion
   */
  protected AbstractStreamResponseAssert(ACTUAL actual, Class<?> selfType) {
    super(actual, selfType);
  }

  @Override
  final String failureDetails() {
    return Details.of(actual);
  }

  /**
   * Verifies that the stream delivered exactly {@code expected} messages.
   *
   * @param expected the expected number of messages
   * @return this assertion, for chaining
   * @throws AssertionError when the stream response is {@code null} or has another number
   */
  public SELF hasMessageCount(int expected) {
    isNotNull();
    if (actual.messageCount() != expected) {
      throw failed(shouldHaveMessageCount(actual, expected), expected, actual.messageCount());
    }
    return myself;
  }

  /**
   * Verifies that the stream delivered exactly the messages {@code json} describes, in order, each
   * equal by protobuf meaning (see {@link AbstractGrpcResponseAssert#hasMessageJson(String)}).
   *
   * <p>Each expected JSON is parsed into the type of the actual message at the same index. The
   * failure lists each difference with its index and field path ({@code [1].items[0].sku}); its
   * expected and actual values are both lists as pretty JSON arrays.
   *
   * @param json the expected messages as protobuf JSON, in order; none verifies an empty stream
   * @return this assertion, for chaining
   * @throws AssertionError when the stream response is {@code null}, has another number of
   *     messages, or a message differs
   * @throws IllegalArgumentException when an expected JSON is malformed or does not fit the type
   */
  public SELF hasMessagesJson(String... json) {
    Objects.requireNonNull(json, "json");
    isNotNull();
    List<Message> messages = actual.rawMessages();
    if (messages.size() != json.length) {
      throw failed(shouldHaveMessageCount(actual, json.length), List.of(json), actual.json());
    }
    List<Message> expected = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < json.length; i++) {
      Message message = messages.get(i);
      CoverageRecorder.global().assertedWhole(message.getDescriptorForType());
      Message expectedMessage =
          ProtoJson.parse(
              json[i],
              message.getDescriptorForType(),
              "The expected JSON at index " + i,
              actual.typeRegistry());
      expected.add(expectedMessage);
      for (MessageDiff.Difference difference :
          MessageDiff.compare(expectedMessage, message, registrySettings(message))) {
        differences.add(
            "[" + i + "]" + (difference.path().startsWith("[") ? "" : ".") + difference);
      }
    }
    if (!differences.isEmpty()) {
      throw failed(
          shouldHaveMessages(actual, expected, differences),
          ShouldHaveStreamMessages.jsonArray(expected, actual),
          ShouldHaveStreamMessages.jsonArray(messages, actual));
    }
    return myself;
  }

  /**
   * Verifies that at least one message of the stream equals, by protobuf meaning, the message
   * {@code json} describes (parsed into the type of the first message).
   *
   * @param json the expected message as protobuf JSON, not {@code null}
   * @return this assertion, for chaining
   * @throws AssertionError when the stream response is {@code null}, has no messages, or none
   *     equals the expected one; the failure lists every message as JSON
   * @throws IllegalArgumentException when {@code json} is malformed or does not fit the type
   */
  public SELF containsMessageJson(String json) {
    Objects.requireNonNull(json, "json");
    isNotNull();
    List<Message> messages = actual.rawMessages();
    if (messages.isEmpty()) {
      throw failed(shouldContainMessageJson(actual, json), json, "[]");
    }
    Message expected =
        ProtoJson.parse(
            json,
            messages.get(0).getDescriptorForType(),
            "The expected JSON",
            actual.typeRegistry());
    CoverageRecorder.global().assertedWhole(expected.getDescriptorForType());
    for (Message message : messages) {
      if (MessageDiff.compare(expected, message, registrySettings(message)).isEmpty()) {
        return myself;
      }
    }
    throw failed(
        shouldContainMessage(actual, expected),
        ProtoJson.pretty(expected, actual.typeRegistry()),
        ShouldHaveStreamMessages.jsonArray(messages, actual));
  }

  /**
   * Verifies that reading stopped at the message limit of the call ({@code
   * CallParams.andMaxMessages}), so the server may have had more to send.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the stream response is {@code null} or was read to its end
   */
  public SELF isTruncated() {
    isNotNull();
    if (!actual.truncated()) {
      throw failed(shouldBeTruncated(actual, true), true, false);
    }
    return myself;
  }

  /**
   * Verifies that the stream was read to its end, not stopped at a message limit.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the stream response is {@code null} or was truncated
   */
  public SELF isNotTruncated() {
    isNotNull();
    if (actual.truncated()) {
      throw failed(shouldBeTruncated(actual, false), false, true);
    }
    return myself;
  }

  /**
   * Returns an AssertJ list assertion on the messages, in order, whose element navigation ({@code
   * first()}, {@code last()}, {@code element(i)}, {@code singleElement()}) gives {@link
   * ProtoMessageAssert}s: {@code .messages().first().isEqualToJson("{...}")}.
   *
   * @return a new list assertion on the messages, described as this assertion is
   * @throws AssertionError when the stream response is {@code null}
   */
  public final ProtoMessageListAssert messages() {
    String details = actual == null ? "" : methodLine();
    JsonFormat.TypeRegistry registry = actual == null ? null : actual.typeRegistry();
    UnaryOperator<ProtoMessageAssert> element =
        message -> configured(message, "stream message", details, registry);
    ProtoMessageListAssert list =
        SoftNavigation.navigate(
            softly,
            () -> {
              requireActual();
              return actual.rawMessages();
            },
            ProtoMessageListAssert.class,
            List.class,
            messages -> extractingForProxy(new ProtoMessageListAssert(messages, element)));
    return navigated(list.withElements(element));
  }

  /**
   * Verifies that the stream has a message at {@code index} and returns an assertion on it,
   * described as this assertion is.
   *
   * @param index the zero-based index of the message
   * @return a new assertion on the message
   * @throws AssertionError when the stream response is {@code null} or has no message at {@code
   *     index}
   */
  public final ProtoMessageAssert message(int index) {
    ProtoMessageAssert part =
        SoftNavigation.navigate(
            softly,
            () -> {
              requireActual();
              if (index < 0 || index >= actual.messageCount()) {
                throw failed(shouldHaveMessageAt(actual, index), index, actual.messageCount());
              }
              return actual.rawMessages().get(index);
            },
            ProtoMessageAssert.class,
            Message.class,
            value -> extractingForProxy(new ProtoMessageAssert(value)));
    return configured(
        navigated(part),
        "stream message [" + index + "]",
        actual == null ? "" : methodLine(),
        actual == null ? null : actual.typeRegistry());
  }

  private static ProtoMessageAssert configured(
      ProtoMessageAssert message,
      String subject,
      String details,
      JsonFormat.TypeRegistry registry) {
    ProtoMessageAssert described = message.describedIn(subject, details);
    return registry == null ? described : described.unpackingAnyUsing(registry);
  }

  /** Unpacks {@code Any} fields with the schema's registry, else the message file's types. */
  private MessageDiff.Settings registrySettings(Message message) {
    return MessageDiff.Settings.DEFAULT
        .unpackingAnyUsing(ProtoJson.registryFor(message.getDescriptorForType()))
        .unpackingAnyUsing(actual.typeRegistry());
  }
}
