package dev.grpccontract.compat;

import dev.grpccontract.compat.internal.cli.Cli;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The command line {@code grpc-contract compat --against old.protoset new/*.proto}: the breaking
 * changes from a baseline to the current schema, with buf's exit codes.
 *
 * <p>Exit codes: {@code 0} when nothing breaks, {@code 100} when a breaking finding exists (as
 * {@code buf breaking} exits), {@code 1} for usage and input errors (an unknown rule id, a missing
 * file, a baseline that does not compile; the message says which). Run {@code grpc-contract compat
 * --help} for the options.
 */
public final class CompatCommand {
  /** Exit code when nothing breaks. */
  public static final int OK = 0;

  /** Exit code for usage and input errors. */
  public static final int INPUT_ERROR = 1;

  /** Exit code when a breaking finding exists, buf's code for file annotations. */
  public static final int BREAKING = 100;

  private CompatCommand() {}

  /**
   * Runs the command line and exits the JVM with its exit code.
   *
   * @param args {@code compat} followed by its options and files
   */
  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /**
   * Runs the command line in-process.
   *
   * @param out where findings go
   * @param err where usage and input errors go
   * @param args {@code compat} followed by its options and files
   * @return the exit code: {@link #OK}, {@link #BREAKING} or {@link #INPUT_ERROR}
   */
  public static int run(PrintStream out, PrintStream err, String... args) {
    PrintWriter o =
        new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter e =
        new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    try {
      return Cli.run(o, e, args);
    } finally {
      o.flush();
      e.flush();
    }
  }
}
