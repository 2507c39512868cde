package dev.grpccontract.assertj.internal;

import static dev.grpccontract.assertj.internal.TextFactory.unquotedString;

import com.google.protobuf.Message;
import dev.grpccontract.client.StreamResponse;
import dev.grpccontract.proto.compare.ProtoJson;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Failures of the checks on the messages of a stream response. */
public final class ShouldHaveStreamMessages {

  private ShouldHaveStreamMessages() {}

  /** Creates the message for a stream with another number of messages than {@code expected}. */
  public static ErrorMessageFactory shouldHaveMessageCount(StreamResponse actual, int expected) {
    return new BasicErrorMessageFactory(
        "%nExpecting the stream of %s to have %s but it has %s%s",
        unquotedString(actual.method()),
        unquotedString(count(expected)),
        unquotedString(count(actual.messageCount())),
        unquotedString(Details.of(actual)));
  }

  /** Creates the message for stream messages that differ from the expected ones. */
  public static ErrorMessageFactory shouldHaveMessages(
      StreamResponse actual, List<Message> expected, List<String> differences) {
    return new BasicErrorMessageFactory(
        "%nExpecting the messages of the stream of %s to be equal by protobuf meaning to:%n%s%n"
            + "but %s:%n%s%s",
        unquotedString(actual.method()),
        unquotedString(indexed(expected, actual)),
        unquotedString(
            differences.size() == 1 ? "1 field differs" : differences.size() + " fields differ"),
        unquotedString(differences.stream().map(d -> "  " + d).collect(Collectors.joining("\n"))),
        unquotedString(Details.of(actual)));
  }

  /** Creates the message for a stream none of whose messages equals {@code expected}. */
  public static ErrorMessageFactory shouldContainMessage(StreamResponse actual, Message expected) {
    return new BasicErrorMessageFactory(
        "%nExpecting the stream of %s to contain a message equal by protobuf meaning to:%n  %s%n"
            + "but %s%s",
        unquotedString(actual.method()),
        unquotedString(ProtoJson.compact(expected, actual.typeRegistry())),
        unquotedString(
            actual.messageCount() == 0
                ? "it has no messages"
                : actual.messageCount() == 1
                    ? "its only message is not"
                    : "none of its " + actual.messageCount() + " messages is"),
        unquotedString(Details.of(actual)));
  }

  /** Creates the message for a stream without messages that should contain {@code json}. */
  public static ErrorMessageFactory shouldContainMessageJson(StreamResponse actual, String json) {
    return new BasicErrorMessageFactory(
        "%nExpecting the stream of %s to contain a message equal by protobuf meaning to:%n  %s%n"
            + "but it has no messages%s",
        unquotedString(actual.method()),
        unquotedString(json.strip()),
        unquotedString(Details.of(actual)));
  }

  /** Creates the message for a stream that has no message at {@code index}. */
  public static ErrorMessageFactory shouldHaveMessageAt(StreamResponse actual, int index) {
    return new BasicErrorMessageFactory(
        "%nExpecting the stream of %s to have a message at index %s but it has %s%s",
        unquotedString(actual.method()),
        unquotedString(String.valueOf(index)),
        unquotedString(count(actual.messageCount())),
        unquotedString(Details.of(actual)));
  }

  /** Creates the message for a stream that is (or is not) truncated against the expectation. */
  public static ErrorMessageFactory shouldBeTruncated(StreamResponse actual, boolean expected) {
    return new BasicErrorMessageFactory(
        expected
            ? "%nExpecting the stream of %s to be truncated (the client stopped reading at its"
                + " message limit) but it was read to its end%s"
            : "%nExpecting the stream of %s not to be truncated but the client stopped reading at"
                + " its message limit, so the server may have had more to send%s",
        unquotedString(actual.method()),
        unquotedString(Details.of(actual)));
  }

  /** Returns messages as a pretty JSON array, for IDE diffs. */
  public static String jsonArray(List<? extends Message> messages, StreamResponse response) {
    if (messages.isEmpty()) {
      return "[]";
    }
    return "[\n"
        + messages.stream()
            .map(m -> Texts.indent(ProtoJson.pretty(m, response.typeRegistry())))
            .collect(Collectors.joining(",\n"))
        + "\n]";
  }

  private static String indexed(List<Message> messages, StreamResponse response) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < messages.size(); i++) {
      if (i > 0) {
        text.append('\n');
      }
      text.append("  [")
          .append(i)
          .append("] ")
          .append(ProtoJson.compact(messages.get(i), response.typeRegistry()));
    }
    return messages.isEmpty() ? "  none" : text.toString();
  }

  private static String count(int n) {
    return n == 1 ? "1 message" : n + " messages";
  }
}
