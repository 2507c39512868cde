package dev.grpccontract.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.grpccontract.junit.CompatibleWith.Against;
import dev.grpccontract.testing.TestServiceImpl;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

/**
 * {@link CompatibleWith}: declared schemas and live targets against a baseline, as a run sees it.
 */
class CompatibleWithTest {

  private static final String LIVE_ADDRESS = "grpccontract.test.compat.live";
  private static Server live;

  @BeforeAll
  static void startLiveServer() throws IOException {
    live =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .addService(new TestServiceImpl())
            .addService(ProtoReflectionServiceV1.newInstance())
            .build()
            .start();
    System.setProperty(LIVE_ADDRESS, "127.0.0.1:" + live.getPort());
  }

  @AfterAll
  static void stopLiveServer() throws InterruptedException {
    System.clearProperty(LIVE_ADDRESS);
    live.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private static String failureOf(Class<?> example) {
    EngineExecutionResults results = EngineRunner.run(example);
    results.testEvents().assertStatistics(s -> s.started(0));
    List<Throwable> failures =
        results.containerEvents().failed().stream()
            .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class))
            .flatMap(java.util.Optional::stream)
            .flatMap(r -> r.getThrowable().stream())
            .toList();
    assertThat(failures).as("the class fails once, before its tests").hasSize(1);
    return failures.get(0).getClass().getSimpleName() + ": " + failures.get(0).getMessage();
  }

  // ---------------------------------------------------------------- declared schema

  @CompatibleWith(baselineFiles = "shop.proto", baselineImportPaths = "classpath:compat/v1")
  @ProtoSource(files = "shop.proto", importPaths = "classpath:compat/v2-ok")
  static class CompatibleExample {
    @Test
    void runs() {}
  }

  @Test
  void aCompatibleChangeLetsTheTestsRun() {
    EngineRunner.run(CompatibleExample.class)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));
  }

  @CompatibleWith(baselineFiles = "shop.proto", baselineImportPaths = "classpath:compat/v1")
  @ProtoSource(files = "shop.proto", importPaths = "classpath:compat/v2-breaking")
  static class BreakingExample {
    @Test
    void neverRuns() {}
  }

  @Test
  void aBreakingChangeFailsTheClassOnceWithEveryFinding() {
    String failure = failureOf(BreakingExample.class);

    assertThat(failure)
        .startsWith("AssertionFailedError: ")
        .contains(
            " breaking changes (profile WIRE_JSON) from the baseline proto files [shop.proto]")
        .contains("found by @CompatibleWith on class " + BreakingExample.class.getName())
        .startsWith("AssertionFailedError: 3 breaking changes")
        .contains("[FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED]")
        .contains("method shop.v1.Shop/Watch is gone; calls to it now fail with UNIMPLEMENTED")
        .containsPattern("\n  shop\\.proto:\\d+:\\d+: ")
        .endsWith("leave a finding out with ignoreRules or ignoreElements.");
  }

  @CompatibleWith(baselineFiles = "shop.proto", baselineImportPaths = "classpath:compat/v1")
  @ProtoSource(files = "shop.proto", importPaths = "classpath:compat/v2-renamed")
  static class RenamedFieldExample {
    @Test
    void neverRuns() {}
  }

  @CompatibleWith(
      baselineFiles = "shop.proto",
      baselineImportPaths = "classpath:compat/v1",
      profile = "WIRE")
  @ProtoSource(files = "shop.proto", importPaths = "classpath:compat/v2-renamed")
  static class RenamedFieldOnTheWireExample {
    @Test
    void runs() {}
  }

  @CompatibleWith(
      baselineFiles = "shop.proto",
      baselineImportPaths = "classpath:compat/v1",
      ignoreRules = {"FIELD_SAME_NAME", "FIELD_SAME_JSON_NAME"})
  @ProtoSource(files = "shop.proto", importPaths = "classpath:compat/v2-renamed")
  static class RenamedFieldIgnoredExample {
    @Test
    void runs() {}
  }

  @Test
  void theProfileAndTheIgnoresDecideWhatBreaks() {
    assertThat(failureOf(RenamedFieldExample.class)).contains("[FIELD_SAME_JSON_NAME]");
    EngineRunner.run(RenamedFieldOnTheWireExample.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));
    EngineRunner.run(RenamedFieldIgnoredExample.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1));
  }

  @CompatibleWith(baselineFiles = "shop.proto", baselineImportPaths = "classpath:compat/broken")
  @ProtoSource(files = "shop.proto", importPaths = "classpath:compat/v1")
  static class BrokenBaselineExample {
    @Test
    void neverRuns() {}
  }

  @CompatibleWith(baseline = "classpath:protosets/testing.protoset", profile = "WIRE_JSN")
  @ProtoSource(files = "shop.proto", importPaths = "classpath:compat/v1")
  static class UnknownProfileExample {
    @Test
    void neverRuns() {}
  }

  @CompatibleWith(baseline = "classpath:protosets/testing.protoset", baselineFiles = "shop.proto")
  @ProtoSource(files = "shop.proto", importPaths = "classpath:compat/v1")
  static class TwoBaselinesExample {
    @Test
    void neverRuns() {}
  }

  @Test
  void aBaselineThatDoesNotCompileOrAWrongAttributeNamesTheFix() {
    EngineRunner.run(BrokenBaselineExample.class)
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(
                    m ->
                        m.contains("the baseline of @CompatibleWith on class")
                            && m.contains("does not compile")
                            && m.contains("shop.proto:6:3:"))));
    assertThat(failureOf(UnknownProfileExample.class))
        .contains("unknown profile 'WIRE_JSN'; did you mean 'WIRE' or 'WIRE_JSON'?");
    assertThat(failureOf(TwoBaselinesExample.class))
        .contains("needs one baseline")
        .endsWith("not both");
  }

  // ---------------------------------------------------------------- live target

  @CompatibleWith(baseline = "classpath:protosets/testing.protoset", against = Against.LIVE_TARGET)
  @GrpcTarget(address = "${" + LIVE_ADDRESS + "}", plaintext = true)
  @ProtoSource(reflection = true)
  static class LiveCompatibleExample {
    @Test
    void runs() {}
  }

  @CompatibleWith(
      baselineFiles = "shop.proto",
      baselineImportPaths = "classpath:compat/v1",
      against = Against.LIVE_TARGET)
  @GrpcTarget(address = "${" + LIVE_ADDRESS + "}", plaintext = true)
  @ProtoSource(reflection = true)
  static class LiveMissingServiceExample {
    @Test
    void neverRuns() {}
  }

  @CompatibleWith(baseline = "classpath:protosets/testing.protoset", against = Against.LIVE_TARGET)
  @GrpcTarget(address = "127.0.0.1:1", plaintext = true, deadline = "2s")
  @ProtoSource(reflection = true)
  static class LiveDownExample {
    @Test
    void neverRuns() {}
  }

  @Test
  void aLiveTargetIsCheckedThroughReflectionForWhatBreaksItsClients() {
    EngineExecutionResults compatible = EngineRunner.run(LiveCompatibleExample.class);
    compatible.containerEvents().failed().stream()
        .forEach(e -> System.out.println("LIVEFAIL " + e));
    compatible.testEvents().assertStatistics(s -> s.succeeded(1));

    assertThat(failureOf(LiveMissingServiceExample.class))
        .startsWith("AssertionFailedError: ")
        .contains("(profile GRPC_CLIENTS)")
        .contains("shop.v1.Shop");
  }

  @Test
  void aLiveTargetThatIsDownFailsWithTheStatusAndAHint() {
    assertThat(failureOf(LiveDownExample.class))
        .startsWith(AssertionFailedError.class.getSimpleName())
        .contains("could not read the schema of 127.0.0.1:1 through server reflection")
        .contains("UNAVAILABLE")
        .contains("registers the reflection service");
  }
}
