package dev.grpccontract.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.testing.EchoRequest;
import dev.grpccontract.testing.EchoResponse;
import dev.grpccontract.testing.FailRequest;
import dev.grpccontract.testing.InProcessTarget;
import dev.grpccontract.testing.Item;
import dev.grpccontract.testing.Nested;
import dev.grpccontract.testing.TestServiceGrpc;
import dev.grpccontract.testing.TestServiceImpl;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the writer writes loads with the reader, fits the JSON schema, is the same bytes whatever
 * the order of calls and map entries, and verifies against the service it describes.
 */
class ContractWriterTest {

  private static final ProtoSchema SCHEMA = ProtoSchema.fromClasses(TestServiceGrpc.class);
  private static InProcessTarget target;
  private static GrpcClient client;

  @BeforeAll
  static void start() throws Exception {
    target = InProcessTarget.start(new TestServiceImpl());
    client = GrpcClient.create(target.channel(), SCHEMA);
  }

  @AfterAll
  static void stop() throws Exception {
    target.close();
  }

  private static MethodDescriptor method(String name) {
    return SCHEMA.findMethod("grpccontract.test.TestService/" + name).orElseThrow();
  }

  private static EchoRequest request(String text) {
    return EchoRequest.newBuilder().setText(text).build();
  }

  private static EchoResponse response(String text) {
    return EchoResponse.newBuilder().setText(text).build();
  }

  /** One call of each kind, the unary one with every sort of field, the map in {@code order}. */
  private static List<ContractWriter.Call> calls(boolean reversed) {
    EchoRequest.Builder rich =
        EchoRequest.newBuilder()
            .setText("ab")
            .setTimes(2)
            .setNested(Nested.newBuilder().setLabel("yes"))
            .addItems(Item.newBuilder().setSku("B-7").setQuantity(1))
            .setAt(Timestamp.newBuilder().setSeconds(1_700_000_000L))
            .setNote("a: note, with \"quotes\"");
    if (reversed) {
      rich.putCatalog("z", Item.newBuilder().setSku("Z").build());
      rich.putCatalog("a", Item.newBuilder().setSku("A").build());
    } else {
      rich.putCatalog("a", Item.newBuilder().setSku("A").build());
      rich.putCatalog("z", Item.newBuilder().setSku("Z").build());
    }
    List<ContractWriter.Call> calls = new ArrayList<>();
    calls.add(
        ContractWriter.call("echo twice", method("Echo"))
            .metadata("x-tenant", "acme")
            .deadline(Duration.ofSeconds(2))
            .request(rich.build())
            .response(EchoResponse.newBuilder().setText("abab").setRequest(rich.build()).build()));
    calls.add(
        ContractWriter.call("repeat three times", method("Repeat"))
            .request(EchoRequest.newBuilder().setText("x").setTimes(3).build())
            .response(response("x0"))
            .response(response("x1"))
            .response(response("x2")));
    calls.add(
        ContractWriter.call("collect two", method("Collect"))
            .request(request("a"))
            .request(request("b"))
            .response(response("ab")));
    calls.add(
        ContractWriter.call("chat", method("Chat"))
            .request(request("hi"))
            .response(response("HI"))
            .request(request("yo"))
            .response(response("YO"))
            .halfClose());
    calls.add(
        ContractWriter.call("fails not found", method("Fail"))
            .request(
                FailRequest.newBuilder().setCode("NOT_FOUND").setDescription("no order 7").build())
            .status(Status.Code.NOT_FOUND)
            .description("no order 7"));
    if (reversed) {
      java.util.Collections.reverse(calls);
    }
    return calls;
  }

  @Test
  void writesEveryCallKindSoTheReaderAndTheServiceAgree() {
    String yaml = ContractWriter.write("web", "orders", calls(false));

    ContractFile file = Contracts.parse("written.grpc.yaml", yaml);
    assertThat(file.consumer()).contains("web");
    assertThat(file.provider()).contains("orders");
    assertThat(file.check(SCHEMA)).isEmpty();
    assertThat(file.interactions())
        .extracting(Interaction::name)
        .containsExactly(
            "chat", "collect two", "echo twice", "fails not found", "repeat three times");
    for (Interaction interaction : file.interactions()) {
      VerificationResult result = ContractVerifier.verify(client, interaction);
      assertThat(result.passed()).as(interaction.name() + ":\n" + result.describe()).isTrue();
    }
  }

