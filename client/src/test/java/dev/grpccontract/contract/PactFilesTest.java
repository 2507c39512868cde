package dev.grpccontract.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.grpccontract.client.CallParams;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.client.GrpcResponse;
import dev.grpccontract.mock.GrpcMockServer;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.testing.EchoRequest;
import dev.grpccontract.testing.EchoResponse;
import dev.grpccontract.testing.FailRequest;
import dev.grpccontract.testing.InProcessTarget;
import dev.grpccontract.testing.SamplePact;
import dev.grpccontract.testing.TestServiceGrpc;
import dev.grpccontract.testing.TestServiceImpl;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pact V4 files of gRPC interactions: read, verified, written and read back. */
class PactFilesTest {

  private static InProcessTarget target;
  private static GrpcClient client;

  @BeforeAll
  static void start() throws Exception {
    target = InProcessTarget.start(new TestServiceImpl());
    client = GrpcClient.create(target.channel(), ProtoSchema.fromClasses(TestServiceGrpc.class));
  }

  @AfterAll
  static void stop() throws Exception {
    target.close();
  }

  private static final EchoRequest ECHO =
      EchoRequest.newBuilder().setText("ab").setTimes(2).build();

  /** A pact as the plugin writes one: an echo with states, metadata and rules, and an error. */
  static JsonObject samplePact(String textRegex) {
    JsonObject echo =
        SamplePact.interaction(
            "echo repeats the text",
            ".grpccontract.test.TestService/Echo",
            ECHO,
            EchoResponse.newBuilder().setText("abab").setRequest(ECHO).build());
    echo.add(
        "providerStates",
        JsonParser.parseString(
            "[{\"name\": \"the echo service is up\", \"params\": {\"region\": \"eu\","
                + " \"replicas\": 2}}]"));
    JsonObject request = echo.getAsJsonObject("request");
    request.getAsJsonObject("metadata").addProperty("x-tenant", "acme");
    JsonObject requestRules = new JsonObject();
    JsonObject requestBody = new JsonObject();
    requestBody.add("$.text", SamplePact.rule("{\"match\": \"type\"}"));
    requestRules.add("body", requestBody);
    request.add("matchingRules", requestRules);
    JsonObject rules = new JsonObject();
    JsonObject body = new JsonObject();
    body.add("$.text", SamplePact.rule("{\"match\": \"regex\", \"regex\": \"" + textRegex + "\"}"));
    body.add("$.request.times", SamplePact.rule("{\"match\": \"integer\"}"));
    rules.add("body", body);
    SamplePact.response(echo).add("matchingRules", rules);

    FailRequest fail =
        FailRequest.newBuilder()
            .setCode("NOT_FOUND")
            .setDescription("no order 42")
            .putTrailers("x-reason", "missing")
            .build();
    JsonObject notFound =
        SamplePact.interaction("a missing order is not found", "TestService/Fail", fail, null);
    notFound.getAsJsonObject("request").add("contents", SamplePact.contents(fail, false));
    JsonObject metadata = SamplePact.response(notFound).getAsJsonObject("metadata");
    metadata.addProperty("grpc-status", "NOT_FOUND");
    metadata.addProperty("grpc-message", "order 42");
    metadata.addProperty("x-reason", "missing");
    JsonObject metadataRules = new JsonObject();
    metadataRules.add("grpc-status", SamplePact.rule("{\"match\": \"equality\"}"));
    metadataRules.add(
        "grpc-message", SamplePact.rule("{\"match\": \"include\", \"value\": \"order 42\"}"));
    JsonObject errorRules = new JsonObject();
    errorRules.add("metadata", metadataRules);
    SamplePact.response(notFound).add("matchingRules", errorRules);
    return SamplePact.pact(echo, notFound);
  }

