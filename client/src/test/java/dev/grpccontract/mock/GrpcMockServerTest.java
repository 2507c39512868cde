package dev.grpccontract.mock;

import static dev.grpccontract.mock.ReplyMatcher.eachLike;
import static dev.grpccontract.mock.ReplyMatcher.ignore;
import static dev.grpccontract.mock.ReplyMatcher.regex;
import static dev.grpccontract.mock.ReplyMatcher.type;
import static dev.grpccontract.mock.Stubbing.anyRequest;
import static dev.grpccontract.mock.Stubbing.atLeast;
import static dev.grpccontract.mock.Stubbing.conversation;
import static dev.grpccontract.mock.Stubbing.equalToJson;
import static dev.grpccontract.mock.Stubbing.fieldMatching;
import static dev.grpccontract.mock.Stubbing.fieldSet;
import static dev.grpccontract.mock.Stubbing.json;
import static dev.grpccontract.mock.Stubbing.messages;
import static dev.grpccontract.mock.Stubbing.method;
import static dev.grpccontract.mock.Stubbing.never;
import static dev.grpccontract.mock.Stubbing.partialJson;
import static dev.grpccontract.mock.Stubbing.status;
import static dev.grpccontract.mock.Stubbing.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.BadRequest;
import dev.grpccontract.client.BidiStream;
import dev.grpccontract.client.CallParams;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.client.GrpcResponse;
import dev.grpccontract.client.StreamResponse;
import dev.grpccontract.contract.ContractFile;
import dev.grpccontract.contract.ContractVerifier;
import dev.grpccontract.contract.Contracts;
import dev.grpccontract.contract.Interaction;
import dev.grpccontract.contract.VerificationResult;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.testing.TestServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mock server without JUnit: stubs, matchers, replies of every call kind, verification. */
class GrpcMockServerTest {

  static final ProtoSchema SCHEMA = ProtoSchema.fromClasses(TestServiceGrpc.class);
  static final String ECHO = "grpccontract.test.TestService/Echo";
  static final String REPEAT = "grpccontract.test.TestService/Repeat";
  static final String COLLECT = "grpccontract.test.TestService/Collect";
  static final String CHAT = "grpccontract.test.TestService/Chat";

  GrpcMockServer mock;
  GrpcClient client;

  @BeforeEach
  void start() {
    mock = GrpcMockServer.start(SCHEMA);
    client = GrpcClient.create(mock.channel(), SCHEMA);
  }

  @AfterEach
  void stop() {
    client.close();
    mock.close();
  }

  @Test
  void aPartialJsonStubAnswersMatchingUnaryCalls() {
    mock.stubFor(
        method(ECHO)
            .withRequest(partialJson("{\"text\": \"42\"}"))
            .willReturn(json("{\"text\": \"found\"}")));

    GrpcResponse response = client.invoke(ECHO, "{\"text\": \"42\", \"times\": 3}");

    assertThat(response.status().getCode()).isEqualTo(Status.Code.OK);
    assertThat(response.field("text")).isEqualTo("found");
    assertThat(mock.calls()).hasSize(1);
    assertThat(mock.calls().get(0).stub()).isPresent();
  }

  @Test
  void exactRegexAndTypeMatchersEachChooseTheirStub() {
    mock.stubFor(
        method(ECHO)
            .withRequest(equalToJson("{\"text\": \"a\"}"))
            .willReturn(json("{\"text\": \"exact\"}")));
    mock.stubFor(
        method(ECHO)
            .withRequest(fieldMatching("text", "o-[0-9]+"))
            .willReturn(json("{\"text\": \"regex\"}")));
    mock.stubFor(
        method(ECHO).withRequest(fieldSet("nested.item")).willReturn(json("{\"text\": \"type\"}")));
    mock.stubFor(
        method(ECHO)
            .withRequest(fieldMatching("color", "GREEN"))
            .willReturn(json("{\"text\": \"enum\"}")));

    assertThat(client.invoke(ECHO, "{\"text\": \"a\"}").field("text")).isEqualTo("exact");
    assertThat(client.invoke(ECHO, "{\"text\": \"o-17\"}").field("text")).isEqualTo("regex");
    assertThat(client.invoke(ECHO, "{\"nested\": {\"item\": {}}}").field("text")).isEqualTo("type");
    assertThat(client.invoke(ECHO, "{\"color\": \"GREEN\"}").field("text")).isEqualTo("enum");
    // exact means exact: one more field and the exact stub no longer matches
    assertThat(client.invoke(ECHO, "{\"text\": \"a\", \"times\": 1}").status().getCode())
        .isEqualTo(Status.Code.UNIMPLEMENTED);
  }

