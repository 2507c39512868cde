package dev.grpccontract.assertj.internal;

import com.google.protobuf.Message;
import dev.grpccontract.proto.compare.ProtoJson;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Failure of a list check by protobuf meaning ({@code containsExactlyInAnyOrder}, ...): what was
 * expected, the actual messages, and what is missing, unexpected or different.
 */
public final class ShouldContainMessages extends BasicErrorMessageFactory {

  private ShouldContainMessages(String text) {
    super("%n%s", unquotedString(text));
  }

  /**
   * Creates the message.
   *
   * @param check what was expected, e.g. {@code "to contain exactly in any order"}
   * @param actual the actual messages
   * @param expected the expected messages
   * @param problems the lines that say what does not fit, each without indentation
   * @param details lines that follow (how messages were compared); may be empty
   */
  public static ErrorMessageFactory shouldContainMessages(
      String check,
      List<? extends Message> actual,
      List<? extends Message> expected,
      List<String> problems,
      String details) {
    String text =
        "Expecting messages "
            + check
            + " (by protobuf meaning):\n"
            + list(expected)
            + "\nbut:\n"
            + problems.stream().map(p -> Texts.indent(p)).collect(Collectors.joining("\n"))
            + "\nactual messages:\n"
            + list(actual)
            + details;
    return new ShouldContainMessages(text);
  }

  /** Returns the messages as compact JSON, one per line, numbered. */
  public static String list(List<? extends Message> messages) {
    if (messages.isEmpty()) {
      return "  (none)";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < messages.size(); i++) {
      if (i > 0) {
        out.append('\n');
      }
      out.append("  [").append(i).append("] ").append(ProtoJson.compact(messages.get(i)));
    }
    return out.toString();
  }
}
