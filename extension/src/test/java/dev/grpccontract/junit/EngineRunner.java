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
    return builder.execute();
  }
}
