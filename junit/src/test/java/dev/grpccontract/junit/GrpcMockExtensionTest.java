package dev.grpccontract.junit;

import static dev.grpccontract.mock.Stubbing.json;
import static dev.grpccontract.mock.Stubbing.method;
import static dev.grpccontract.mock.Stubbing.partialJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.contract.ContractVerifier;
import dev.grpccontract.contract.Contracts;
import dev.grpccontract.contract.Interaction;
import dev.grpccontract.mock.GrpcMockServer;
import dev.grpccontract.testing.TestServiceGrpc;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@code @GrpcMock} as a user's build sees it: injection, lifecycle, failures, parallel runs. */
class GrpcMockExtensionTest {

  static final String ECHO = "grpccontract.test.TestService/Echo";
  static final List<String> LOG = new CopyOnWriteArrayList<>();
  static final Set<GrpcMockServer> SEEN = ConcurrentHashMap.newKeySet();

  static String echo(GrpcMockServer mock, String text) {
    GrpcClient client = GrpcClient.create(mock.channel(), mock.schema());
    try {
      var response = client.invoke(ECHO, "{\"text\": \"" + text + "\"}");
      return response.status().isOk()
          ? String.valueOf(response.field("text"))
          : response.status().getCode().name();
    } finally {
      client.close();
    }
  }

  @ProtoSource(classes = TestServiceGrpc.class)
  static class InjectionExample {
    @GrpcMock GrpcMockServer echoes;

    @BeforeEach
    void stub(@GrpcMock("echoes") GrpcMockServer same) {
      LOG.add("same mock in @BeforeEach: " + (same == echoes));
      same.stubFor(method(ECHO).willReturn(json("{\"text\": \"stubbed\"}")));
    }

    @Test
    void first() {
      SEEN.add(echoes);
      LOG.add("first: " + echo(echoes, "a") + ", calls " + echoes.calls().size());
    }

    @Test
    void second(@GrpcMock GrpcMockServer other) {
      SEEN.add(echoes);
      LOG.add("second: " + echo(echoes, "b") + ", calls " + echoes.calls().size());
      LOG.add("default parameter mock is another: " + (other != echoes) + " " + echo(other, "c"));
      other.reset(); // its unexpected call would fail the test
    }
  }

  @Test
  void fieldsAndParametersGetAFreshMockForEveryTest() {
    LOG.clear();
    SEEN.clear();

    EngineExecutionResults results = EngineRunner.run(InjectionExample.class);

    EngineRunner.assertAllSucceeded(results, 2);
    assertThat(LOG)
        .contains(
            "same mock in @BeforeEach: true",
            "first: stubbed, calls 1",
            "second: stubbed, calls 1",
            "default parameter mock is another: true UNIMPLEMENTED");
    assertThat(SEEN).hasSize(2);
  }

  @ProtoSource(classes = TestServiceGrpc.class)
  static class UnexpectedCallExample {
    @GrpcMock GrpcMockServer orders;

    @Test
    void callsWithAnotherText() {
      orders.stubFor(
          method(ECHO)
              .named("echo of 42")
              .withRequest(partialJson("{\"text\": \"42\"}"))
              .willReturn(json("{}")));
      echo(orders, "41");
    }

    @Test
    void neverCallsARequiredStub() {
      orders.stubFor(method(ECHO).named("needed").required().willReturn(json("{}")));
    }
  }