  @Test
  void writesReadableYamlWithStreamsAsListsAndBidiAsSteps() {
    String yaml = ContractWriter.write("web", "orders", calls(false));

    assertThat(yaml)
        .startsWith("# Written by grpc-contract")
        .contains("consumer: web\nprovider: orders\ninteractions:\n")
        .contains(
            "  - name: chat\n"
                + "    method: grpccontract.test.TestService/Chat\n"
                + "    steps:\n"
                + "      - send:\n"
                + "          text: hi\n"
                + "      - expect:\n"
                + "          text: HI\n")
        .contains("      - halfClose: true\n")
        .contains("    requests:\n      - text: a\n      - text: b\n")
        .contains("    responses:\n      - text: x0\n")
        .contains("    metadata:\n      x-tenant: acme\n    deadline: 2s\n")
        .contains("    status: NOT_FOUND\n    description: \"no order 7\"\n")
        .contains("label: \"yes\"")
        .contains("note: \"a: note, with \\\"quotes\\\"\"")
        .contains("at: \"2023-11-14T22:13:20Z\"");
  }

  @Test
  void theSameCallsInAnotherOrderGiveTheSameBytes() {
    assertThat(ContractWriter.write("web", "orders", calls(true)))
        .isEqualTo(ContractWriter.write("web", "orders", calls(false)));
  }

  @Test
  void writtenFilesFitTheJsonSchema() throws Exception {
    String yaml =
        ContractWriter.write(
            "web",
            "orders",
            List.of(
                ContractWriter.call("bad request", method("Fail"))
                    .request(FailRequest.newBuilder().setCode("INVALID_ARGUMENT").build())
                    .status(Status.Code.INVALID_ARGUMENT)
                    .errorDetail(
                        BadRequest.newBuilder()
                            .addFieldViolations(
                                BadRequest.FieldViolation.newBuilder()
                                    .setField("items[0].sku")
                                    .setDescription("must not be empty"))
                            .build())));
    List<String> all =
        new ArrayList<>(List.of(yaml, ContractWriter.write(null, null, calls(false))));

    for (String text : all) {
      assertThat(ContractSchemaTest.validate(text)).as(text).isEmpty();
      assertThat(Contracts.parse("schema.grpc.yaml", text).check(SCHEMA)).isEmpty();
    }
    assertThat(yaml)
        .contains(
            "    errorDetails:\n"
                + "      - \"@type\": google.rpc.BadRequest\n"
                + "        fieldViolations:\n"
                + "          - field: \"items[0].sku\"\n");
  }

  @Test
  void aWrittenErrorDetailIsCheckedAgainstTheCall() {
    String yaml =
        ContractWriter.write(
            "web",
            "orders",
            List.of(
                ContractWriter.call("bad request", method("Fail"))
                    .request(FailRequest.newBuilder().setCode("INVALID_ARGUMENT").build())
                    .status(Status.Code.INVALID_ARGUMENT)
                    .errorDetail(
                        BadRequest.newBuilder()
                            .addFieldViolations(
                                BadRequest.FieldViolation.newBuilder().setField("sku"))
                            .build())));

    VerificationResult result =
        ContractVerifier.verify(
            client, Contracts.parse("details.grpc.yaml", yaml).interactions().get(0));

    assertThat(result.passed()).isFalse();
    assertThat(result.describe()).contains("BadRequest");
  }

