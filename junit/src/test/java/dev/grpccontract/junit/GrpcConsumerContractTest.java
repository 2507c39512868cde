package dev.grpccontract.junit;

import static dev.grpccontract.mock.ReplyMatcher.regex;
import static dev.grpccontract.mock.ReplyMatcher.type;
import static dev.grpccontract.mock.Stubbing.anyRequest;
import static dev.grpccontract.mock.Stubbing.conversation;
import static dev.grpccontract.mock.Stubbing.json;
import static dev.grpccontract.mock.Stubbing.messages;
import static dev.grpccontract.mock.Stubbing.method;
import static dev.grpccontract.mock.Stubbing.partialJson;
import static dev.grpccontract.mock.Stubbing.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.grpccontract.client.CallParams;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.contract.ConsumerContracts;
import dev.grpccontract.contract.ContractFile;
import dev.grpccontract.contract.ContractVerifier;
import dev.grpccontract.contract.ContractWriter;
import dev.grpccontract.contract.Contracts;
import dev.grpccontract.contract.Interaction;
import dev.grpccontract.contract.VerificationResult;
import dev.grpccontract.mock.GrpcMockServer;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.testing.EchoRequest;
import dev.grpccontract.testing.InProcessTarget;
import dev.grpccontract.testing.TestServiceGrpc;
import dev.grpccontract.testing.TestServiceImpl;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code @GrpcConsumerContract} as a consumer's build sees it: the calls the mocks answered become
 * one contract file per consumer and provider, merged over classes, stable, verifiable against the
 * real service.
 */
class GrpcConsumerContractTest {

  static final String SERVICE = "grpccontract.test.TestService/";

  @GrpcConsumerContract(consumer = "web", provider = "echo")
  @ProtoSource(classes = TestServiceGrpc.class)
  static class EveryKindExample {
    @GrpcMock GrpcMockServer echo;

    private GrpcClient client() {
      return GrpcClient.create(echo.channel(), echo.schema());
    }

    @Test
    void unary() {
      echo.stubFor(
          method(SERVICE + "Echo")
              .withRequest(partialJson("{\"text\": \"ab\"}"))
              .willReturn(json("{\"text\": \"ab\", \"request\": {\"text\": \"ab\"}}")));
      try (GrpcClient client = client()) {
        assertThat(
                client
                    .invoke(
                        SERVICE + "Echo",
                        "{\"text\": \"ab\"}",
                        CallParams.withMetadata("x-tenant", "acme"))
                    .status()
                    .isOk())
            .isTrue();
      }
    }

    @Test
    void serverStream() {
      echo.stubFor(
          method(SERVICE + "Repeat")
              .willReturn(messages("{\"text\": \"x0\"}", "{\"text\": \"x1\"}")));
      try (GrpcClient client = client()) {
        assertThat(
                client
                    .serverStream(SERVICE + "Repeat", "{\"text\": \"x\", \"times\": 2}")
                    .messageCount())
            .isEqualTo(2);
      }
    }

    @Test
    void clientStream() {
      echo.stubFor(method(SERVICE + "Collect").willReturn(json("{\"text\": \"ab\"}")));
      try (GrpcClient client = client()) {
        assertThat(
                client
                    .clientStream(SERVICE + "Collect", "{\"text\": \"a\"}", "{\"text\": \"b\"}")
                    .status()
                    .isOk())
            .isTrue();
      }
    }

    @Test
    void bidi() {
      echo.stubFor(
          method(SERVICE + "Chat")
              .willConverse(
                  conversation()
                      .on(partialJson("{\"text\": \"hi\"}"), json("{\"text\": \"HI\"}"))
                      .on(anyRequest(), json("{\"text\": \"YO\"}"))
                      .onHalfClose(status(Status.Code.OK))));
      try (GrpcClient client = client()) {
        var stream = client.bidiStream(SERVICE + "Chat");
        stream.send("{\"text\": \"hi\"}");
        assertThat(stream.receive().toString()).contains("HI");
        stream.send("{\"text\": \"yo\"}");
        assertThat(stream.receive().toString()).contains("YO");
        stream.halfClose();
        assertThat(stream.awaitCompletion(Duration.ofSeconds(5)).status().isOk()).isTrue();
      }
    }

    @Test
    void error() {
      echo.stubFor(method(SERVICE + "Fail").willReturn(status(Status.Code.NOT_FOUND, "gone")));
      try (GrpcClient client = client()) {
        assertThat(
                client
                    .invoke(
                        SERVICE + "Fail", "{\"code\": \"NOT_FOUND\", \"description\": \"gone\"}")
                    .status()
                    .getCode())
            .isEqualTo(Status.Code.NOT_FOUND);
      }
    }
  }