  @Test
  void unexpectedCallsAndUnusedRequiredStubsFailTheTestWithTheReason() {
    EngineRunner.run(UnexpectedCallExample.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("callsWithAnotherText"),
                finishedWithFailure(
                    message(
                        m ->
                            m.contains(
                                    "@GrpcMock orders: The mock received 1 call no stub answered")
                                && m.contains("the closest, echo of 42, differs")
                                && m.contains("request.text: expected \"42\" but was \"41\"")))))
        .haveExactly(
            1,
            event(
                test("neverCallsARequiredStub"),
                finishedWithFailure(
                    message(
                        m ->
                            m.contains("A required stub was never called")
                                && m.contains("needed")))));
  }

  @ProtoSource(classes = TestServiceGrpc.class)
  static class ContractExample {
    @GrpcMock(
        contracts = "classpath:contracts/echo.grpc.yaml",
        transport = GrpcTarget.Transport.NETTY)
    GrpcMockServer provider;

    @Test
    void theContractFileVerifiesAgainstTheMock() {
      GrpcClient client = GrpcClient.create(provider.channel(), provider.schema());
      for (Interaction interaction :
          Contracts.load("classpath:contracts/echo.grpc.yaml").get(0).interactions()) {
        ContractVerifier.verify(client, interaction).assertPassed();
      }
      client.close();
      LOG.add("port " + (provider.port() > 0));
    }
  }

  @Test
  void aMockServesTheContractFilesItIsGiven() {
    LOG.clear();

    EngineRunner.assertAllSucceeded(EngineRunner.run(ContractExample.class), 1);
    assertThat(LOG).containsExactly("port true");
  }

  @ProtoSource(classes = TestServiceGrpc.class)
  static class TlsExample {
    @GrpcMock(
        transport = GrpcTarget.Transport.NETTY,
        tls =
            @Tls(
                serverCertificate = "classpath:certs/server1.pem",
                serverKey = "classpath:certs/server1.key",
                trustCertificates = "classpath:certs/ca.pem"),
        authority = "foo.test.google.fr")
    GrpcMockServer secure;

    @Test
    void overTls() {
      secure.stubFor(method(ECHO).willReturn(json("{\"text\": \"secret\"}")));
      LOG.add(
          echo(secure, "x")
              + ", authority "
              + secure.tls().flatMap(t -> t.authority()).orElse("none")
              + ", trusts a CA "
              + secure.tls().get().trustCertificatesPem().contains("BEGIN CERTIFICATE"));
    }
  }

  @ProtoSource(classes = TestServiceGrpc.class)
  static class InProcessTlsExample {
    @GrpcMock(tls = @Tls(serverCertificate = "classpath:certs/server1.pem"))
    GrpcMockServer mock;

    @Test
    void test() {}
  }

  @ProtoSource(classes = TestServiceGrpc.class)
  static class TlsWithoutKeyExample {
    @GrpcMock(
        transport = GrpcTarget.Transport.NETTY,
        tls = @Tls(serverCertificate = "classpath:certs/server1.pem"))
    GrpcMockServer mock;

    @Test
    void test() {}
  }

  @Test
  void aTlsMockServesItsCertificateOverARealHandshake() {
    LOG.clear();

    EngineRunner.assertAllSucceeded(EngineRunner.run(TlsExample.class), 1);
    assertThat(LOG).containsExactly("secret, authority foo.test.google.fr, trusts a CA true");
  }

  @Test
  void tlsOnAnInProcessMockOrWithoutAKeyNamesItsFix() {
    EngineRunner.run(InProcessTlsExample.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    message(
                        m ->
                            m.contains("sets tls on an in-process mock")
                                && m.contains("transport = Transport.NETTY")))));
    EngineRunner.run(TlsWithoutKeyExample.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    message(
                        m ->
                            m.contains("without both serverCertificate and serverKey")
                                && m.contains("PKCS#8 key")))));
  }

  /** The real server: the echo service with reflection, hosted in-process by the extension. */
  @ProtoSource(reflection = true)
  static class ReflectionExample {
    @GrpcService static final Object REAL = new dev.grpccontract.testing.TestServiceImpl();

    @GrpcService
    static final Object REFLECTION =
        io.grpc.protobuf.services.ProtoReflectionServiceV1.newInstance();

    @GrpcMock GrpcMockServer copy;

    @Test
    void theMockHasTheSchemaTheServerReports() {
      copy.stubFor(method(ECHO).willReturn(json("{\"text\": \"copied\"}")));
      LOG.add(echo(copy, "x") + " from " + copy.schema().origin());
    }
  }

  @ProtoSource(reflection = true)
  static class ReflectionWithoutServerExample {
    @GrpcMock GrpcMockServer mock;

    @Test
    void test() {}
  }

  @Test
  void aMockTakesItsSchemaFromTheReflectionOfARealServer() {
    LOG.clear();

    EngineRunner.assertAllSucceeded(EngineRunner.run(ReflectionExample.class), 1);
    assertThat(LOG)
        .singleElement()
        .asString()
        .isEqualTo("copied from server reflection (grpc.reflection.v1.ServerReflection)");
    EngineRunner.run(ReflectionWithoutServerExample.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    message(
                        m ->
                            m.contains("but the test names none")
                                && m.contains("@GrpcTarget(address = ...)")))));
  }

  @ProtoSource(classes = TestServiceGrpc.class)
  static class WrongTypeExample {
    @GrpcMock String mock;

    @Test
    void test() {}
  }

  static class NoSchemaExample {
    @GrpcMock GrpcMockServer mock;

    @Test
    void test() {}
  }

  @Test
  void aMistakeInTheDeclarationNamesItsFix() {
    EngineRunner.run(WrongTypeExample.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    message(
                        "Can only inject @GrpcMock into fields of type GrpcMockServer but"
                            + " WrongTypeExample.mock is a java.lang.String"))));
    EngineRunner.run(NoSchemaExample.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    message(m -> m.contains("needs a schema: add @ProtoSource(files = ...)")))));
  }

  /** A class of the parallel run: each test stubs its own answer and expects exactly it back. */
  @ProtoSource(classes = TestServiceGrpc.class)
  abstract static class ParallelBase {
    @GrpcMock GrpcMockServer mock;

    void run(String name) {
      mock.stubFor(method(ECHO).willReturn(json("{\"text\": \"" + name + "\"}")));
      for (int i = 0; i < 20; i++) {
        String answer = echo(mock, name + i);
        if (!answer.equals(name)) {
          throw new AssertionError(name + " got " + answer);
        }
      }
      mock.verify(method(ECHO), dev.grpccontract.mock.Stubbing.times(20));
      SEEN.add(mock);
    }
  }

  static class ParallelAExample extends ParallelBase {
    @Test
    void one() {
      run("a1");
    }

    @Test
    void two() {
      run("a2");
    }
  }

  static class ParallelBExample extends ParallelBase {
    @Test
    void one() {
      run("b1");
    }

    @Test
    void two() {
      run("b2");
    }
  }

  static class ParallelCExample extends ParallelBase {
    @Test
    void one() {
      run("c1");
    }

    @Test
    void two() {
      run("c2");
    }
  }

  @Test
  void concurrentClassesAndTestsEachHaveTheirOwnMock() {
    SEEN.clear();

    EngineExecutionResults results =
        EngineRunner.run(
            Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent"),
            ParallelAExample.class,
            ParallelBExample.class,
            ParallelCExample.class);

    EngineRunner.assertAllSucceeded(results, 6);
    assertThat(SEEN).hasSize(6);
  }
}
