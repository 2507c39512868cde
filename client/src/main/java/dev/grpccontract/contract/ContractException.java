package dev.grpccontract.contract;

import java.util.List;

/**
 * A contract file that cannot be used: it is not YAML, does not follow the format, or does not fit
 * the schema it is checked against. The message lists every problem of the file, one per line, as
 * {@code file:line:column: what is wrong and the fix}.
 */
public final class ContractException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<ContractProblem> problems;

  ContractException(String file, List<ContractProblem> problems) {
    super(message(file, problems));
    this.problems = List.copyOf(problems);
  }

  private static String message(String file, List<ContractProblem> problems) {
    StringBuilder text =
        new StringBuilder("Contract file ")
            .append(file)
            .append(problems.size() == 1 ? " has a problem:" : " has " + problems.size())
            .append(problems.size() == 1 ? "" : " problems:");
    for (ContractProblem problem : problems) {
      text.append("\n  ").append(problem);
    }
    return text.toString();
  }

  /** Returns every problem, in the order of the file. */
  public List<ContractProblem> problems() {
    return problems;
  }
}