  @GrpcConsumerContract(consumer = "web", provider = "echo")
  @ProtoSource(classes = TestServiceGrpc.class)
  static class SecondClassExample {
    @GrpcMock GrpcMockServer echo;

    @Test
    void anotherUnary() {
      echo.stubFor(
          method(SERVICE + "Echo")
              .willReturn(
                  json("{\"text\": \"cc\", \"request\": {\"text\": \"c\", \"times\": 2}}")));
      try (GrpcClient client = GrpcClient.create(echo.channel(), echo.schema())) {
        client.invoke(SERVICE + "Echo", "{\"text\": \"c\", \"times\": 2}");
      }
    }

    @Test
    void failsAndIsLeftOut() {
      echo.stubFor(method(SERVICE + "Echo").willReturn(json("{\"text\": \"wrong\"}")));
      try (GrpcClient client = GrpcClient.create(echo.channel(), echo.schema())) {
        client.invoke(SERVICE + "Echo", "{\"text\": \"left out\"}");
      }
      throw new AssertionError("the consumer's own assertion failed");
    }

    @Test
    void unexpectedCallIsLeftOut() {
      echo.stubFor(
          method(SERVICE + "Echo")
              .withRequest(partialJson("{\"text\": \"42\"}"))
              .willReturn(json("{}")));
      try (GrpcClient client = GrpcClient.create(echo.channel(), echo.schema())) {
        client.invoke(SERVICE + "Echo", "{\"text\": \"unexpected\"}");
      }
    }
  }

  @GrpcConsumerContract(consumer = "app", provider = "echo")
  @ProtoSource(classes = TestServiceGrpc.class)
  static class SameDisplayNamesAndNestedExample {
    @GrpcMock GrpcMockServer echo;

    static void call(GrpcMockServer mock, String text) {
      mock.stubFor(method(SERVICE + "Echo").willReturn(json("{\"text\": \"" + text + "\"}")));
      try (GrpcClient client = GrpcClient.create(mock.channel(), mock.schema())) {
        assertThat(client.invoke(SERVICE + "Echo", "{\"text\": \"" + text + "\"}").status().isOk())
            .isTrue();
      }
    }

    @Test
    @org.junit.jupiter.api.DisplayName("echoes")
    void first() {
      call(echo, "a");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("echoes")
    void second() {
      call(echo, "a");
    }

    @org.junit.jupiter.api.Nested
    class Inner {
      @Test
      void fromANestedClass() {
        call(echo, "n");
      }
    }
  }

  @GrpcConsumerContract(consumer = "web/app", provider = "echo")
  @ProtoSource(classes = TestServiceGrpc.class)
  static class BadNameExample {
    @Test
    void nothing() {}
  }

  @GrpcConsumerContract(consumer = "shop", provider = "echo")
  @ProtoSource(classes = TestServiceGrpc.class)
  static class MatchersExample {
    @GrpcMock GrpcMockServer echo;

    @Test
    void unary() {
      echo.stubFor(
          method(SERVICE + "Echo")
              .willReturn(
                  json("{\"text\": \"zz\", \"request\": {\"text\": \"q\", \"times\": 5}}")
                      .matching("text", regex("[a-z]+"))
                      .matching("request", type())
                      .matching("request.text", type())
                      .matching("request.times", type())));
      try (GrpcClient client = GrpcClient.create(echo.channel(), echo.schema())) {
        assertThat(
                client.invoke(SERVICE + "Echo", "{\"text\": \"ab\", \"times\": 2}").field("text"))
            .isEqualTo("zz");
      }
    }

    @Test
    void serverStream() {
      echo.stubFor(
          method(SERVICE + "Repeat")
              .willReturn(
                  messages("{\"text\": \"q0\"}", "{\"text\": \"q1\"}")
                      .matching("text", regex("[a-z][0-9]"))));
      try (GrpcClient client = GrpcClient.create(echo.channel(), echo.schema())) {
        assertThat(
                client
                    .serverStream(SERVICE + "Repeat", "{\"text\": \"x\", \"times\": 2}")
                    .messageCount())
            .isEqualTo(2);
      }
    }
  }

