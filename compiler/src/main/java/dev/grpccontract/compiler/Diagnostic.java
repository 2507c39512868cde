package dev.grpccontract.compiler;

import java.util.Objects;

/**
 * One error reported while compiling {@code .proto} files, located the way protoc locates it.
 *
 * <p>Immutable and thread-safe. {@link #line()} and {@link #column()} are one-based, or {@code 0}
 * when protoc reports no position for this kind of error.
 */
public final class Diagnostic {
  private final String file;
  private final int line;
  private final int column;
  private final String message;
  private final boolean warning;

  private Diagnostic(String file, int line, int column, String message, boolean warning) {
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.column = column;
    this.message = Objects.requireNonNull(message, "message");
    this.warning = warning;
  }

  /**
   * Creates a diagnostic.
   *
   * @param file the proto file name as imported, never null
   * @param line one-based line, or 0 when unknown
   * @param column one-based column, or 0 when unknown
   * @param message the text, never null
   * @return the diagnostic
   */
  public static Diagnostic of(String file, int line, int column, String message) {
    return new Diagnostic(file, line, column, message, false);
  }

  /**
   * Creates a warning: something protoc reports without failing, such as an unused import.
   *
   * @param file the proto file name as imported, never null
   * @param line one-based line, or 0 when unknown
   * @param column one-based column, or 0 when unknown
   * @param message the text without the {@code "warning: "} prefix, never null
   * @return the warning
   */
  public static Diagnostic warning(String file, int line, int column, String message) {
    return new Diagnostic(file, line, column, message, true);
  }

  /**
   * Whether this is a warning rather than an error.
   *
   * @return true for warnings
   */
  public boolean isWarning() {
    return warning;
  }

  /**
   * The file the error is in, as it is named in imports.
   *
   * @return the file name, never null
   */
  public String file() {
    return file;
  }

  /**
   * The one-based line.
   *
   * @return the line, or 0 when the error has no position
   */
  public int line() {
    return line;
  }

  /**
   * The one-based column; tabs advance to the next multiple of eight, as protoc counts.
   *
   * @return the column, or 0 when the error has no position
   */
  public int column() {
    return column;
  }

  /**
   * The error text, worded as protoc words it.
   *
   * @return the message, never null
   */
  public String message() {
    return message;
  }

  /**
   * Formats as protoc prints: {@code file:line:column: message}, or {@code file: message}; warnings
   * carry protoc's {@code "warning: "} before the message.
   */
  @Override
  public String toString() {
    String text = warning ? "warning: " + message : message;
    if (line > 0) {
      return file + ":" + line + ":" + column + ": " + text;
    }
    return file.isEmpty() ? text : file + ": " + text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Diagnostic d
        && d.file.equals(file)
        && d.line == line
        && d.column == column
        && d.message.equals(message)
        && d.warning == warning;
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, line, column, message, warning);
  }
}
