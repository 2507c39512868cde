package dev.grpccontract.assertj.internal;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.proto.compare.ProtoJson;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Failure of {@code isNotEqualTo}: the two messages are equal by protobuf meaning. */
public final class ShouldNotMatchMessage extends BasicErrorMessageFactory {

  private ShouldNotMatchMessage(
      String subject, Message other, String details, JsonFormat.TypeRegistry registry) {
    super(
        "%nExpecting %s not to be equal by protobuf meaning to:%n  %s%nbut it is%s",
        unquotedString(subject),
        unquotedString(ProtoJson.compact(other, registry)),
        unquotedString(details));
  }

  /**
   * Creates the message for a message equal to the one it should differ from.
   *
   * @param subject what the actual message is, e.g. {@code "message"}
   * @param other the message it should differ from
   * @param details lines that follow (how the messages were compared); may be empty
   * @param registry the registry to print {@code Any} fields with, or {@code null}
   */
  public static ErrorMessageFactory shouldNotMatchMessage(
      String subject, Message other, String details, JsonFormat.TypeRegistry registry) {
    return new ShouldNotMatchMessage(subject, other, details, registry);
  }
}
