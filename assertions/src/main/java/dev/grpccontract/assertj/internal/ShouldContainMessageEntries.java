package dev.grpccontract.assertj.internal;

import com.google.protobuf.Message;
import dev.grpccontract.proto.compare.ProtoJson;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Failure of a map check whose values are compared by protobuf meaning ({@code containsEntry},
 * {@code containsExactlyInAnyOrderEntriesOf}, ...): the given entries, what does not fit, and the
 * actual entries.
 */
public final class ShouldContainMessageEntries extends BasicErrorMessageFactory {

  private ShouldContainMessageEntries(String text) {
    super("%n%s", unquotedString(text));
  }

  /**
   * Creates the message.
   *
   * @param check what was expected, e.g. {@code "to contain exactly, in any order"}
   * @param actual the actual map
   * @param given the entries of the check, in the order given
   * @param problems the lines that say what does not fit, each without indentation
   * @param details lines that follow (how messages were compared); may be empty
   * @return the message factory
   */
  public static ErrorMessageFactory shouldContainMessageEntries(
      String check,
      Map<?, ? extends Message> actual,
      List<? extends Map.Entry<?, ? extends Message>> given,
      List<String> problems,
      String details) {
    String text =
        "Expecting map "
            + check
            + " (values by protobuf meaning):\n"
            + entries(given)
            + "\nbut:\n"
            + problems.stream().map(Texts::indent).collect(Collectors.joining("\n"))
            + "\nactual entries:\n"
            + entries(List.copyOf(actual.entrySet()))
            + details;
    return new ShouldContainMessageEntries(text);
  }

  /** Returns the entries as {@code key -> compact JSON}, one per line. */
  public static String entries(List<? extends Map.Entry<?, ? extends Message>> entries) {
    if (entries.isEmpty()) {
      return "  (none)";
    }
    return entries.stream()
        .map(entry -> "  " + key(entry.getKey()) + " -> " + value(entry.getValue()))
        .collect(Collectors.joining("\n"));
  }

  /** Returns a map key as failure messages show it: strings quoted, others as they print. */
  public static String key(Object key) {
    return key instanceof String ? Texts.quote((String) key) : String.valueOf(key);
  }

  /** Returns a message as compact JSON, or {@code null}. */
  public static String value(Message value) {
    return value == null ? "null" : ProtoJson.compact(value);
  }
}
