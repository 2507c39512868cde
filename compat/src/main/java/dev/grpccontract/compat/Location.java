package dev.grpccontract.compat;

import java.util.Objects;

/**
 * Where a {@link Finding} points: a file and, when the schema carries source info, a 1-based line
 * and column.
 */
public final class Location {
  private final String file;
  private final int line;
  private final int column;

  private Location(String file, int line, int column) {
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.column = column;
  }

  /**
   * Returns the location of a whole file, without line and column.
   *
   * @param file the file name as in imports, not null
   */
  public static Location ofFile(String file) {
    return new Location(file, 0, 0);
  }

  /**
   * Returns a location in a file.
   *
   * @param file the file name as in imports, not null
   * @param line 1-based line
   * @param column 1-based column
   * @throws IllegalArgumentException when line or column is below 1
   */
  public static Location of(String file, int line, int column) {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
    return new Location(file, line, column);
  }

  /** Returns the file name as in imports ({@code "acme/orders/v1/orders.proto"}). */
  public String file() {
    return file;
  }

  /** Returns the 1-based line, or 0 when the schema has no source info. */
  public int line() {
    return line;
  }

  /** Returns the 1-based column, or 0 when the schema has no source info. */
  public int column() {
    return column;
  }

  /** Returns whether line and column are known. */
  public boolean hasPosition() {
    return line > 0;
  }

  /** Returns {@code file:line:column}, or just the file when the position is unknown. */
  @Override
  public String toString() {
    return hasPosition() ? file + ":" + line + ":" + column : file;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Location
        && ((Location) o).file.equals(file)
        && ((Location) o).line == line
        && ((Location) o).column == column;
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, line, column);
  }
}
