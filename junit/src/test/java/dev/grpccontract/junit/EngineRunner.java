package dev.grpccontract.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs example test classes through the Jupiter engine, as a user's build would. */
final class EngineRunner {

  private EngineRunner() {}

  static EngineExecutionResults run(Class<?>... classes) {
    return run(Map.of(), classes);
  }

  static EngineExecutionResults run(Map<String, String> configuration, Class<?>... classes) {
    EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter");
    for (Class<?> type : classes) {
      builder.selectors(selectClass(type));
    }
    configuration.forEach(builder::configurationParameter);
    EngineExecutionResults results = builder.execute();
    results.allEvents().failed().stream()
        .forEach(
            event ->
                event
                    .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                    .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                    .ifPresent(
                        t ->
                            System.out.println(
                                "[example failed] "
                                    + event.getTestDescriptor().getDisplayName()
                                    + ": "
                                    + t)));
    return results;
  }

  /** Asserts that {@code count} tests ran and all passed, showing any failure's stack trace. */
  static void assertAllSucceeded(EngineExecutionResults results, int count) {
    java.io.StringWriter failures = new java.io.StringWriter();
    results.allEvents().failed().stream()
        .forEach(
            event ->
                event
                    .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                    .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                    .ifPresent(t -> t.printStackTrace(new java.io.PrintWriter(failures, true))));
    org.assertj.core.api.Assertions.assertThat(failures.toString()).as("failures").isEmpty();
    results.testEvents().assertStatistics(s -> s.started(count).succeeded(count));
  }
}
