package dev.grpccontract.compiler;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when {@code .proto} sources do not compile; carries every error found, in the order protoc
 * reports them.
 *
 * <p>The message is the diagnostics, one per line, in protoc's {@code file:line:column: message}
 * form.
 */
public final class ProtoCompilationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> diagnostics;

  /**
   * Creates the exception.
   *
   * @param diagnostics the errors, not null and not empty
   */
  public ProtoCompilationException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
    this.diagnostics = List.copyOf(diagnostics);
  }

  /**
   * The errors found.
   *
   * @return an immutable list, never empty
   */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
