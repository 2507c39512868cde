package dev.grpccontract.contract;

import java.util.Objects;

/**
 * One mistake in a contract file, at a position: {@code orders.grpc.yaml:12:7: no method
 * 'orders.v1.OrderService/GetOrdr'; did you mean 'orders.v1.OrderService/GetOrder'?}.
 *
 * <p>Lines and columns count from 1, as editors show them; {@code 0} when the position is not known
 * (a file that cannot be read).
 */
public final class ContractProblem {

  private final String file;
  private final int line;
  private final int column;
  private final String message;

  private ContractProblem(String file, int line, int column, String message) {
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.column = column;
    this.message = Objects.requireNonNull(message, "message");
  }

  /** Returns a problem at {@code line}:{@code column} (from 1) of {@code file}. */
  public static ContractProblem at(String file, int line, int column, String message) {
    return new ContractProblem(file, line, column, message);
  }

  /** Returns the file as it was named when loaded, e.g. {@code contracts/orders.grpc.yaml}. */
  public String file() {
    return file;
  }

  /** Returns the line, from 1; 0 when unknown. */
  public int line() {
    return line;
  }

  /** Returns the column, from 1; 0 when unknown. */
  public int column() {
    return column;
  }

  /** Returns what is wrong and how to fix it, without the position. */
  public String message() {
    return message;
  }

  /** Returns {@code file:line:column: message}, the form compilers and IDEs link. */
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ContractProblem p
        && file.equals(p.file)
        && line == p.line
        && column == p.column
        && message.equals(p.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, line, column, message);
  }
}
