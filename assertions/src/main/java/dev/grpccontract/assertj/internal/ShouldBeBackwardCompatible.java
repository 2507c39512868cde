package dev.grpccontract.assertj.internal;

import dev.grpccontract.compat.Finding;
import dev.grpccontract.proto.ProtoSchema;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** The failure of a breaking-change check: both schemas' origins and every breaking finding. */
public final class ShouldBeBackwardCompatible extends BasicErrorMessageFactory {

  private ShouldBeBackwardCompatible(String actual, String old, int count, String findings) {
    super(
        "%nExpecting schema:%n  %s%nto be backward compatible with:%n  %s%nbut %s finding%s:%n%s",
        unquotedString(actual),
        unquotedString(old),
        unquotedString(String.valueOf(count)),
        unquotedString(count == 1 ? " breaks it" : "s break it"),
        unquotedString(findings));
  }

  /** Creates the message for {@code findings}, which must not be empty. */
  public static ErrorMessageFactory shouldBeBackwardCompatible(
      ProtoSchema actual, ProtoSchema old, List<Finding> findings) {
    StringBuilder lines = new StringBuilder();
    for (Finding f : findings) {
      if (lines.length() > 0) {
        lines.append(System.lineSeparator());
      }
      lines.append("  ").append(f);
    }
    return new ShouldBeBackwardCompatible(
        actual.origin(), old.origin(), findings.size(), lines.toString());
  }
}