  @Test
  void readsThePluginsFormatAndVerifiesItAgainstTheService() {
    ContractFile file =
        Contracts.parse("pacts/web-test.json", SamplePact.text(samplePact("(ab)+")));

    assertThat(file.interactions())
        .extracting(Interaction::name, Interaction::method)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "echo repeats the text", "grpccontract.test.TestService/Echo"),
            org.assertj.core.groups.Tuple.tuple(
                "a missing order is not found", "grpccontract.test.TestService/Fail"));
    Interaction echo = file.interaction("echo repeats the text");
    assertThat(echo.given()).hasSize(1);
    assertThat(echo.given().get(0).name()).isEqualTo("the echo service is up");
    assertThat(echo.given().get(0).params())
        .containsExactly(Map.entry("region", "eu"), Map.entry("replicas", 2L));
    assertThat(file.schema()).as("the embedded descriptors").isPresent();
    assertThat(file.schema().get().findMethod("grpccontract.test.TestService/Chat")).isPresent();
    assertThat(
            InteractionExample.of(echo, client.schema())
                .metadata()
                .get(io.grpc.Metadata.Key.of("x-tenant", io.grpc.Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo("acme");

    for (Interaction interaction : file.interactions()) {
      VerificationResult result = ContractVerifier.verify(client, interaction);
      assertThat(result.passed()).as(result.describe()).isTrue();
    }
    // The same file verified with only its own descriptors as the schema: no .proto, no protoc.
    GrpcClient embedded = GrpcClient.create(target.channel(), file.schema().get());
    assertThat(ContractVerifier.verify(embedded, echo).passed()).isTrue();
  }

  @Test
  void theResponseRulesAndTheErrorMetadataAreChecked() {
    ContractFile file =
        Contracts.parse("pacts/web-test-wrong.json", SamplePact.text(samplePact("(ba)+")));

    VerificationResult echo = ContractVerifier.verify(client, file.interactions().get(0));
    assertThat(echo.failures())
        .containsExactly("response.text: expected to match /(ba)+/ but was \"abab\"");

    JsonObject pact = samplePact("(ab)+");
    JsonObject metadata =
        SamplePact.response(pact.getAsJsonArray("interactions").get(1).getAsJsonObject())
            .getAsJsonObject("metadata");
    metadata.addProperty("grpc-status", "ALREADY_EXISTS");
    metadata.addProperty("x-reason", "gone");
    ContractFile wrong = Contracts.parse("pacts/web-test-status.json", SamplePact.text(pact));
    assertThat(ContractVerifier.verify(client, wrong.interactions().get(1)).failures())
        .containsExactly(
            "status: expected ALREADY_EXISTS but was NOT_FOUND (\"no order 42\")",
            "trailers.x-reason: expected \"gone\" but was [missing]");
  }

  private static final String OURS =
      """
      service: grpccontract.test.TestService
      interactions:
        - name: echo repeats the text
          method: Echo
          given:
            - state: the echo service is up
              params: {region: eu, replicas: 2}
          metadata: {x-tenant: acme}
          request: {text: ab, times: 2, items: [{sku: A-1, quantity: 1}]}
          response:
            text: abab
            request: {text: ab, times: 2, items: [{sku: A-1, quantity: 1}]}
          matchers:
            text: {match: regex, regex: "(ab)+"}
            request.items: {match: type, min: 1}
            request.items[*].sku: {match: include, value: "A-"}
            request.times: notEmpty
        - name: echo is expected to shout
          method: Echo
          request: {text: quiet}
          response: {text: QUIET}
          matchers:
            request: ignore
        - name: a missing order is not found
          method: Fail
          request: {code: NOT_FOUND, description: no order 42, trailers: {x-reason: missing}}
          status: NOT_FOUND
          description: {contains: order 4}
          trailers:
            x-reason: {regex: "miss"}
        - name: the wrong status
          method: Fail
          request: {code: NOT_FOUND, description: no order 42}
          status: PERMISSION_DENIED
          description: no order 42
        - name: an empty answer is expected
          method: Echo
          request: {text: x}
          response: {}
      """;

  @Test
  void oursToPactAndBackGivesTheSameVerdicts() {
    ContractFile ours = Contracts.parse("ours.grpc.yaml", OURS);

    PactFiles.Written written =
        PactFiles.writer("web", "test").write(ours.interactions(), client.schema());
    ContractFile back = PactFiles.read("web-test.json", written.json());

    assertThat(written.skipped()).isEmpty();
    assertThat(written.interactionCount()).isEqualTo(5);
    assertThat(back.interactions())
        .extracting(Interaction::name)
        .containsExactlyElementsOf(ours.interactions().stream().map(Interaction::name).toList());
    assertThat(back.interactions().get(0).given().get(0).params())
        .isEqualTo(ours.interactions().get(0).given().get(0).params());
    List<List<String>> before = new ArrayList<>();
    List<List<String>> after = new ArrayList<>();
    for (int i = 0; i < ours.interactions().size(); i++) {
      before.add(ContractVerifier.verify(client, ours.interactions().get(i)).failures());
      after.add(ContractVerifier.verify(client, back.interactions().get(i)).failures());
    }
    assertThat(before.subList(0, 4))
        .as("the YAML contract's own verdicts")
        .containsExactly(
            List.of(),
            List.of("response.text: expected \"QUIET\" but was \"quiet\""),
            List.of(),
            List.of("status: expected PERMISSION_DENIED but was NOT_FOUND (\"no order 42\")"));
    assertThat(before.get(4)).as("an empty message is expected, and x is not empty").isNotEmpty();
    assertThat(after).isEqualTo(before);
  }

  @Test
  void writtenPactsAreDeterministicAndInThePluginsShape() {
    ContractFile ours = Contracts.parse("ours.grpc.yaml", OURS);
    PactFiles.Writer writer = PactFiles.writer("web", "test");

    String first = writer.write(ours.interactions(), client.schema()).json();
    String second = writer.write(ours.interactions(), client.schema()).json();

    assertThat(first).isEqualTo(second);
    JsonObject pact = JsonParser.parseString(first).getAsJsonObject();
    assertThat(pact.getAsJsonObject("consumer").get("name").getAsString()).isEqualTo("web");
    assertThat(pact.getAsJsonObject("provider").get("name").getAsString()).isEqualTo("test");
    assertThat(
            pact.getAsJsonObject("metadata")
                .getAsJsonObject("pactSpecification")
                .get("version")
                .getAsString())
        .isEqualTo("4.0");
    JsonObject plugin =
        pact.getAsJsonObject("metadata").getAsJsonArray("plugins").get(0).getAsJsonObject();
    assertThat(plugin.get("name").getAsString()).isEqualTo("protobuf");
    String key = plugin.getAsJsonObject("configuration").keySet().iterator().next();
    JsonObject echo = pact.getAsJsonArray("interactions").get(0).getAsJsonObject();
    assertThat(echo.get("type").getAsString()).isEqualTo("Synchronous/Messages");
    assertThat(echo.get("transport").getAsString()).isEqualTo("grpc");
    assertThat(
            echo.getAsJsonObject("pluginConfiguration")
                .getAsJsonObject("protobuf")
                .get("descriptorKey")
                .getAsString())
        .isEqualTo(key)
        .matches("[0-9a-f]{32}");
    assertThat(
            echo.getAsJsonObject("pluginConfiguration")
                .getAsJsonObject("protobuf")
                .get("service")
                .getAsString())
        .isEqualTo(".grpccontract.test.TestService/Echo");
    assertThat(
            echo.getAsJsonObject("request")
                .getAsJsonObject("contents")
                .get("contentType")
                .getAsString())
        .isEqualTo("application/protobuf;message=.grpccontract.test.EchoRequest");
    JsonObject body =
        SamplePact.response(echo).getAsJsonObject("matchingRules").getAsJsonObject("body");
    assertThat(body.keySet())
        .containsExactly("$.request.items", "$.request.items[*].sku", "$.request.times", "$.text");
    assertThat(body.getAsJsonObject("$.request.items").getAsJsonArray("matchers").get(0).toString())
        .isEqualTo("{\"match\":\"type\",\"min\":1}");
    JsonObject error = pact.getAsJsonArray("interactions").get(2).getAsJsonObject();
    assertThat(
            SamplePact.response(error).getAsJsonObject("metadata").get("grpc-status").getAsString())
        .isEqualTo("NOT_FOUND");
    assertThat(SamplePact.response(error).has("contents")).as("an error has no message").isFalse();
  }

  @Test
  void streamingInteractionsAreRefusedOrSkippedWithTheReason() {
    ContractFile ours =
        Contracts.parse(
            "streams.grpc.yaml",
            """
            service: grpccontract.test.TestService
            interactions:
              - name: echo
                method: Echo
                request: {text: a}
                response: {text: a}
              - name: repeat
                method: Repeat
                request: {text: x, times: 1}
                responses: [{text: x0}]
              - name: chat
                method: Chat
                steps:
                  - send: {text: hi}
                  - expect: {text: HI}
            """);
    PactFiles.Writer writer = PactFiles.writer("web", "test");

    assertThatThrownBy(() -> writer.write(ours.interactions(), client.schema()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot write 2 interactions in the Pact protobuf plugin's format:")
        .hasMessageContaining(
            "'repeat' (streams.grpc.yaml:7): server-streaming methods cannot be written")
        .hasMessageContaining("'chat' (streams.grpc.yaml:11): bidirectional-streaming methods")
        .hasMessageContaining("call skippingUnsupported()");

    PactFiles.Written written =
        writer.skippingUnsupported().write(ours.interactions(), client.schema());
    assertThat(written.interactionCount()).isEqualTo(1);
    assertThat(written.skipped())
        .extracting(s -> s.interaction().name())
        .containsExactly("repeat", "chat");
    assertThat(written.skipped().get(0).reason()).contains("does not support gRPC streaming");
    assertThat(PactFiles.read("web-test.json", written.json()).interactions())
        .extracting(Interaction::name)
        .containsExactly("echo");
  }

  @Test
  void contractsLoadReadsJsonFilesAsPacts(@TempDir Path dir) throws Exception {
    ContractFile ours = Contracts.parse("ours.grpc.yaml", OURS);
    Path file =
        PactFiles.writer("web", "orders").write(ours.interactions(), client.schema()).writeTo(dir);

    assertThat(file.getFileName().toString()).isEqualTo("web-orders.json");
    List<ContractFile> loaded = Contracts.load(file.toString());
    assertThat(loaded).hasSize(1);
    assertThat(loaded.get(0).interactions()).hasSize(5);
    assertThat(loaded.get(0).schema()).isPresent();
    assertThat(Files.readString(file)).startsWith("{\n  \"consumer\": {\n    \"name\": \"web\"");
  }

  @Test
  void aMockServesAPact(@TempDir Path dir) throws Exception {
    Path pact = dir.resolve("web-test.json");
    Files.writeString(pact, SamplePact.text(samplePact("(ab)+")));

    try (GrpcMockServer mock = GrpcMockServer.start(client.schema())) {
      mock.load(pact.toString());
      GrpcClient consumer = GrpcClient.create(mock.channel(), client.schema());

      GrpcResponse echo =
          consumer.invoke(
              "grpccontract.test.TestService/Echo",
              ECHO,
              CallParams.withMetadata("x-tenant", "acme"));
      assertThat(echo.status().getCode()).as(echo.toString()).isEqualTo(Status.Code.OK);
      assertThat(echo.json()).contains("\"text\": \"abab\"");
      GrpcResponse notFound =
          consumer.invoke(
              "grpccontract.test.TestService/Fail",
              "{\"code\": \"NOT_FOUND\", \"description\": \"no order 42\","
                  + " \"trailers\": {\"x-reason\": \"missing\"}}");
      assertThat(notFound.status().getCode()).isEqualTo(Status.Code.NOT_FOUND);
      assertThat(notFound.status().getDescription()).isEqualTo("order 42");
      mock.verifyNoUnexpectedCalls();
    }
  }

  // ------------------------------------------------------------------ bad input

  private static String problem(JsonObject pact) {
    try {
      Contracts.parse("pacts/bad.json", SamplePact.text(pact));
    } catch (ContractException e) {
      return e.getMessage();
    }
    throw new AssertionError("the pact was accepted");
  }

  @Test
  void anInteractionOfAnotherTypeIsRefusedWithItsPath() {
    JsonObject pact = samplePact("(ab)+");
    JsonObject http = new JsonObject();
    http.addProperty("description", "an http call");
    http.addProperty("type", "Synchronous/HTTP");
    pact.getAsJsonArray("interactions").add(http);

    assertThat(problem(pact))
        .startsWith("Contract file pacts/bad.json has a problem:\n  pacts/bad.json:")
        .contains(
            ": interactions[2].type is 'Synchronous/HTTP': grpc-contract reads the gRPC"
                + " interactions of the Pact protobuf plugin, of type 'Synchronous/Messages' with"
                + " transport 'grpc'. Verify Synchronous/HTTP interactions with a Pact verifier");
  }

  @Test
  void missingDescriptorsAreNamedWithTheKeyAndTheFix() {
    JsonObject pact = samplePact("(ab)+");
    pact.getAsJsonObject("metadata").remove("plugins");

    String message = problem(pact);
    assertThat(message)
        .contains("Contract file pacts/bad.json has 2 problems:")
        .contains(
            "the descriptors '"
                + SamplePact.key()
                + "' are not in the file: metadata.plugins[name=protobuf].configuration['"
                + SamplePact.key()
                + "'].protoDescriptors is missing (the file has no protobuf plugin configuration"
                + " at all). Publish the pact as the protobuf plugin wrote it");
    assertThat(message.lines().filter(l -> l.contains("pacts/bad.json:")).toList())
        .as("each problem has its line and column")
        .allMatch(l -> l.matches("  pacts/bad\\.json:\\d+:\\d+: .*"));
  }

  @Test
  void aMessageTypeTheDescriptorsLackIsNamed() {
    JsonObject pact = samplePact("(ab)+");
    pact.getAsJsonArray("interactions")
        .get(0)
        .getAsJsonObject()
        .getAsJsonObject("request")
        .getAsJsonObject("contents")
        .addProperty("contentType", "application/protobuf;message=.grpccontract.test.EchoRequst");

    assertThat(problem(pact))
        .contains(
            "interactions[0].request.contents.contentType names message type"
                + " 'grpccontract.test.EchoRequst', which the embedded descriptors do not have;"
                + " did you mean 'grpccontract.test.EchoRequest'?");
  }

  @Test
  void unsupportedPiecesNameTheirPactKeyPath() {
    JsonObject pact = samplePact("(ab)+");
    JsonObject echo = pact.getAsJsonArray("interactions").get(0).getAsJsonObject();
    SamplePact.response(echo)
        .getAsJsonObject("matchingRules")
        .getAsJsonObject("body")
        .add("$.text", SamplePact.rule("{\"match\": \"datetime\", \"format\": \"yyyy\"}"));
    pact.getAsJsonObject("metadata")
        .getAsJsonObject("pactSpecification")
        .addProperty("version", "3.0.0");

    assertThat(problem(pact))
        .contains(
            "metadata.pactSpecification.version is 3.0.0: gRPC interactions are a Pact V4 feature")
        .contains(
            "interactions[0].response[0].matchingRules.body['$.text']: matcher 'datetime' has no"
                + " counterpart in grpc-contract; use one of type, regex, equality, include,"
                + " number, integer, decimal, boolean, notEmpty, eachValue (a regex matcher"
                + " describes a date or time format), or drop the rule");
  }

  @Test
  void aStreamingMethodIsRefusedWithTheFix() {
    JsonObject pact =
        SamplePact.pact(
            SamplePact.interaction(
                "repeat",
                ".grpccontract.test.TestService/Repeat",
                ECHO,
                EchoResponse.newBuilder().setText("ab0").build()));

    assertThat(problem(pact))
        .contains(
            "interactions[0].pluginConfiguration.protobuf.service names"
                + " grpccontract.test.TestService.Repeat, a streaming method; the protobuf"
                + " plugin's interactions are unary (one request, one response), so this pact"
                + " cannot describe a call of it. Keep streaming contracts in *.grpc.yaml files");
  }

  @Test
  void textThatIsNotJsonIsReportedAsSuch() {
    assertThatThrownBy(() -> Contracts.parse("pacts/bad.json", "{\"consumer\": "))
        .isInstanceOf(ContractException.class)
        .hasMessageStartingWith(
            "Contract file pacts/bad.json has a problem:\n  pacts/bad.json: not valid JSON:")
        .hasMessageContaining("A Pact file is a JSON object");
  }
}