  @Test
  void twoCallsWithOneNameAreAnErrorNamingIt() {
    assertThatThrownBy(
            () ->
                ContractWriter.write(
                    "web",
                    "orders",
                    List.of(
                        ContractWriter.call("same", method("Echo")).request(request("a")),
                        ContractWriter.call("same", method("Echo")).request(request("b")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Two interactions are named 'same'")
        .hasMessageContaining("Give the calls different names");
  }

  @Test
  void aSecondRequestOfAUnaryCallIsRefused() {
    ContractWriter.Call call = ContractWriter.call("one", method("Echo")).request(request("a"));

    assertThatThrownBy(() -> call.request(request("b")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("takes one request; interaction 'one' already has one");
  }

  @Test
  void matchersAreWrittenSortedAndReadBackSoTheProviderIsComparedByThem() throws Exception {
    List<ContractWriter.Call> calls =
        List.of(
            ContractWriter.call("echo", method("Echo"))
                .request(request("ab").toBuilder().setTimes(2).build())
                .response(response("zzzz"))
                .matcher("text", "regex", java.util.Map.of("regex", "[a-z]{4}"))
                .matcher("request", "ignore", java.util.Map.of()),
            ContractWriter.call("repeat", method("Repeat"))
                .request(EchoRequest.newBuilder().setText("x").setTimes(2).build())
                .response(response("y0"))
                .response(response("y1"))
                .matcher("[*].text", "regex", java.util.Map.of("regex", "[a-z][0-9]")));

    String yaml = ContractWriter.write("web", "orders", calls);

    assertThat(yaml)
        .contains(
            "    response:\n"
                + "      text: zzzz\n"
                + "    matchers:\n"
                + "      request: ignore\n"
                + "      text:\n"
                + "        match: regex\n"
                + "        regex: \"[a-z]{4}\"\n")
        .contains("    matchers:\n      \"[*].text\":\n        match: regex\n");
    assertThat(ContractSchemaTest.validate(yaml)).isEmpty();
    ContractFile file = Contracts.parse("matchers.grpc.yaml", yaml);
    assertThat(file.check(SCHEMA)).isEmpty();
    for (Interaction interaction : file.interactions()) {
      VerificationResult result = ContractVerifier.verify(client, interaction);
      assertThat(result.passed()).as(interaction.name() + ":\n" + result.describe()).isTrue();
    }
    assertThat(ContractWriter.write("web", "orders", calls)).isEqualTo(yaml);
  }

  @Test
  void aMatcherTheAnswerBreaksFailsTheVerification() {
    String yaml =
        ContractWriter.write(
            "web",
            "orders",
            List.of(
                ContractWriter.call("echo", method("Echo"))
                    .request(request("ab"))
                    .response(response("AB"))
                    .matcher("text", "regex", java.util.Map.of("regex", "[A-Z]+"))
                    .matcher("request", "ignore", java.util.Map.of())));

    VerificationResult result =
        ContractVerifier.verify(
            client, Contracts.parse("broken.grpc.yaml", yaml).interactions().get(0));

    assertThat(result.passed()).isFalse();
    assertThat(result.describe()).contains("response.text: expected to match /[A-Z]+/");
  }

  @Test
  void aMatcherPathTheResponseLacksNamesTheClosestField() {
    ContractWriter.Call call = ContractWriter.call("echo", method("Echo")).response(response("a"));

    assertThatThrownBy(() -> call.matcher("txt", "type", java.util.Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("matcher path 'txt' does not fit grpccontract.test.EchoResponse")
        .hasMessageContaining("text");
    assertThatThrownBy(() -> call.matcher("text", "tipe", java.util.Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown matcher 'tipe'")
        .hasMessageContaining("type");
    assertThatThrownBy(
            () ->
                ContractWriter.call("repeat", method("Repeat"))
                    .matcher("text", "type", java.util.Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'[*].text' for every message");
  }

  @Test
  void matcherProblemsListWhatTheOwnExampleBreaks() {
    ContractWriter.Call call =
        ContractWriter.call("repeat", method("Repeat"))
            .response(response("a1"))
            .response(response("b"))
            .matcher("[*].text", "regex", java.util.Map.of("regex", "[a-z][0-9]"));

    assertThat(call.matcherProblems())
        .containsExactly("responses[1].text: expected to match /[a-z][0-9]/ but was \"b\"");
  }
}
