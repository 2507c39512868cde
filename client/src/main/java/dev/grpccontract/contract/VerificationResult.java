package dev.grpccontract.contract;

import dev.grpccontract.client.GrpcResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of verifying one interaction against a server: passed, or the list of every way the
 * answer broke the contract.
 *
 * <p>Each failure is one line that starts with the part of the answer it is about: {@code status:
 * expected OK but was NOT_FOUND ("no order 42")}, {@code response.items[0].sku: expected "A-1" but
 * was "B-2"}, {@code responses: expected 3 messages but got 2}.
 */
public final class VerificationResult {

  private final Interaction interaction;
  private final List<String> failures;
  private final GrpcResult result;

  VerificationResult(Interaction interaction, List<String> failures, GrpcResult result) {
    this.interaction = Objects.requireNonNull(interaction, "interaction");
    this.failures = List.copyOf(failures);
    this.result = result;
  }

  /** Returns the interaction that was verified. */
  public Interaction interaction() {
    return interaction;
  }

  /** Returns whether the answer kept the contract. */
  public boolean passed() {
    return failures.isEmpty();
  }

  /** Returns every way the answer broke the contract, in the order checked; empty when passed. */
  public List<String> failures() {
    return failures;
  }

  /**
   * Returns what the server answered: a {@code GrpcResponse} for unary and client-streaming
   * methods, a {@code StreamResponse} for the streaming answers.
   */
  public Optional<GrpcResult> result() {
    return Optional.ofNullable(result);
  }

  /**
   * Throws when the interaction failed.
   *
   * @throws AssertionError naming the interaction, its file and line, and every failure
   */
  public VerificationResult assertPassed() {
    if (!passed()) {
      throw new AssertionError(describe());
    }
    return this;
  }

  /** Returns the report of this result: the interaction, its place, and the failures. */
  public String describe() {
    StringBuilder text =
        new StringBuilder("Interaction '")
            .append(interaction.name())
            .append("' (")
            .append(interaction.method())
            .append(") at ")
            .append(interaction.location());
    if (passed()) {
      return text.append(" passed").toString();
    }
    text.append(
        failures.size() == 1
            ? " broke the contract:"
            : " broke the contract in " + failures.size() + " ways:");
    for (String failure : failures) {
      text.append("\n  ").append(failure.replace("\n", "\n    "));
    }
    if (result != null) {
      text.append("\nThe server answered ").append(result);
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return interaction.name() + (passed() ? ": passed" : ": " + failures.size() + " failures");
  }
}