  @Test
  void metadataMattersToTheStubThatAsksForIt() {
    mock.stubFor(
        method(ECHO).withMetadata("x-tenant", "acme").willReturn(json("{\"text\": \"acme\"}")));
    mock.stubFor(
        method(ECHO).withMetadataMatching("x-tenant", "b.*").willReturn(json("{\"text\": \"b\"}")));

    assertThat(client.invoke(ECHO, "{}", CallParams.withMetadata("x-tenant", "acme")).field("text"))
        .isEqualTo("acme");
    assertThat(client.invoke(ECHO, "{}", CallParams.withMetadata("x-tenant", "bert")).field("text"))
        .isEqualTo("b");
    GrpcResponse none = client.invoke(ECHO, "{}");
    assertThat(none.status().getDescription())
        .contains("metadata x-tenant: expected a value matching /b.*/ but there is none");
  }

  @Test
  void aDeadlineMatcherTurnsAwayCallsWithTooLongADeadline() {
    mock.stubFor(
        method(ECHO)
            .withDeadlineAtMost(Duration.ofSeconds(2))
            .willReturn(json("{\"text\": \"quick\"}")));

    GrpcResponse bounded =
        client.invoke(ECHO, "{}", CallParams.withDeadline(Duration.ofSeconds(1)));
    GrpcResponse tooLong =
        client.invoke(ECHO, "{}", CallParams.withDeadline(Duration.ofSeconds(30)));

    assertThat(bounded.field("text")).isEqualTo("quick");
    assertThat(tooLong.status().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    assertThat(tooLong.status().getDescription()).contains("deadline: expected at most PT2S but");
    assertThat(mock.calls().get(0).deadline())
        .get()
        .matches(d -> d.compareTo(Duration.ofSeconds(1)) <= 0);
    mock.verify(method(ECHO).withDeadlineAtMost(Duration.ofSeconds(2)), times(1));
  }

  @Test
  void aScenarioAnswersTheSameCallDifferentlyAfterAnother() {
    mock.stubFor(
        method(ECHO)
            .inScenario("order")
            .whenScenarioStateIs(Stubbing.STARTED)
            .withRequest(partialJson("{\"text\": \"ship\"}"))
            .willSetStateTo("shipped")
            .willReturn(json("{\"text\": \"shipping\"}")));
    mock.stubFor(
        method(ECHO)
            .inScenario("order")
            .whenScenarioStateIs(Stubbing.STARTED)
            .withRequest(partialJson("{\"text\": \"state\"}"))
            .willReturn(json("{\"text\": \"open\"}")));
    mock.stubFor(
        method(ECHO)
            .inScenario("order")
            .whenScenarioStateIs("shipped")
            .withRequest(partialJson("{\"text\": \"state\"}"))
            .willReturn(json("{\"text\": \"shipped\"}")));

    assertThat(client.invoke(ECHO, "{\"text\": \"state\"}").field("text")).isEqualTo("open");
    assertThat(client.invoke(ECHO, "{\"text\": \"ship\"}").field("text")).isEqualTo("shipping");
    assertThat(mock.scenarioState("order")).isEqualTo("shipped");
    assertThat(client.invoke(ECHO, "{\"text\": \"state\"}").field("text")).isEqualTo("shipped");
    assertThatThrownBy(() -> method(ECHO).willSetStateTo("x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a scenario: write inScenario(\"name\").willSetStateTo(...)");

    mock.reset();
    assertThat(mock.scenarioState("order")).isEqualTo(Stubbing.STARTED);
    mock.stubFor(
        method(ECHO).inScenario("order").whenScenarioStateIs("shipped").willReturn(json("{}")));
    assertThat(client.invoke(ECHO, "{}").status().getDescription())
        .contains("scenario \"order\": expected state \"shipped\" but it is \"Started\"");
  }

  @Test
  void theLowestPriorityNumberWinsThenTheLatestStub() {
    mock.stubFor(method(ECHO).atPriority(1).willReturn(json("{\"text\": \"first\"}")));
    mock.stubFor(method(ECHO).willReturn(json("{\"text\": \"default\"}")));
    assertThat(client.invoke(ECHO, "{}").field("text")).isEqualTo("first");

    mock.reset();
    mock.stubFor(method(ECHO).willReturn(json("{\"text\": \"old\"}")));
    mock.stubFor(method(ECHO).willReturn(json("{\"text\": \"new\"}")));
    assertThat(client.invoke(ECHO, "{}").field("text")).isEqualTo("new");
  }

  @Test
  void anUnmatchedCallIsUnimplementedWithTheDiffAgainstTheClosestStub() {
    mock.stubFor(
        method(ECHO)
            .named("echo of ab")
            .withRequest(partialJson("{\"text\": \"ab\", \"times\": 2}"))
            .willReturn(json("{\"text\": \"abab\"}")));
    mock.stubFor(
        method(ECHO)
            .withRequest(partialJson("{\"text\": \"zz\", \"color\": \"RED\", \"times\": 9}"))
            .willReturn(json("{}")));

    GrpcResponse response = client.invoke(ECHO, "{\"text\": \"ab\", \"times\": 3}");

    assertThat(response.status().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    assertThat(response.status().getDescription())
        .contains("the closest, echo of ab, differs")
        .contains("request.times: expected 2 but was 3");
    assertThat(client.serverStream(REPEAT, "{}").status().getDescription())
        .contains("the mock has no stub for " + REPEAT)
        .contains("it has stubs for " + ECHO);
    assertThatThrownBy(mock::verifyNoUnexpectedCalls)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("The mock received 2 calls no stub answered")
        .hasMessageContaining(ECHO + " {\"text\":\"ab\",\"times\":3}")
        .hasMessageContaining("request.times: expected 2 but was 3");
  }

  @Test
  void anErrorReplyCarriesDescriptionRichDetailsAndTrailers() {
    BadRequest badRequest =
        BadRequest.newBuilder()
            .addFieldViolations(
                BadRequest.FieldViolation.newBuilder()
                    .setField("text")
                    .setDescription("must not be empty"))
            .build();
    mock.stubFor(
        method(ECHO)
            .willReturn(
                status(Status.Code.INVALID_ARGUMENT, "text is empty")
                    .withErrorDetails(badRequest)
                    .withErrorDetailsJson(
                        "{\"@type\": \"google.rpc.ErrorInfo\", \"reason\": \"EMPTY\"}")
                    .withTrailer("x-request-id", "r-1")));

    GrpcResponse response = client.invoke(ECHO, "{}");

    assertThat(response.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(response.status().getDescription()).isEqualTo("text is empty");
    assertThat(response.errorDetails()).isPresent();
    assertThat(response.errorDetails().get().getDetailsList()).hasSize(2);
    assertThat(response.errorDetails().get().getDetails(0).getTypeUrl())
        .endsWith("google.rpc.BadRequest");
    assertThat(
            response
                .trailers()
                .get(Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo("r-1");
  }

  @Test
  void aDelayedReplyRunsIntoTheCallersDeadline() {
    mock.stubFor(
        method(ECHO).willReturn(json("{\"text\": \"late\"}").delayedBy(Duration.ofSeconds(30))));

    GrpcResponse response =
        client.invoke(ECHO, "{}", CallParams.withDeadline(Duration.ofMillis(200)));

    assertThat(response.status().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
  }

  @Test
  void aServerStreamSendsItsMessagesWithPausesAndCanFailMidStream() {
    mock.stubFor(
        method(REPEAT)
            .withRequest(partialJson("{\"text\": \"ok\"}"))
            .willReturn(
                messages("{\"text\": \"x0\"}", "{\"text\": \"x1\"}")
                    .thenDelay(Duration.ofMillis(20))
                    .thenJson("{\"text\": \"x2\"}")));
    mock.stubFor(
        method(REPEAT)
            .withRequest(partialJson("{\"text\": \"fail\"}"))
            .willReturn(
                messages("{\"text\": \"y0\"}")
                    .thenStatus(Status.Code.UNAVAILABLE, "gone mid-stream")));

    StreamResponse fine = client.serverStream(REPEAT, "{\"text\": \"ok\"}");
    StreamResponse broken = client.serverStream(REPEAT, "{\"text\": \"fail\"}");

    assertThat(fine.status().getCode()).isEqualTo(Status.Code.OK);
    assertThat(fine.json()).hasSize(3);
    assertThat(fine.message(2).toString()).contains("x2");
    assertThat(broken.status().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(broken.status().getDescription()).isEqualTo("gone mid-stream");
    assertThat(broken.messageCount()).isEqualTo(1);
  }

  @Test
  void aClientStreamIsAnsweredAfterTheClientsMessages() {
    mock.stubFor(
        method(COLLECT)
            .withRequests(partialJson("{\"text\": \"a\"}"), partialJson("{\"text\": \"b\"}"))
            .willReturn(json("{\"text\": \"ab\"}")));

    GrpcResponse response = client.clientStream(COLLECT, "{\"text\": \"a\"}", "{\"text\": \"b\"}");
    GrpcResponse tooMany =
        client.clientStream(COLLECT, "{\"text\": \"a\"}", "{\"text\": \"b\"}", "{\"text\": \"c\"}");

    assertThat(response.field("text")).isEqualTo("ab");
    assertThat(tooMany.status().getDescription())
        .contains("requests: expected 2 messages but the client sent 3");
  }

  @Test
  void aBidiConversationAnswersEachRequestAndEndsOnHalfClose() {
    mock.stubFor(
        method(CHAT)
            .willConverse(
                conversation()
                    .atStart(json("{\"text\": \"welcome\"}"))
                    .on(partialJson("{\"text\": \"hi\"}"), json("{\"text\": \"HI\"}"))
                    .on(anyRequest(), json("{\"text\": \"?\"}"))
                    .onHalfClose(json("{\"text\": \"bye\"}").thenStatus(Status.Code.OK, "done"))));

    try (BidiStream stream = client.bidiStream(CHAT)) {
      assertThat(stream.receive(Duration.ofSeconds(5)).toString()).contains("welcome");
      stream.send("{\"text\": \"hi\"}");
      assertThat(stream.receive(Duration.ofSeconds(5)).toString()).contains("HI");
      stream.send("{\"text\": \"what\"}");
      assertThat(stream.receive(Duration.ofSeconds(5)).toString()).contains("?");
      stream.halfClose();
      StreamResponse end = stream.awaitCompletion(Duration.ofSeconds(5));
      assertThat(end.status().getCode()).isEqualTo(Status.Code.OK);
      assertThat(end.status().getDescription()).isEqualTo("done");
      assertThat(end.json().get(end.json().size() - 1)).contains("bye");
    }
    assertThat(mock.calls().get(0).requests()).hasSize(2);
  }

  @Test
  void aBidiRequestNoRuleMatchesIsUnexpected() {
    mock.stubFor(
        method(CHAT)
            .willConverse(
                conversation().on(partialJson("{\"text\": \"hi\"}"), json("{\"text\": \"HI\"}"))));

    try (BidiStream stream = client.bidiStream(CHAT)) {
      stream.send("{\"text\": \"ho\"}");
      stream.halfClose();
      assertThat(stream.awaitCompletion(Duration.ofSeconds(5)).status().getCode())
          .isEqualTo(Status.Code.OK);
    }
    assertThatThrownBy(mock::verifyNoUnexpectedCalls)
        .hasMessageContaining("requests[0] of the conversation")
        .hasMessageContaining("requests[0].text: expected \"hi\" but was \"ho\"");
  }

  @Test
  void aConversationWaitingForARequestTheClientNeverSendsEndsWithTheReason() {
    mock.idleLimit(Duration.ofMillis(200));
    mock.stubFor(
        method(CHAT)
            .named("chat")
            .willConverse(
                conversation().on(partialJson("{\"text\": \"hi\"}"), json("{\"text\": \"HI\"}"))));

    try (BidiStream stream = client.bidiStream(CHAT)) {
      stream.send("{\"text\": \"hi\"}");
      assertThat(stream.receive(Duration.ofSeconds(5)).toString()).contains("HI");
      // the test waits for a second answer that no rule sends, and never half-closes
      StreamResponse end = stream.awaitCompletion(Duration.ofSeconds(5));
      assertThat(end.status().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(end.status().getDescription())
          .contains("waited PT0.2S for the client's next request or half-close after 1 requests")
          .contains("the client and the mock wait for each other");
    }
    assertThat(mock.unexpectedCalls()).hasSize(1);
  }

  @Test
  void aMethodNotInTheSchemaIsAnErrorNamingTheClosest() {
    assertThatThrownBy(
            () -> mock.stubFor(method("grpccontract.test.TestService/Ecko").willReturn(json("{}"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No method 'grpccontract.test.TestService/Ecko'")
        .hasMessageContaining("Closest: " + ECHO);
  }

  @Test
  void jsonThatDoesNotFitIsAnErrorNamingTheFieldPath() {
    assertThatThrownBy(
            () ->
                mock.stubFor(
                    method(ECHO)
                        .withRequest(partialJson("{\"items\": [{\"quantity\": \"many\"}]}"))
                        .willReturn(json("{}"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at field items[0].quantity");
    assertThatThrownBy(() -> mock.stubFor(method(ECHO).willReturn(json("{\"txet\": \"a\"}"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("grpccontract.test.EchoResponse")
        .hasMessageContaining("txet");
  }

  @Test
  void aMatcherOnAPathTheTypeLacksIsAnErrorNamingTheClosestField() {
    assertThatThrownBy(
            () ->
                mock.stubFor(
                    method(ECHO)
                        .withRequest(fieldMatching("nested.lable", "x"))
                        .willReturn(json("{}"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the path does not fit grpccontract.test.EchoRequest")
        .hasMessageContaining("label");
    assertThatThrownBy(
            () ->
                mock.stubFor(
                    method(ECHO).withRequest(fieldMatching("nested", "x")).willReturn(json("{}"))))
        .hasMessageContaining("a regular expression needs a field with a single value");
  }

  @Test
  void anAnswerThatDoesNotSuitTheCallKindIsAnError() {
    assertThatThrownBy(() -> mock.stubFor(method(ECHO).willReturn(messages("{}", "{}"))))
        .hasMessageContaining(ECHO + " answers one message, but the reply sends 2");
    assertThatThrownBy(
            () -> mock.stubFor(method(CHAT).withRequest(anyRequest()).willReturn(json("{}"))))
        .hasMessageContaining("put request matchers in its conversation");
    assertThatThrownBy(() -> mock.stubFor(method(ECHO).withRequest(anyRequest())))
        .hasMessageContaining("has no answer");
    assertThatThrownBy(
            () ->
                mock.stubFor(
                    method(ECHO)
                        .willReturn(json("{}").withErrorDetails(BadRequest.getDefaultInstance()))))
        .hasMessageContaining("error details go with an error status");
  }

  @Test
  void verifyCountsMatchingCallsAndListsTheOthers() {
    mock.stubFor(method(ECHO).willReturn(json("{}")));
    client.invoke(ECHO, "{\"text\": \"a\"}");
    client.invoke(ECHO, "{\"text\": \"a\"}");
    client.invoke(ECHO, "{\"text\": \"b\"}");

    mock.verify(method(ECHO).withRequest(partialJson("{\"text\": \"a\"}")), times(2));
    mock.verify(method(ECHO), atLeast(3));
    mock.verify(method(REPEAT), never());
    assertThatThrownBy(
            () -> mock.verify(method(ECHO).withRequest(partialJson("{\"text\": \"b\"}")), times(2)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected exactly 2 calls matching")
        .hasMessageContaining("but the mock received 1")
        .hasMessageContaining("request.text: expected \"b\" but was \"a\"");
  }

  @Test
  void aRequiredStubNoCallUsedIsReported() {
    mock.stubFor(method(ECHO).named("the echo").required().willReturn(json("{}")));
    mock.stubFor(method(REPEAT).willReturn(messages()));

    assertThat(mock.problems()).hasSize(1);
    assertThatThrownBy(mock::verifyRequiredStubsCalled)
        .hasMessageContaining("A required stub was never called")
        .hasMessageContaining("the echo");

    client.invoke(ECHO, "{}");
    mock.verifyRequiredStubsCalled();
    assertThat(mock.problems()).isEmpty();
  }

  @Test
  void aContractFileDrivesTheMockAndVerifiesAgainstIt() {
    mock.load("classpath:contracts/echo.grpc.yaml");

    List<String> failures = new ArrayList<>();
    ContractFile file = Contracts.load("classpath:contracts/echo.grpc.yaml").get(0);
    for (Interaction interaction : file.interactions()) {
      VerificationResult result = ContractVerifier.verify(client, interaction);
      if (!result.passed()) {
        failures.add(result.describe());
      }
    }

    assertThat(failures).isEmpty();
    assertThat(file.interactions()).hasSize(4);
    assertThat(mock.calls()).hasSize(4);
    mock.verifyNoUnexpectedCalls();
  }

  @Test
  void aContractWhoseExampleBreaksItsOwnMatcherIsRefusedWithThePath() {
    assertThatThrownBy(() -> mock.load("classpath:mock-contracts/self-breaking.grpc.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("examples break their own matchers")
        .hasMessageContaining(
            "'echo with an id' (mock-contracts/self-breaking.grpc.yaml:4): response.text: expected"
                + " to match /id-[0-9]+/ but was \"\"");
    assertThat(mock.calls()).isEmpty();
  }

  @Test
  void untilStatesAreChosenTheLaterInteractionOfTheSameRequestAnswers() {
    mock.load("classpath:mock-contracts/provider-states.grpc.yaml");

    GrpcResponse response = client.invoke(ECHO, "{\"text\": \"42\"}");

    assertThat(response.field("text")).isEqualTo("stateless");
  }

  @Test
  void chosenProviderStatesSelectTheInteractionsWithThoseStatesOverStatelessOnes() {
    mock.load("classpath:mock-contracts/provider-states.grpc.yaml");

    mock.givenStates("order 42 exists");
    GrpcResponse found = client.invoke(ECHO, "{\"text\": \"42\"}");
    mock.givenStates("there are no orders");
    GrpcResponse missing = client.invoke(ECHO, "{\"text\": \"42\"}");
    GrpcResponse ping = client.invoke(ECHO, "{\"text\": \"ping\"}");
    mock.givenStates();
    GrpcResponse none = client.invoke(ECHO, "{\"text\": \"42\"}");

    assertThat(found.field("text")).isEqualTo("found");
    assertThat(missing.status().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(missing.status().getDescription()).isEqualTo("no order 42");
    assertThat(ping.field("text")).isEqualTo("pong");
    assertThat(none.field("text")).isEqualTo("stateless");
    mock.verifyNoUnexpectedCalls();
  }

  @Test
  void aStubWhoseStatesAreNotChosenIsNotServedAndTheMessageSaysWhichStatesItNeeds() {
    mock.stubFor(
        method(ECHO).givenStates("order 42 exists").willReturn(json("{\"text\": \"found\"}")));
    mock.givenStates("there are no orders");

    GrpcResponse response = client.invoke(ECHO, "{\"text\": \"42\"}");

    assertThat(response.status().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    assertThat(response.status().getDescription())
        .contains(
            "provider states: it needs [order 42 exists] but the mock is in [there are no"
                + " orders]; choose them with givenStates(...)");
    mock.reset();
    mock.stubFor(
        method(ECHO).givenStates("order 42 exists").willReturn(json("{\"text\": \"found\"}")));
    assertThat(client.invoke(ECHO, "{\"text\": \"42\"}").field("text")).isEqualTo("found");
  }

  @Test
  void aRegexOrContainsDescriptionIsAnsweredWithItsExampleAndTheContractPassesAgainstTheMock() {
    mock.load("classpath:mock-contracts/regex-description.grpc.yaml");

    List<String> failures = new ArrayList<>();
    ContractFile file =
        Contracts.load("classpath:mock-contracts/regex-description.grpc.yaml").get(0);
    for (Interaction interaction : file.interactions()) {
      VerificationResult result = ContractVerifier.verify(client, interaction);
      if (!result.passed()) {
        failures.add(result.describe());
      }
    }

    assertThat(failures).isEmpty();
    assertThat(mock.calls()).hasSize(2);
    GrpcResponse missing = client.invoke(ECHO, "{\"text\": \"missing\"}");
    assertThat(missing.status().getDescription()).isEqualTo("order 7 not found");
    assertThat(missing.trailers().get(Metadata.Key.of("x-order", Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo("o-7");
  }

  @Test
  void aRegexDescriptionWithoutAnExampleIsRefusedAtLoadTellingTheAuthorToAddOne() {
    assertThatThrownBy(
            () -> mock.load("classpath:mock-contracts/regex-description-without-example.grpc.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'not found by regex'")
        .hasMessageContaining(
            "description: a text matching /^order [0-9]+ not found$/ has no text to send; add one:"
                + " description: {regex: \"^order [0-9]+ not found$\", example: \"...\"}")
        .hasMessageContaining(
            "trailers[\"x-order\"]: a text matching /^o-[0-9]+$/ has no value to send; add one:"
                + " x-order: {regex: \"^o-[0-9]+$\", example: \"...\"}");
    assertThat(client.invoke(ECHO, "{\"text\": \"missing\"}").status().getCode())
        .isEqualTo(Status.Code.UNIMPLEMENTED);
  }

  @Test
  void aDescriptionExampleItsOwnRegexRefusesIsAContractProblemWithItsLine() {
    assertThatThrownBy(
            () -> mock.load("classpath:mock-contracts/regex-description-bad-example.grpc.yaml"))
        .isInstanceOf(dev.grpccontract.contract.ContractException.class)
        .hasMessageContaining("regex-description-bad-example.grpc.yaml:8:63: ")
        .hasMessageContaining(
            "description.example \"order seven not found\" is not a text matching /^order [0-9]+"
                + " not found$/: give an example the check accepts");
  }

  static MockTls grpcTestCertificates() {
    ClassLoader loader = GrpcMockServerTest.class.getClassLoader();
    return MockTls.fromPem(
            loader.getResourceAsStream("certs/server1.pem"),
            loader.getResourceAsStream("certs/server1.key"))
        .trusting(loader.getResourceAsStream("certs/ca.pem"))
        .withAuthority("foo.test.google.fr");
  }

  @Test
  void aTlsMockCompletesARealHandshakeAndHandsOutWhatItsClientsNeed() throws Exception {
    try (GrpcMockServer secure =
        GrpcMockServer.startOnLoopbackPort(SCHEMA, grpcTestCertificates())) {
      secure.stubFor(method(ECHO).willReturn(json("{\"text\": \"tls\"}")));
      MockTls tls = secure.tls().orElseThrow();
      // The code under test builds its own channel from what the mock hands out.
      io.grpc.ManagedChannel own =
          io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forTarget(
                  secure.address(),
                  io.grpc.TlsChannelCredentials.newBuilder()
                      .trustManager(
                          new java.io.ByteArrayInputStream(
                              tls.trustCertificatesPem()
                                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                      .build())
              .overrideAuthority(tls.authority().orElseThrow())
              .build();
      io.grpc.ManagedChannel plaintext =
          io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forTarget(secure.address())
              .usePlaintext()
              .build();
      try (GrpcClient viaMock = GrpcClient.create(secure.channel(), SCHEMA);
          GrpcClient viaOwn = GrpcClient.create(own, SCHEMA);
          GrpcClient viaPlaintext = GrpcClient.create(plaintext, SCHEMA)) {
        assertThat(viaMock.invoke(ECHO, "{}").field("text")).isEqualTo("tls");
        assertThat(viaOwn.invoke(ECHO, "{}").field("text")).isEqualTo("tls");
        GrpcResponse refused =
            viaPlaintext.invoke(ECHO, "{}", CallParams.withDeadline(Duration.ofSeconds(3)));
        assertThat(refused.status().getCode()).isNotEqualTo(Status.Code.OK);
      } finally {
        own.shutdownNow();
        plaintext.shutdownNow();
      }
      assertThat(secure.calls()).hasSize(2);
      assertThat(tls.certificateChainPem()).contains("-----BEGIN CERTIFICATE-----");
    }
  }

  @Test
  void aTlsMockWhoseClientDoesNotTrustItFailsTheHandshake() {
    ClassLoader loader = GrpcMockServerTest.class.getClassLoader();
    MockTls untrusted =
        MockTls.fromPem(
                loader.getResourceAsStream("certs/server1.pem"),
                loader.getResourceAsStream("certs/server1.key"))
            .trusting(loader.getResourceAsStream("certs/badserver.pem"))
            .withAuthority("foo.test.google.fr");
    try (GrpcMockServer secure = GrpcMockServer.startOnLoopbackPort(SCHEMA, untrusted);
        GrpcClient viaMock = GrpcClient.create(secure.channel(), SCHEMA)) {
      secure.stubFor(method(ECHO).willReturn(json("{\"text\": \"tls\"}")));

      GrpcResponse response =
          viaMock.invoke(ECHO, "{}", CallParams.withDeadline(Duration.ofSeconds(3)));

      assertThat(response.status().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(secure.calls()).isEmpty();
    }
  }

  @Test
  void aLegacyPrivateKeyIsRefusedWithHowToConvertIt() {
    java.io.InputStream cert =
        GrpcMockServerTest.class.getClassLoader().getResourceAsStream("certs/server1.pem");
    java.io.InputStream key =
        new java.io.ByteArrayInputStream(
            "-----BEGIN RSA PRIVATE KEY-----\nAA==\n-----END RSA PRIVATE KEY-----\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> MockTls.fromPem(cert, key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gRPC reads PKCS#8 keys (BEGIN PRIVATE KEY)")
        .hasMessageContaining("openssl pkcs8 -topk8");
  }

  @Test
  void aLoopbackPortMockAnswersOverTheNetwork() {
    try (GrpcMockServer networked = GrpcMockServer.startOnLoopbackPort(SCHEMA)) {
      networked.stubFor(method(ECHO).willReturn(json("{\"text\": \"tcp\"}")));
      assertThat(networked.port()).isPositive();
      assertThat(networked.address()).endsWith(":" + networked.port());
      GrpcClient tcp = GrpcClient.create(networked.channel(), SCHEMA);
      assertThat(tcp.invoke(ECHO, "{}").field("text")).isEqualTo("tcp");
    }
  }

  @Test
  void aReplyWithMatchersAnswersItsExampleAndWritesTheMatchers() {
    mock.stubFor(
        method(ECHO)
            .willReturn(
                json("{\"text\": \"o-42\", \"request\": {\"items\": [{\"sku\": \"ABC-1\"}],"
                        + " \"times\": 3}}")
                    .matching("text", regex("o-[0-9]+"))
                    .matching("request.items", eachLike(1))
                    .matching("request.items[*].sku", regex("[A-Z]{3}-\\d+"))
                    .matching("request.times", type())));
    mock.stubFor(
        method(REPEAT)
            .willReturn(
                messages("{\"text\": \"x0\"}", "{\"text\": \"x1\"}")
                    .matching("text", regex("x[0-9]"))));

    assertThat(client.invoke(ECHO, "{\"text\": \"a\"}").field("text")).isEqualTo("o-42");
    assertThat(client.serverStream(REPEAT, "{\"text\": \"x\", \"times\": 2}").messages())
        .hasSize(2);

    String yaml =
        dev.grpccontract.contract.ContractWriter.write(
            "web", "echo", mock.exercisedInteractions("t"));
    assertThat(yaml)
        .contains(
            "    matchers:\n"
                + "      request.items:\n"
                + "        match: eachLike\n"
                + "        min: 1\n"
                + "      \"request.items[*].sku\":\n"
                + "        match: regex\n"
                + "        regex: \"[A-Z]{3}-\\\\d+\"\n"
                + "      request.times: type\n"
                + "      text:\n"
                + "        match: regex\n")
        .contains("    matchers:\n      \"[*].text\":\n        match: regex\n");
    ContractFile file = Contracts.parse("matchers.grpc.yaml", yaml);
    assertThat(file.check(SCHEMA)).isEmpty();
    for (Interaction interaction : file.interactions()) {
      VerificationResult result = ContractVerifier.verify(client, interaction);
      assertThat(result.passed()).as(result.describe()).isTrue();
    }
  }

  @Test
  void aMatcherPathTheResponseLacksIsAnErrorNamingTheClosestField() {
    assertThatThrownBy(
            () ->
                mock.stubFor(
                    method(ECHO).willReturn(json("{\"text\": \"a\"}").matching("txt", type()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("matching(\"txt\", type)")
        .hasMessageContaining("matcher path 'txt' does not fit grpccontract.test.EchoResponse")
        .hasMessageContaining("text");
    assertThatThrownBy(
            () ->
                mock.stubFor(
                    method(ECHO)
                        .willReturn(json("{\"text\": \"a\"}").matching("text", eachLike()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("matcher 'eachLike' needs a repeated field; 'text' is not");
  }

  @Test
  void aReplyWhoseExampleBreaksItsOwnMatchersIsRefused() {
    assertThatThrownBy(
            () ->
                mock.stubFor(
                    method(REPEAT)
                        .willReturn(
                            messages("{\"text\": \"x0\"}", "{\"text\": \"oops\"}")
                                .matching("text", regex("x[0-9]")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the reply's own message breaks its matchers")
        .hasMessageContaining("responses[1].text: expected to match /x[0-9]/ but was \"oops\"");
    assertThatThrownBy(
            () ->
                mock.stubFor(
                    method(ECHO)
                        .willReturn(status(Status.Code.NOT_FOUND).matching("text", ignore()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ends with NOT_FOUND and sends none");
    assertThatThrownBy(
            () ->
                mock.stubFor(
                    method(CHAT)
                        .willConverse(
                            conversation()
                                .on(
                                    anyRequest(),
                                    json("{\"text\": \"a\"}").matching("text", type())))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("matching(...) is for unary, client- and server-streaming replies");
    assertThat(mock.calls()).isEmpty();
  }
}
