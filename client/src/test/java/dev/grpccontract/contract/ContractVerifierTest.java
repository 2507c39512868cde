package dev.grpccontract.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.testing.InProcessTarget;
import dev.grpccontract.testing.TestServiceGrpc;
import dev.grpccontract.testing.TestServiceImpl;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Verifies interactions of every call kind against the test service, passing and failing. */
class ContractVerifierTest {

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

  private static VerificationResult verify(String yaml) {
    ContractFile file = Contracts.parse("test.grpc.yaml", yaml);
    return ContractVerifier.verify(client, file.interactions().get(0));
  }

  @Test
  void unaryInteractionPasses() {
    VerificationResult result =
        verify(
            """
            interactions:
              - name: echo twice
                method: grpccontract.test.TestService/Echo
                request: {text: ab, times: 2}
                response:
                  text: abab
                  request: {text: ab, times: 2}
            """);

    assertThat(result.passed()).as(result.describe()).isTrue();
    assertThat(result.result()).isPresent();
  }

  @Test
  void unaryMismatchListsFieldPathsAndLocation() {
    VerificationResult result =
        verify(
            """
            interactions:
              - name: echo
                method: grpccontract.test.TestService/Echo
                request: {text: ab}
                response: {text: abc}
                matchers:
                  request: {match: ignore}
            """);

    assertThat(result.passed()).isFalse();
    assertThat(result.failures()).containsExactly("response.text: expected \"abc\" but was \"ab\"");
    assertThatThrownBy(result::assertPassed)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "Interaction 'echo' (grpccontract.test.TestService/Echo) at test.grpc.yaml:2")
        .hasMessageContaining("response.text: expected \"abc\" but was \"ab\"");
  }

  @Test
  void statusDescriptionAndTrailersAreChecked() {
    String yaml =
        """
        interactions:
          - name: not found
            method: grpccontract.test.TestService/Fail
            request: {code: NOT_FOUND, description: "no order 42", trailers: {x-reason: missing}}
            status: NOT_FOUND
            description: {contains: "order 42"}
            trailers:
              x-reason: missing
        """;
    assertThat(verify(yaml).passed()).as(verify(yaml).describe()).isTrue();

    VerificationResult wrong =
        verify(
            yaml.replace("status: NOT_FOUND", "status: OK")
                .replace("order 42\"}", "order 43\"}")
                .replace("x-reason: missing\n", "x-reason: {regex: '^gone$'}\n"));
    assertThat(wrong.failures())
        .containsExactly(
            "status: expected OK but was NOT_FOUND (\"no order 42\")",
            "description: expected a text containing \"order 43\" but was \"no order 42\"",
            "trailers.x-reason: expected a text matching /^gone$/ but was [missing]");
  }

  @Test
  void serverStreamComparesMessagesInOrderWithCounts() {
    String yaml =
        """
        interactions:
          - name: repeat
            method: grpccontract.test.TestService/Repeat
            request: {text: x, times: 3}
            responses:
              - {text: x0}
              - {text: x1}
            atLeast: 3
            matchers:
              "[*].text": {match: regex, regex: "x[0-9]"}
        """;
    assertThat(verify(yaml).passed()).as(verify(yaml).describe()).isTrue();

    VerificationResult exact = verify(yaml.replace("atLeast: 3", "count: 2"));
    assertThat(exact.failures()).containsExactly("responses: expected 2 messages but got 3");

    VerificationResult regex = verify(yaml.replace("x[0-9]", "y[0-9]"));
    assertThat(regex.failures())
        .containsExactly(
            "responses[0].text: expected to match /y[0-9]/ but was \"x0\"",
            "responses[1].text: expected to match /y[0-9]/ but was \"x1\"");
  }

  @Test
  void clientStreamSendsEveryRequest() {
    VerificationResult result =
        verify(
            """
            interactions:
              - name: collect
                method: grpccontract.test.TestService/Collect
                requests:
                  - {text: a}
                  - {text: b}
                  - {text: c}
                response: {text: abc}
            """);

    assertThat(result.passed()).as(result.describe()).isTrue();
  }

  @Test
  void bidiStepsSendExpectAndEnd() {
    String yaml =
        """
        interactions:
          - name: chat
            method: grpccontract.test.TestService/Chat
            steps:
              - send: {text: hi}
              - expect: {text: HI}
              - send: {text: there}
              - expect: {text: THERE}
              - halfClose: true
        """;
    assertThat(verify(yaml).passed()).as(verify(yaml).describe()).isTrue();

    VerificationResult wrong = verify(yaml.replace("{text: THERE}", "{text: There}"));
    assertThat(wrong.failures())
        .containsExactly("steps[3].expect.text: expected \"There\" but was \"THERE\"");
  }

  @Test
  void bidiFailureEndsWithItsStatus() {
    VerificationResult result =
        verify(
            """
            interactions:
              - name: told to fail
                method: grpccontract.test.TestService/Chat
                steps:
                  - send: {text: fail}
                status: FAILED_PRECONDITION
                description: told to fail
            """);

    assertThat(result.passed()).as(result.describe()).isTrue();
  }

  @Test
  void matchersLoosenTheComparison() {
    String yaml =
        """
        interactions:
          - name: matchers
            method: grpccontract.test.TestService/Echo
            request:
              text: order-17
              times: 1
              items: [{sku: A-1, quantity: 3}, {sku: B-22, quantity: 9}]
              nested: {label: n, item: {sku: Z}}
            response:
              text: order-1
              request:
                items: [{sku: X-0, quantity: 1}]
                nested: {label: other}
            matchers:
              text: {match: regex, regex: "order-[0-9]+"}
              request.times: {match: range, min: 1, max: 5}
              request.items: {match: eachLike, min: 2}
              request.items[*].sku: {match: regex, regex: "[A-Z]-[0-9]+"}
              request.nested: partial
              request.text: {match: include, value: "order"}
        """;
    VerificationResult result = verify(yaml);
    assertThat(result.failures())
        .containsExactly("response.request.nested.label: expected \"other\" but was \"n\"");

    VerificationResult loose = verify(yaml.replace("nested: {label: other}", "nested: {label: n}"));
    assertThat(loose.passed()).as(loose.describe()).isTrue();

    VerificationResult tooFew =
        verify(
            yaml.replace("nested: {label: other}", "nested: {label: n}")
                .replace("min: 2}", "min: 3}"));
    assertThat(tooFew.failures())
        .containsExactly("response.request.items: expected at least 3 elements but found 2");
  }

  @Test
  void wholeMessagePartialComparesOnlyGivenFields() {
    VerificationResult result =
        verify(
            """
            interactions:
              - name: partial
                method: grpccontract.test.TestService/Echo
                request: {text: hi, times: 1}
                response: {text: hi}
                matchers:
                  $: partial
            """);

    assertThat(result.passed()).as(result.describe()).isTrue();
  }

  @Test
  void typeMatcherNeedsPresenceOfMessageFields() {
    String yaml =
        """
        interactions:
          - name: typed
            method: grpccontract.test.TestService/Echo
            request: {text: hi}
            response: {text: whatever}
            matchers:
              text: type
              request: type
              request.nested: type
        """;
    VerificationResult result = verify(yaml);
    assertThat(result.failures())
        .containsExactly(
            "response.request.nested: expected a value of type grpccontract.test.Nested but it is not set");
  }

  @Test
  void schemaProblemsNameLineColumnAndTheFix() {
    ContractFile file =
        Contracts.parse(
            "bad.grpc.yaml",
            """
            interactions:
              - name: typo in method
                method: grpccontract.test.TestService/Ecko
              - name: bad field
                method: grpccontract.test.TestService/Echo
                request:
                  text: hi
                  itemz: []
              - name: bad value
                method: grpccontract.test.TestService/Echo
                request:
                  items:
                    - {sku: a, quantity: many}
              - name: unary given a list
                method: grpccontract.test.TestService/Repeat
                request: {text: a}
                response: {text: a0}
              - name: bad matcher path
                method: grpccontract.test.TestService/Echo
                response: {text: a}
                matchers:
                  txt: type
            """);

    List<ContractProblem> problems = file.check(client.schema());

    assertThat(problems).extracting(ContractProblem::line).containsExactly(3, 8, 13, 17, 22);
    assertThat(problems.get(0).toString())
        .startsWith("bad.grpc.yaml:3:13: No method 'grpccontract.test.TestService/Ecko'")
        .contains("grpccontract.test.TestService/Echo");
    assertThat(problems.get(1).toString())
        .startsWith(
            "bad.grpc.yaml:8:7: 'request' does not fit grpccontract.test.EchoRequest at field itemz")
        .contains(
            "Fix the contract: use the fields of grpccontract.test.EchoRequest (text, times,");
    assertThat(problems.get(2).toString())
        .startsWith(
            "bad.grpc.yaml:13:30: 'request' does not fit grpccontract.test.EchoRequest at field items[0].quantity");
    assertThat(problems.get(3).message())
        .isEqualTo(
            "'response' does not suit grpccontract.test.TestService/Repeat (server-streaming):"
                + " grpccontract.test.TestService/Repeat is server-streaming: give 'responses',"
                + " a list of the messages in order");
    assertThat(problems.get(4).message())
        .startsWith("matcher path 'txt' does not fit grpccontract.test.EchoResponse")
        .contains("text");
    assertThatThrownBy(() -> ContractVerifier.verify(client, file.interactions().get(1)))
        .isInstanceOf(ContractException.class)
        .hasMessageStartingWith(
            "Contract file bad.grpc.yaml has 5 problems:\n  bad.grpc.yaml:3:13:");
  }

  @Test
  void formatProblemsAreAllReportedAtOnce() {
    assertThatThrownBy(
            () ->
                Contracts.parse(
                    "format.grpc.yaml",
                    """
                    interactions:
                      - name: one
                        methd: a.B/C
                        stauts: OK
                      - name: two
                        method: a.B/C
                        request: {}
                        requests: []
                        matchers:
                          x: {match: regexp, regex: "a"}
                    """))
        .isInstanceOf(ContractException.class)
        .hasMessage(
            "Contract file format.grpc.yaml has 4 problems:\n"
                + "  format.grpc.yaml:3:5: unknown key 'methd' in an interaction; did you mean 'method'?\n"
                + "  format.grpc.yaml:4:5: unknown key 'stauts' in an interaction; did you mean 'status'?\n"
                + "  format.grpc.yaml:2:5: an interaction needs 'method:', e.g. method: orders.v1.OrderService/GetOrder\n"
                + "  format.grpc.yaml:8:5: give one of 'request' (unary, server stream), 'requests' (client stream) or 'steps' (bidi), not request and requests");
  }

  @Test
  void unknownMatcherAndStatusNameTheClosest() {
    ContractFile file =
        Contracts.parse(
            "names.grpc.yaml",
            """
            interactions:
              - name: one
                method: grpccontract.test.TestService/Echo
                status: NOT_FOUNDD
                response: {text: a}
                matchers:
                  text: {match: regexp, regex: a}
            """);

    assertThat(file.check(client.schema()))
        .extracting(ContractProblem::toString)
        .containsExactly(
            "names.grpc.yaml:4:13: unknown status 'NOT_FOUNDD'; did you mean NOT_FOUND? The codes are OK, CANCELLED, UNKNOWN, INVALID_ARGUMENT, DEADLINE_EXCEEDED, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED, RESOURCE_EXHAUSTED, FAILED_PRECONDITION, ABORTED, OUT_OF_RANGE, UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS, UNAUTHENTICATED",
            "names.grpc.yaml:7:21: unknown matcher 'regexp'; did you mean 'regex'? The matchers are equality, type, regex, range, include, eachLike, partial, notEmpty, ignore");
  }

  @Test
  void yamlSyntaxErrorHasItsPosition() {
    assertThatThrownBy(
            () -> Contracts.parse("syntax.grpc.yaml", "interactions:\n  - name: [unclosed\n"))
        .isInstanceOf(ContractException.class)
        .hasMessageStartingWith(
            "Contract file syntax.grpc.yaml has a problem:\n  syntax.grpc.yaml:3:1: not valid YAML");
  }

  @Test
  void aFileIsParsedOncePerContent() {
    String yaml = "interactions:\n  - name: a\n    method: grpccontract.test.TestService/Echo\n";
    assertThat(Contracts.parse("same.grpc.yaml", yaml))
        .isSameAs(Contracts.parse("same.grpc.yaml", yaml));
    assertThat(Contracts.parse("same.grpc.yaml", yaml + "    request: {}\n"))
        .isNotSameAs(Contracts.parse("same.grpc.yaml", yaml));
  }

  @Test
  void moreMistakesEachWithItsPositionAndFix() {
    ContractFile file =
        Contracts.parse(
            "more.grpc.yaml",
            """
            interactions:
              - name: regex on a message
                method: grpccontract.test.TestService/Echo
                response: {text: a}
                matchers:
                  request: {match: regex, regex: "x"}
              - name: detail of an unknown type
                method: grpccontract.test.TestService/Fail
                status: NOT_FOUND
                errorDetails:
                  - {"@type": google.rpc.BadRequst}
              - name: a deadline that is not one
                method: grpccontract.test.TestService/Echo
                deadline: soon
              - name: bidi given a response
                method: grpccontract.test.TestService/Chat
                steps:
                  - send: {text: a}
                    expect: {text: A}
            """);

    assertThat(file.check(client.schema()))
        .extracting(ContractProblem::toString)
        .satisfiesExactly(
            p ->
                assertThat(p)
                    .startsWith(
                        "more.grpc.yaml:6:7: matcher 'regex' needs a field with a single value; 'request' is not"),
            p ->
                assertThat(p)
                    .startsWith(
                        "more.grpc.yaml:11:9: unknown error detail type 'google.rpc.BadRequst'; did you mean 'google.rpc.BadRequest'?"),
            p ->
                assertThat(p)
                    .startsWith(
                        "more.grpc.yaml:14:15: deadline = \"soon\" is not a duration; write a number")
                    .contains("soon"),
            p ->
                assertThat(p)
                    .isEqualTo(
                        "more.grpc.yaml:18:9: a step does one thing: send, expect, halfClose or cancel; this one has send and expect"));
  }

  @Test
  void duplicateNamesAndMissingLocationsAreMistakes() {
    assertThatThrownBy(
            () ->
                Contracts.parse(
                    "twice.grpc.yaml",
                    """
                    interactions:
                      - {name: same, method: a.B/C}
                      - {name: same, method: a.B/D}
                    """))
        .hasMessageContaining(
            "twice.grpc.yaml:3:6: a second interaction named 'same'; names must be unique in a file");
    assertThatThrownBy(() -> Contracts.load("classpath:contracts/nothing-here.grpc.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "No contract files at 'classpath:contracts/nothing-here.grpc.yaml' (searched the classpath)");
  }

  @Test
  void locationsFindFilesDirectoriesAndGlobs() {
    assertThat(Contracts.load("classpath:contracts/broken/fine.grpc.yaml"))
        .extracting(ContractFile::name)
        .containsExactly("contracts/broken/fine.grpc.yaml");
    assertThat(
            Contracts.resolve(getClass().getClassLoader(), List.of("classpath:contracts/broken/")))
        .extracting(Contracts.Source::name)
        .containsExactly("contracts/broken/broken.grpc.yaml", "contracts/broken/fine.grpc.yaml");
    assertThat(
            Contracts.resolve(
                getClass().getClassLoader(), List.of("classpath:contracts/*ing.grpc.yaml")))
        .extracting(Contracts.Source::name)
        .containsExactly("contracts/failing.grpc.yaml");
    assertThat(
            Contracts.resolve(
                getClass().getClassLoader(), List.of("src/test/resources/contracts/broken")))
        .extracting(Contracts.Source::name)
        .containsExactly(
            "src/test/resources/contracts/broken/broken.grpc.yaml",
            "src/test/resources/contracts/broken/fine.grpc.yaml");
  }

  @Test
  void fieldsTheContractsSchemaDoesNotKnowCannotBreakIt() {
    GrpcClient older =
        GrpcClient.create(
            target.channel(),
            ProtoSchema.fromProtoFiles(
                List.of(java.nio.file.Paths.get("src/test/resources/protos/older")),
                List.of("testing_older.proto")));
    Interaction interaction =
        Contracts.parse(
                "older.grpc.yaml",
                """
                interactions:
                  - name: echo as an older client sees it
                    method: grpccontract.test.TestService/Echo
                    request: {text: ab}
                    response: {text: ab}
                """)
            .interactions()
            .get(0);

    VerificationResult result = ContractVerifier.verify(older, interaction);

    assertThat(result.passed()).as(result.describe()).isTrue();
    assertThat(
            ((dev.grpccontract.client.GrpcResponse) result.result().orElseThrow())
                .message()
                .getUnknownFields()
                .hasField(2))
        .as("the answer carries the field the older schema lacks")
        .isTrue();
  }
}
