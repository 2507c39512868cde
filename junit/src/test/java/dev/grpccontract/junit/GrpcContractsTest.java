package dev.grpccontract.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.grpccontract.contract.Interaction;
import dev.grpccontract.contract.VerificationResult;
import dev.grpccontract.testing.TestServiceImpl;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** Contract files run as JUnit tests, seen as a user's build sees them. */
class GrpcContractsTest {

  static final List<String> LOG = new CopyOnWriteArrayList<>();

  @GrpcTarget(services = TestServiceImpl.class)
  @GrpcContracts("classpath:contracts/echo.grpc.yaml")
  static class EchoContracts {

    @ProviderState("the echo service is up")
    void up(Map<String, Object> params) {
      LOG.add("state " + params);
    }

    @ContractTest
    void verify(Interaction interaction, VerificationResult result) {
      LOG.add("body " + interaction.name() + " passed=" + result.passed());
    }
  }

  @Test
  void eachInteractionIsOneTestNamedAfterIt() {
    LOG.clear();

    EngineExecutionResults results = EngineRunner.run(EchoContracts.class);

    EngineRunner.assertAllSucceeded(results, 4);
    assertThat(
            results.testEvents().started().stream()
                .map(e -> e.getTestDescriptor().getDisplayName()))
        .containsExactly(
            "echo repeats the text",
            "repeat streams numbered texts",
            "collect joins the texts",
            "chat answers in capitals");
    assertThat(LOG)
        .containsExactly(
            "state {region=eu, replicas=2}",
            "body echo repeats the text passed=true",
            "body repeat streams numbered texts passed=true",
            "body collect joins the texts passed=true",
            "body chat answers in capitals passed=true");
  }

  @GrpcTarget(services = TestServiceImpl.class)
  @GrpcContracts("classpath:contracts/failing.grpc.yaml")
  static class FailingContract {
    @ContractTest
    void verify() {
      LOG.add("body ran");
    }
  }

  @Test
  void aBrokenContractFailsWithTheDifferencesAndTheFileLine() {
    LOG.clear();

    EngineRunner.run(FailingContract.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test(),
                displayName("echo is expected to shout"),
                finishedWithFailure(
                    message(
                        m ->
                            m.startsWith(
                                    "Interaction 'echo is expected to shout'"
                                        + " (grpccontract.test.TestService/Echo) at"
                                        + " contracts/failing.grpc.yaml:2 broke the contract:\n"
                                        + "  response.text: expected \"QUIET\" but was \"quiet\"\n"
                                        + "The server answered GrpcResponse{")
                                && m.contains("message={\"text\":\"quiet\"")))));
    assertThat(LOG).as("the body runs only when the contract holds").isEmpty();
  }

  @GrpcTarget(services = TestServiceImpl.class)
  @GrpcContracts("classpath:contracts/broken/")
  static class BrokenFileBesideAFineOne {
    @ContractTest
    void verify() {}
  }

  @Test
  void aFileThatDoesNotFitTheSchemaFailsOnceAndTheOthersStillRun() {
    EngineExecutionResults results = EngineRunner.run(BrokenFileBesideAFineOne.class);

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test(),
                displayName(
                    "contracts/broken/broken.grpc.yaml (does not fit the schema or the format)"),
                finishedWithFailure(
                    message(
                        m ->
                            m.startsWith(
                                    "Contract file contracts/broken/broken.grpc.yaml has 2 problems:\n"
                                        + "  contracts/broken/broken.grpc.yaml:3:13: No method 'grpccontract.test.TestService/Echoo'")
                                && m.contains(
                                    "contracts/broken/broken.grpc.yaml:6:15: 'request' does not fit grpccontract.test.EchoRequest at field txt")))));
  }

  @GrpcContracts("classpath:contracts/instance/broken-per-instance.grpc.yaml")
  static class BrokenFilePerInstanceTarget {
    @GrpcService final TestServiceImpl service = new TestServiceImpl();

    @ContractTest
    void verify() {}
  }

  @Test
  void aTargetPerInstanceFailsABrokenFileOnceAndAbortsItsOtherInteractions() {
    EngineExecutionResults results = EngineRunner.run(BrokenFilePerInstanceTarget.class);

    results.testEvents().assertStatistics(s -> s.started(2).failed(1).aborted(1));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test(),
                finishedWithFailure(
                    message(
                        m ->
                            m.startsWith(
                                "Contract file contracts/instance/broken-per-instance.grpc.yaml has 2 problems:")))));
  }

  @GrpcTarget(services = TestServiceImpl.class)
  @GrpcContracts("classpath:contracts/stateless.grpc.yaml")
  static class MissingState {
    @ProviderState("the echo service is up")
    static void up() {}

    @ContractTest
    void verify() {}
  }

  @Test
  void aStateNoMethodHandlesNamesTheClosest() {
    EngineRunner.run(MissingState.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test(),
                finishedWithFailure(
                    message(
                        "No @ProviderState(\"the echo service is upp\") method in MissingState for"
                            + " interaction 'needs a state nobody handles' (contracts/stateless.grpc.yaml:2)."
                            + " Did you mean [the echo service is up]? Add a method:"
                            + " @ProviderState(\"the echo service is upp\") void setUp(Map<String, Object> params) { ... }"))));
  }

  @GrpcTarget(services = TestServiceImpl.class, transport = GrpcTarget.Transport.NETTY)
  @GrpcContracts("classpath:contracts/echo.grpc.yaml")
  static class OverNetty extends EchoContracts {}

  @Test
  void theSameContractsRunOverRealHttp2() {
    EngineRunner.assertAllSucceeded(EngineRunner.run(OverNetty.class), 4);
  }

  @Test
  void tagsAndNamesNarrowTheRun() {
    EngineExecutionResults tagged =
        EngineRunner.run(Map.of(ContractInvocationsKeys.TAGS, "smoke"), EchoContracts.class);
    assertThat(names(tagged)).containsExactly("echo repeats the text", "collect joins the texts");

    EngineExecutionResults excluded =
        EngineRunner.run(Map.of(ContractInvocationsKeys.TAGS, "!smoke"), EchoContracts.class);
    assertThat(names(excluded))
        .containsExactly("repeat streams numbered texts", "chat answers in capitals");

    EngineExecutionResults named =
        EngineRunner.run(Map.of(ContractInvocationsKeys.NAMES, "c*"), EchoContracts.class);
    assertThat(names(named)).containsExactly("collect joins the texts", "chat answers in capitals");

    EngineExecutionResults none =
        EngineRunner.run(Map.of(ContractInvocationsKeys.NAMES, "nothing*"), EchoContracts.class);
    none.allEvents().assertStatistics(s -> s.failed(0));
    assertThat(names(none)).isEmpty();
  }

  private static List<String> names(EngineExecutionResults results) {
    return results.testEvents().started().stream()
        .map(Event::getTestDescriptor)
        .map(d -> d.getDisplayName())
        .toList();
  }

  /** The configuration keys, as users write them. */
  static final class ContractInvocationsKeys {
    static final String TAGS = "grpccontract.contracts.tags";
    static final String NAMES = "grpccontract.contracts.names";
  }
}
