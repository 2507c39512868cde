package dev.grpccontract.assertj.internal;

import com.google.protobuf.Message;
import dev.grpccontract.proto.compare.ProtoJson;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Failure of a message comparison whose two sides are of different message types. */
public final class ShouldBeMessageOfType extends BasicErrorMessageFactory {

  private ShouldBeMessageOfType(Message expected, Message actual) {
    super(
        "%nExpecting message to be equal by protobuf meaning to a %s:%n  %s%n"
            + "but it is a %s:%n  %s",
        unquotedString(expected.getDescriptorForType().getFullName()),
        unquotedString(ProtoJson.compact(expected)),
        unquotedString(actual.getDescriptorForType().getFullName()),
        unquotedString(ProtoJson.compact(actual)));
  }

  /** Creates the message for an {@code actual} message whose type differs from the expected. */
  public static ErrorMessageFactory shouldBeMessageOfType(Message expected, Message actual) {
    return new ShouldBeMessageOfType(expected, actual);
  }
}