  /** A provider answering the same methods with values of the wrong shape. */
  static final class WrongShapeService extends TestServiceGrpc.TestServiceImplBase {
    @Override
    public void echo(
        EchoRequest request,
        io.grpc.stub.StreamObserver<dev.grpccontract.testing.EchoResponse> responses) {
      responses.onNext(dev.grpccontract.testing.EchoResponse.newBuilder().setText("AB12").build());
      responses.onCompleted();
    }

    @Override
    public void repeat(
        EchoRequest request,
        io.grpc.stub.StreamObserver<dev.grpccontract.testing.EchoResponse> responses) {
      for (int i = 0; i < request.getTimes(); i++) {
        responses.onNext(dev.grpccontract.testing.EchoResponse.newBuilder().setText("X!").build());
      }
      responses.onCompleted();
    }
  }

  @Test
  void theStubsMatchersAreWrittenSoOtherValuesOfTheTypePassAndOthersFailWithTheDiff(
      @TempDir Path dir) throws Exception {
    EngineRunner.assertAllSucceeded(run(dir, false, MatchersExample.class), 2);

    String yaml = Files.readString(dir.resolve("shop-echo.grpc.yaml"));
    assertThat(yaml)
        .contains(
            "    response:\n"
                + "      text: zz\n"
                + "      request:\n"
                + "        text: q\n"
                + "        times: 5\n"
                + "    matchers:\n"
                + "      request: type\n"
                + "      request.text: type\n"
                + "      request.times: type\n"
                + "      text:\n"
                + "        match: regex\n"
                + "        regex: \"[a-z]+\"\n")
        .contains(
            "    responses:\n"
                + "      - text: q0\n"
                + "      - text: q1\n"
                + "    matchers:\n"
                + "      \"[*].text\":\n"
                + "        match: regex\n"
                + "        regex: \"[a-z][0-9]\"\n");
    ContractFile contract = Contracts.load(dir.resolve("shop-echo.grpc.yaml").toString()).get(0);
    ProtoSchema schema = ProtoSchema.fromClasses(TestServiceGrpc.class);
    assertThat(contract.check(schema)).isEmpty();

    try (InProcessTarget target = InProcessTarget.start(new TestServiceImpl());
        GrpcClient client = GrpcClient.create(target.channel(), schema)) {
      for (Interaction interaction : contract.interactions()) {
        VerificationResult result = ContractVerifier.verify(client, interaction);
        assertThat(result.passed()).as(result.describe()).isTrue();
      }
    }
    try (InProcessTarget target = InProcessTarget.start(new WrongShapeService());
        GrpcClient client = GrpcClient.create(target.channel(), schema)) {
      List<String> described = new ArrayList<>();
      for (Interaction interaction : contract.interactions()) {
        VerificationResult result = ContractVerifier.verify(client, interaction);
        assertThat(result.passed()).as(interaction.name()).isFalse();
        described.add(result.describe());
      }
      assertThat(String.join("\n", described))
          .contains("response.text: expected to match /[a-z]+/ but was \"AB12\"")
          .contains(
              "response.request: expected a value of type grpccontract.test.EchoRequest but it is"
                  + " not set")
          .contains("responses[0].text: expected to match /[a-z][0-9]/ but was \"X!\"");
    }
  }

  private static EngineExecutionResults run(Path dir, boolean parallel, Class<?>... classes) {
    Map<String, String> configuration =
        parallel
            ? Map.of(
                GrpcConsumerContract.DIRECTORY_PROPERTY,
                dir.toString(),
                "junit.jupiter.execution.parallel.enabled",
                "true",
                "junit.jupiter.execution.parallel.mode.default",
                "concurrent",
                "junit.jupiter.execution.parallel.mode.classes.default",
                "concurrent")
            : Map.of(GrpcConsumerContract.DIRECTORY_PROPERTY, dir.toString());
    return EngineRunner.run(configuration, classes);
  }

