package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.internal.ShouldHaveResponseMessage.shouldHaveResponseMessage;
import static dev.grpccontract.assertj.internal.ShouldMatchMessage.shouldMatchMessage;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import dev.grpccontract.assertj.internal.Details;
import dev.grpccontract.client.GrpcResponse;
import dev.grpccontract.coverage.CoverageRecorder;
import dev.grpccontract.proto.compare.MessageDiff;
import dev.grpccontract.proto.compare.ProtoJson;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Assertions on a {@link GrpcResponse}: its status (every check of {@link AbstractStatusAssert}),
 * its response message compared by protobuf meaning, its headers and trailers, and its duration.
 *
 * <p>Every check first verifies that the response is not {@code null}. Failure messages name the
 * method and show the response message as JSON and the trailers with secrets masked; they are
 * {@code org.opentest4j.AssertionFailedError}s carrying expected and actual values for IDE diffs.
 * Navigation methods ({@link #message()}, {@link #headers()}, {@link #trailers()}) return
 * assertions on a part that keep this assertion's description ({@code as(...)}).
 *
 * @param <SELF> the type of the concrete assertion, returned by every check for chaining
 * @param <ACTUAL> the type of the response under test
 */
public abstract class AbstractGrpcResponseAssert<
        SELF extends AbstractGrpcResponseAssert<SELF, ACTUAL>, ACTUAL extends GrpcResponse>
    extends AbstractCallAssert<SELF, ACTUAL> {

  /**
   * Creates an assertion on a response.
   *
   * @param actual the response under test; {@code null} fails every check
   * @param selfType the class of the concrete assertion
   */
  protected AbstractGrpcResponseAssert(ACTUAL actual, Class<?> selfType) {
    super(actual, selfType);
  }

  @Override
  final String failureDetails() {
    return Details.of(actual);
  }

  /**
   * Verifies that the response message equals, by protobuf meaning, the message {@code json}
   * describes.
   *
   * <p>{@code json} is parsed as protobuf JSON into the method's output type (field names in {@code
   * lowerCamelCase} or as in the {@code .proto}); then the two messages are compared field by
   * field, so field order, whitespace and absent-versus-default proto3 scalars do not matter. The
   * failure lists each differing field path with its expected and actual values; its expected and
   * actual values are both messages as pretty JSON. {@code google.protobuf.Any} fields resolve with
   * the response's {@link GrpcResponse#typeRegistry()} (every type of the schema), then with the
   * types of the output type's file and the {@code google.rpc} error details; their content is
   * compared field by field.
   *
   * @param json the expected message as protobuf JSON, not {@code null}
   * @return this assertion, for chaining
   * @throws AssertionError when the response is {@code null}, has no message, or its message
   *     differs
   * @throws IllegalArgumentException when {@code json} is malformed or does not fit the output
   *     type; the exception names the type and the offending field
   */
  public SELF hasMessageJson(String json) {
    Objects.requireNonNull(json, "json");
    Message message = requireMessage(json);
    Message expected =
        ProtoJson.parse(
            json, message.getDescriptorForType(), "The expected JSON", actual.typeRegistry());
    CoverageRecorder.global().assertedWhole(message.getDescriptorForType());
    List<MessageDiff.Difference> differences =
        MessageDiff.compare(
            expected,
            message,
            MessageDiff.Settings.DEFAULT
                .unpackingAnyUsing(ProtoJson.registryFor(message.getDescriptorForType()))
                .unpackingAnyUsing(actual.typeRegistry()));
    if (!differences.isEmpty()) {
      throw failed(
          shouldMatchMessage(
              "response message",
              expected,
              message,
              differences,
              methodLine(),
              actual.typeRegistry()),
          ProtoJson.pretty(expected, actual.typeRegistry()),
          ProtoJson.pretty(message, actual.typeRegistry()));
    }
    return myself;
  }

  /**
   * Verifies that the response has a message and that it satisfies {@code requirements}, typically
   * a lambda with assertions on {@link DynamicMessage} fields.
   *
   * @param requirements the checks to run on the message, not {@code null}; an {@link
   *     AssertionError} they throw propagates unchanged
   * @return this assertion, for chaining
   * @throws AssertionError when the response is {@code null} or has no message
   */
  public SELF hasMessageSatisfying(Consumer<? super DynamicMessage> requirements) {
    Objects.requireNonNull(requirements, "requirements");
    requireMessage(null);
    requirements.accept(actual.message());
    return myself;
  }

  /**
   * Verifies that the response has a message and returns an assertion on it, described as this
   * assertion is, that unpacks {@code Any} fields with the response's type registry.
   *
   * @return a new assertion on the response message
   * @throws AssertionError when the response is {@code null} or has no message
   */
  public final ProtoMessageAssert message() {
    ProtoMessageAssert part =
        SoftNavigation.navigate(
            softly,
            () -> requireMessage(null),
            ProtoMessageAssert.class,
            Message.class,
            value -> extractingForProxy(new ProtoMessageAssert(value)));
    if (actual == null) {
      return navigated(part).describedIn("response message", "");
    }
    return navigated(part)
        .describedIn("response message", methodLine())
        .unpackingAnyUsing(actual.typeRegistry());
  }

  private Message requireMessage(Object expected) {
    requireActual();
    Optional<Message> message = actual.rawMessage();
    if (message.isEmpty()) {
      throw failed(shouldHaveResponseMessage(actual), expected, null);
    }
    return message.get();
  }
}
