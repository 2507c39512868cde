package dev.grpccontract.mock;

import com.google.protobuf.Message;
import io.grpc.Status;
import java.util.Objects;

/**
 * The entry point of stubbing and verifying, for static import: {@code method(...)} starts a stub,
 * the request matchers say which calls it answers, the replies what it answers, the call counts
 * what {@link GrpcMockServer#verify} expects.
 *
 * <pre>{@code
 * import static dev.grpccontract.mock.Stubbing.*;
 *
 * mock.stubFor(method("orders.v1.OrderService/GetOrder")
 *     .withRequest(partialJson("{\"id\": \"42\"}"))
 *     .willReturn(json("{\"id\": \"42\"}")));
 * mock.stubFor(method("orders.v1.OrderService/GetOrder")
 *     .withRequest(fieldMatching("id", "x-.*"))
 *     .willReturn(status(Status.Code.NOT_FOUND, "no such order")));
 * ...
 * mock.verify(method("orders.v1.OrderService/GetOrder"), times(2));
 * }</pre>
 */
public final class Stubbing {

  /** The state every scenario starts in; see {@link MethodStub#inScenario(String)}. */
  public static final String STARTED = "Started";

  private Stubbing() {}

  /**
   * Starts a stub (or a verification pattern) of {@code method}: {@code package.Service/Method}.
   * Whether the schema has it is checked when the stub is added.
   */
  public static MethodStub method(String method) {
    return MethodStub.of(method);
  }

  // Request matchers.

  /** Matches every request. */
  public static RequestMatcher anyRequest() {
    return RequestMatcher.any();
  }

  /** Matches a request equal by protobuf meaning to {@code json}, protobuf JSON of its type. */
  public static RequestMatcher equalToJson(String json) {
    return RequestMatcher.equalToJson(json);
  }

  /**
   * Matches a request that has the fields {@code json} gives, with their values; other fields may
   * be anything.
   */
  public static RequestMatcher partialJson(String json) {
    return RequestMatcher.partialJson(json);
  }

  /** Matches a request equal by protobuf meaning to {@code message}. */
  public static RequestMatcher equalTo(Message message) {
    return RequestMatcher.equalTo(message);
  }

  /**
   * Matches a request whose field at {@code path} ({@code id}, {@code items[0].sku}, {@code
   * labels["env"]}) is text, a number or an enum name matching {@code regex} as a whole.
   */
  public static RequestMatcher fieldMatching(String path, String regex) {
    return RequestMatcher.fieldMatching(path, regex);
  }

  /**
   * Matches a request whose field at {@code path} has a value of its type: set (fields with
   * presence), not the default (proto3 scalars), not empty (repeated and map fields).
   */
  public static RequestMatcher fieldSet(String path) {
    return RequestMatcher.fieldSet(path);
  }

  // Replies.

  /** Replies with one message, protobuf JSON of the response type, and {@code OK}. */
  public static Reply json(String json) {
    return Reply.empty().thenJson(json);
  }

  /** Replies with {@code message}, of the response type, and {@code OK}. */
  public static Reply message(Message message) {
    return Reply.empty().thenMessage(message);
  }

  /** Replies with the messages (protobuf JSON) in order, then {@code OK}: a server stream. */
  public static Reply messages(String... json) {
    Reply reply = Reply.empty();
    for (String one : json) {
      reply = reply.thenJson(one);
    }
    return reply;
  }

  /** Replies with no message and {@code code}. */
  public static Reply status(Status.Code code) {
    return Reply.empty().thenStatus(Objects.requireNonNull(code, "code"));
  }

  /** Replies with no message and {@code code} with {@code description}. */
  public static Reply status(Status.Code code, String description) {
    return Reply.empty().thenStatus(code, description);
  }

  /** Starts the script of a bidirectional-streaming stub. */
  public static Conversation conversation() {
    return Conversation.empty();
  }

  // Call counts.

  /** Expects exactly {@code count} calls. */
  public static CallCount times(int count) {
    return CallCount.between(count, count);
  }

  /** Expects no call. */
  public static CallCount never() {
    return CallCount.between(0, 0);
  }

  /** Expects {@code count} calls or more. */
  public static CallCount atLeast(int count) {
    return CallCount.between(count, Integer.MAX_VALUE);
  }

  /** Expects at most {@code count} calls. */
  public static CallCount atMost(int count) {
    return CallCount.between(0, count);
  }
}