  @Test
  void theCallsOfPassingTestsOfEveryClassBecomeOneFileTheRealServiceFulfils(@TempDir Path dir)
      throws Exception {
    EngineExecutionResults results =
        run(dir, true, EveryKindExample.class, SecondClassExample.class);

    results.testEvents().assertStatistics(s -> s.started(8).succeeded(6).failed(2));
    Path file = dir.resolve("web-echo.grpc.yaml");
    assertThat(file).exists();
    ContractFile contract = Contracts.load(file.toString()).get(0);
    assertThat(contract.consumer()).contains("web");
    assertThat(contract.provider()).contains("echo");
    assertThat(contract.interactions())
        .extracting(Interaction::name)
        .containsExactly(
            "EveryKindExample bidi(): Chat",
            "EveryKindExample clientStream(): Collect",
            "EveryKindExample error(): Fail",
            "EveryKindExample serverStream(): Repeat",
            "EveryKindExample unary(): Echo",
            "SecondClassExample anotherUnary(): Echo");
    String yaml = Files.readString(file);
    assertThat(yaml)
        .contains("    metadata:\n      x-tenant: acme\n")
        .contains("      - send:\n          text: hi\n      - expect:\n          text: HI\n")
        .contains("      - halfClose: true\n")
        .contains("    status: NOT_FOUND\n    description: gone\n")
        .doesNotContain("left out")
        .doesNotContain("unexpected");

    try (InProcessTarget target = InProcessTarget.start(new TestServiceImpl());
        GrpcClient client =
            GrpcClient.create(target.channel(), ProtoSchema.fromClasses(TestServiceGrpc.class))) {
      for (Interaction interaction : contract.interactions()) {
        VerificationResult result = ContractVerifier.verify(client, interaction);
        assertThat(result.passed()).as(result.describe()).isTrue();
      }
    }
  }

  @Test
  void testsWithOneDisplayNameAndNestedClassesGetNamesOfTheirOwn(@TempDir Path dir) {
    EngineExecutionResults results = run(dir, false, SameDisplayNamesAndNestedExample.class);

    EngineRunner.assertAllSucceeded(results, 3);
    ContractFile contract = Contracts.load(dir.resolve("app-echo.grpc.yaml").toString()).get(0);
    assertThat(contract.interactions())
        .extracting(Interaction::name)
        .containsExactlyInAnyOrder(
            "SameDisplayNamesAndNestedExample echoes: Echo",
            "SameDisplayNamesAndNestedExample echoes (2): Echo",
            "Inner fromANestedClass(): Echo");
    assertThat(dir.resolve(".fragments/app-echo"))
        .isDirectoryContaining(p -> p.getFileName().toString().endsWith("$Inner.json"));
  }

  @Test
  void runningAgainGivesTheSameBytesAndOneClassReplacesOnlyItsOwnPart(@TempDir Path dir)
      throws Exception {
    run(dir, true, EveryKindExample.class, SecondClassExample.class);
    String first = Files.readString(dir.resolve("web-echo.grpc.yaml"));

    run(dir, false, SecondClassExample.class);
    run(dir, false, EveryKindExample.class);

    assertThat(Files.readString(dir.resolve("web-echo.grpc.yaml"))).isEqualTo(first);
  }

  @Test
  void aNameThatCannotNameAFileIsAConfigurationErrorSayingWhatIsAllowed(@TempDir Path dir) {
    run(dir, false, BadNameExample.class)
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(BadNameExample.class),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(
                        m ->
                            m.contains("@GrpcConsumerContract on")
                                && m.contains("consumer name 'web/app' cannot name a contract file")
                                && m.contains("use letters, digits, '.' and '_'")))));
    assertThat(dir.resolve(".fragments")).doesNotExist();
  }

  @Test
  void fragmentsWrittenAtOnceFromManyThreadsAreAllKept(@TempDir Path dir) throws Exception {
    ProtoSchema schema = ProtoSchema.fromClasses(TestServiceGrpc.class);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Path>> writes = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String id = "Class" + i;
        writes.add(
            pool.submit(
                () ->
                    ConsumerContracts.write(
                        dir,
                        "web",
                        "echo",
                        id,
                        List.of(
                            ContractWriter.call(id + ": Echo", schema.method(SERVICE + "Echo"))
                                .request(EchoRequest.newBuilder().setText(id).build())))));
      }
      for (Future<Path> write : writes) {
        write.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(Contracts.load(dir.resolve("web-echo.grpc.yaml").toString()).get(0).interactions())
        .hasSize(24);
  }

  @Test
  void twoSourcesNamingOneInteractionAlikeIsAnErrorNamingBoth(@TempDir Path dir) {
    ProtoSchema schema = ProtoSchema.fromClasses(TestServiceGrpc.class);
    ConsumerContracts.write(
        dir,
        "web",
        "echo",
        "a.A",
        List.of(ContractWriter.call("x", schema.method(SERVICE + "Echo"))));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                ConsumerContracts.write(
                    dir,
                    "web",
                    "echo",
                    "b.B",
                    List.of(ContractWriter.call("x", schema.method(SERVICE + "Echo")))))
        .hasMessageContaining("name an interaction 'x': a.A and b.B")
        .hasMessageContaining("rename one test class or method");
  }
}
