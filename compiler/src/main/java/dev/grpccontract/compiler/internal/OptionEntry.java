package dev.grpccontract.compiler.internal;

import java.util.List;

/** One option statement as written, before interpretation. */
public final class OptionEntry {
  /** A component of an option name: {@code foo} or {@code (foo.bar)}. */
  public record NamePart(String name, boolean extension, int line, int column) {}

  /** The kind of value written. */
  public enum ValueKind {
    IDENTIFIER,
    POSITIVE_INT,
    NEGATIVE_INT,
    DOUBLE,
    STRING,
    AGGREGATE
  }

  final List<NamePart> name;
  final ValueKind kind;

  /** Identifier text, string bytes (Latin-1), or the number's text. */
  final String text;

  /** Unsigned 64-bit magnitude for integers. */
  final long intValue;

  final double doubleValue;
  final List<Tokenizer.Token> aggregate;
  final int line;
  final int column;
  final int valueLine;
  final int valueColumn;

  /**
   * Where the interpreted option lives relative to its element's options message (field numbers,
   * then an index if the option is repeated); set only when source code info is recorded.
   */
  int[] interpretedPath;

  OptionEntry(
      List<NamePart> name,
      ValueKind kind,
      String text,
      long intValue,
      double doubleValue,
      List<Tokenizer.Token> aggregate,
      int line,
      int column,
      int valueLine,
      int valueColumn) {
    this.name = name;
    this.kind = kind;
    this.text = text;
    this.intValue = intValue;
    this.doubleValue = doubleValue;
    this.aggregate = aggregate;
    this.line = line;
    this.column = column;
    this.valueLine = valueLine;
    this.valueColumn = valueColumn;
  }

  /** A copy that protoc could not locate in the source (options copied onto map entries). */
  OptionEntry withoutLocation() {
    return new OptionEntry(name, kind, text, intValue, doubleValue, aggregate, -2, -2, -2, -2);
  }

  String displayName() {
    StringBuilder sb = new StringBuilder();
    for (NamePart p : name) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(p.extension() ? "(" + p.name() + ")" : p.name());
    }
    return sb.toString();
  }
}
