package dev.grpccontract.benchmarks.suite;

import java.util.Properties;

/** Opens {@link SuiteCostMain#run} to the benchmarks' smoke test in another package. */
public final class SuiteCostMainAccess {

  private SuiteCostMainAccess() {}

  /** Runs the comparison; see {@link SuiteCostMain}. */
  public static String run(Properties properties) {
    return SuiteCostMain.run(properties);
  }
}
