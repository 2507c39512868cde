package dev.grpccontract.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.contract.Interaction;
import dev.grpccontract.testing.EchoRequest;
import dev.grpccontract.testing.EchoResponse;
import dev.grpccontract.testing.FailRequest;
import dev.grpccontract.testing.SamplePact;
import dev.grpccontract.testing.TestServiceImpl;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** A Pact file of gRPC interactions run by {@code @GrpcContracts}, as a user's build runs it. */
class PactContractsTest {

  static final List<String> LOG = new CopyOnWriteArrayList<>();

  private static final Path PACT = Path.of("target/pact-test/web-test.json");

  private static void writePact(String echoedText) throws Exception {
    EchoRequest request = EchoRequest.newBuilder().setText("ab").setTimes(2).build();
    JsonObject echo =
        SamplePact.interaction(
            "echo repeats the text",
            ".grpccontract.test.TestService/Echo",
            request,
            EchoResponse.newBuilder().setText(echoedText).setRequest(request).build());
    echo.add(
        "providerStates",
        JsonParser.parseString(
            "[{\"name\": \"the echo service is up\", \"params\": {\"region\": \"eu\"}}]"));
    FailRequest fail = FailRequest.newBuilder().setCode("NOT_FOUND").setDescription("gone").build();
    JsonObject notFound =
        SamplePact.interaction(
            "a missing order is not found", ".grpccontract.test.TestService/Fail", fail, null);
    SamplePact.response(notFound)
        .getAsJsonObject("metadata")
        .addProperty("grpc-status", "NOT_FOUND");
    Files.createDirectories(PACT.getParent());
    Files.writeString(PACT, SamplePact.text(SamplePact.pact(echo, notFound)));
  }

  @GrpcTarget(services = TestServiceImpl.class)
  @GrpcContracts("target/pact-test/web-test.json")
  static class PactVerification {

    @ProviderState("the echo service is up")
    void up(Map<String, Object> params) {
      LOG.add("state " + params);
    }

    @ContractTest
    void verify(Interaction interaction) {
      LOG.add("verified " + interaction.name());
    }
  }

  @Test
  void eachPactInteractionIsOneTestWithItsProviderState() throws Exception {
    LOG.clear();
    writePact("abab");

    EngineExecutionResults results = EngineRunner.run(PactVerification.class);

    EngineRunner.assertAllSucceeded(results, 2);
    assertThat(
            results.testEvents().started().stream()
                .map(e -> e.getTestDescriptor().getDisplayName()))
        .containsExactly("echo repeats the text", "a missing order is not found");
    assertThat(LOG)
        .containsExactly(
            "state {region=eu}",
            "verified echo repeats the text",
            "verified a missing order is not found");
  }

  @GrpcTarget(address = "${gc.pact.address}", plaintext = true)
  @GrpcContracts("target/pact-test/web-test.json")
  static class DeployedProviderVerification {

    @ProviderState("the echo service is up")
    void up() {
      LOG.add("state set");
    }

    @ContractTest
    void verify(Interaction interaction, GrpcClient client) {
      LOG.add("verified " + interaction.name() + " with " + client.schema().origin());
    }
  }

  @Test
  void aServerAtAnAddressIsVerifiedWithThePactsOwnDescriptors() throws Exception {
    LOG.clear();
    writePact("abab");
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(new TestServiceImpl())
            .build()
            .start();
    try {
      System.setProperty("gc.pact.address", "127.0.0.1:" + server.getPort());

      EngineExecutionResults results = EngineRunner.run(DeployedProviderVerification.class);

      EngineRunner.assertAllSucceeded(results, 2);
      assertThat(LOG)
          .containsExactly(
              "state set",
              "verified echo repeats the text with the descriptors '"
                  + SamplePact.key()
                  + "' of target/pact-test/web-test.json",
              "verified a missing order is not found with the descriptors '"
                  + SamplePact.key()
                  + "' of target/pact-test/web-test.json");
    } finally {
      System.clearProperty("gc.pact.address");
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aPactTheServiceBreaksFailsWithTheDifference() throws Exception {
    LOG.clear();
    writePact("ABAB");

    EngineRunner.run(PactVerification.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test(),
                displayName("echo repeats the text"),
                finishedWithFailure(
                    message(
                        m ->
                            m.startsWith(
                                    "Interaction 'echo repeats the text'"
                                        + " (grpccontract.test.TestService/Echo) at "
                                        + "target/pact-test/web-test.json:")
                                && m.contains(
                                    "response.text: expected \"ABAB\" but was \"abab\"")))));
    assertThat(LOG).doesNotContain("verified echo repeats the text");
  }
}
