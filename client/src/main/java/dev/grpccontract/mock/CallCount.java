package dev.grpccontract.mock;

/**
 * How many calls {@link GrpcMockServer#verify} expects: made by {@link Stubbing#times}, {@link
 * Stubbing#never}, {@link Stubbing#atLeast} and {@link Stubbing#atMost}. Immutable.
 */
public final class CallCount {

  private final int min;
  private final int max;

  private CallCount(int min, int max) {
    if (min < 0) {
      throw new IllegalArgumentException("A call count must not be negative, but was " + min);
    }
    this.min = min;
    this.max = max;
  }

  static CallCount between(int min, int max) {
    return new CallCount(min, max);
  }

  /** Returns whether {@code count} calls are what this expects. */
  public boolean accepts(int count) {
    return count >= min && count <= max;
  }

  /** Returns the expectation in words: {@code exactly 2 calls}, {@code at least 1 call}. */
  @Override
  public String toString() {
    if (min == max) {
      return "exactly " + calls(min);
    }
    if (max == Integer.MAX_VALUE) {
      return "at least " + calls(min);
    }
    return min == 0 ? "at most " + calls(max) : "between " + min + " and " + calls(max);
  }

  private static String calls(int count) {
    return count + (count == 1 ? " call" : " calls");
  }
}
