package dev.grpccontract.contract;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import dev.grpccontract.client.BidiStream;
import dev.grpccontract.client.CallParams;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.client.GrpcResponse;
import dev.grpccontract.client.GrpcResult;
import dev.grpccontract.client.StreamResponse;
import dev.grpccontract.proto.compare.MessageDiff;
import dev.grpccontract.proto.compare.ProtoJson;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies interactions of contract files against a server: calls the method with the dynamic
 * client and checks the answer against the interaction's expectations.
 *
 * <pre>{@code
 * ContractFile orders = Contracts.load("classpath:contracts/orders.grpc.yaml").get(0);
 * for (Interaction interaction : orders.interactions()) {
 *   ContractVerifier.verify(client, interaction).assertPassed();
 * }
 * }</pre>
 *
 * <p>Works without JUnit. Every call has a deadline: the interaction's {@code deadline}, or the
 * client's default. Provider states ({@code given}) are the caller's to set up first; the JUnit
 * runner ({@code @GrpcContracts}) does it with {@code @ProviderState} methods.
 */
public final class ContractVerifier {

  private ContractVerifier() {}

  /**
   * Tells coverage that {@code consumer} relies on the fields the interaction sends and expects.
   */
  private static void reliedOn(String consumer, Interaction interaction, BoundInteraction bound) {
    dev.grpccontract.coverage.CoverageRecorder coverage =
        dev.grpccontract.coverage.CoverageRecorder.global();
    if (!coverage.enabled()) {
      return;
    }
    List<com.google.protobuf.Message> requests = new ArrayList<>();
    List<com.google.protobuf.Message> responses = new ArrayList<>();
    if (bound.request != null) {
      requests.add(bound.request);
    }
    requests.addAll(bound.requests);
    if (bound.response != null) {
      responses.add(bound.response.example());
    }
    bound.responses.forEach(check -> responses.add(check.example()));
    for (BoundInteraction.Step step : bound.steps) {
      if (step.message() != null && "send".equals(step.kind())) {
        requests.add(step.message());
      } else if (step.check() != null) {
        responses.add(step.check().example());
      }
    }
    coverage.reliedOn(consumer, interaction.method(), requests, responses);
  }

  /**
   * Calls the interaction's method through {@code client} and checks the answer.
   *
   * @return the result, passed or with every failure; a failed call is a result, not an exception
   * @throws ContractException when the interaction does not fit the client's schema (an unknown
   *     method, JSON that does not fit the message type, ...), with every problem of its file
   */
  public static VerificationResult verify(GrpcClient client, Interaction interaction) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(interaction, "interaction");
    interaction.file().requireFits(client.schema());
    BoundInteraction bound = interaction.bind(client.schema());
    interaction.file().consumer().ifPresent(consumer -> reliedOn(consumer, interaction, bound));
    CallParams params = CallParams.withMetadata(bound.metadata);
    if (bound.deadline != null) {
      params = params.andDeadline(bound.deadline);
    }
    List<String> failures = new ArrayList<>();
    String method = interaction.method();
    GrpcResult result;
    switch (bound.kind) {
      case UNARY:
      case CLIENT_STREAMING:
        GrpcResponse response =
            bound.kind == BoundInteraction.Kind.UNARY
                ? client.invoke(method, bound.request, params)
                : client.clientStream(method, bound.requests, params);
        checkCall(bound, response, failures);
        checkOne(bound, response, failures);
        result = response;
        break;
      case SERVER_STREAMING:
        StreamResponse stream = client.serverStream(method, bound.request, params);
        checkCall(bound, stream, failures);
        checkStream(bound, stream, failures);
        result = stream;
        break;
      default:
        result = converse(client, bound, params, failures);
        checkCall(bound, result, failures);
    }
    return new VerificationResult(interaction, failures, result);
  }

  private static void checkCall(BoundInteraction bound, GrpcResult result, List<String> failures) {
    Status status = result.status();
    if (status.getCode() != bound.status) {
      failures.add(
          "status: expected "
              + bound.status
              + " but was "
              + status.getCode()
              + (status.getDescription() == null
                  ? ""
                  : " (" + ProtoJson.quote(status.getDescription()) + ")"));
    }
    if (bound.description != null && !bound.description.accepts(status.getDescription())) {
      failures.add(
          "description: expected "
              + bound.description.expected()
              + " but was "
              + (status.getDescription() == null
                  ? "none"
                  : ProtoJson.quote(status.getDescription())));
    }
    checkMetadata("headers", bound.headers, result.headers(), failures);
    checkMetadata("trailers", bound.trailers, result.trailers(), failures);
    if (!bound.errorDetails.isEmpty()) {
      List<Any> details =
          result.errorDetails().map(com.google.rpc.Status::getDetailsList).orElse(List.of());
      for (BoundInteraction.DetailCheck check : bound.errorDetails) {
        checkDetail(check, details, failures);
      }
    }
  }

  private static void checkDetail(
      BoundInteraction.DetailCheck check, List<Any> details, List<String> failures) {
    String type = check.type().getFullName();
    List<String> closest = null;
    for (Any any : details) {
      Message actual = BoundInteraction.unpack(any, check.type());
      if (actual == null) {
        continue;
      }
      List<MessageDiff.Difference> differences =
          MessageDiff.compare(
              check.expected(),
              actual,
              MessageDiff.Settings.DEFAULT
                  .ignoringUnknownFields()
                  .comparingFieldsOf(check.fields()));
      if (differences.isEmpty()) {
        return;
      }
      if (closest == null || differences.size() < closest.size()) {
        closest = new ArrayList<>();
        for (MessageDiff.Difference difference : differences) {
          closest.add(difference.toString());
        }
      }
    }
    if (closest == null) {
      List<String> types = new ArrayList<>();
      details.forEach(
          d -> types.add(d.getTypeUrl().substring(d.getTypeUrl().lastIndexOf('/') + 1)));
      failures.add(
          "errorDetails: expected a "
              + type
              + " but the call carried "
              + (types.isEmpty() ? "no error details" : types));
    } else {
      failures.add("errorDetails: no " + type + " matches: " + String.join("; ", closest));
    }
  }

  private static void checkMetadata(
      String what,
      Map<String, BoundInteraction.TextCheck> checks,
      Metadata actual,
      List<String> failures) {
    for (Map.Entry<String, BoundInteraction.TextCheck> check : checks.entrySet()) {
      String key = check.getKey();
      List<String> values = new ArrayList<>();
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        Iterable<byte[]> all = actual.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER));
        if (all != null) {
          all.forEach(v -> values.add(java.util.Base64.getEncoder().encodeToString(v)));
        }
      } else {
        Iterable<String> all =
            actual.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        if (all != null) {
          all.forEach(values::add);
        }
      }
      if (values.stream().noneMatch(check.getValue()::accepts)) {
        failures.add(
            what
                + "."
                + key
                + ": expected "
                + check.getValue().expected()
                + " but "
                + (values.isEmpty() ? "there is none" : "was " + values));
      }
    }
  }

  private static void checkOne(
      BoundInteraction bound, GrpcResponse response, List<String> failures) {
    if (bound.response == null) {
      return;
    }
    if (!response.hasMessage()) {
      if (response.isOk()) {
        failures.add("response: expected a message but the server sent none");
      } else if (bound.status == Status.Code.OK) {
        failures.add("response: expected a message but the call failed");
      }
      return;
    }
    bound.response.check(response.message(), "response.", failures);
  }

  private static void checkStream(
      BoundInteraction bound, StreamResponse stream, List<String> failures) {
    int actual = stream.messageCount();
    int listed = bound.responses.size();
    if (bound.count != null || (bound.atLeast == null && listed > 0)) {
      int expected = bound.count != null ? bound.count : listed;
      if (actual != expected) {
        failures.add("responses: expected " + expected + " messages but got " + actual);
      }
    } else if (bound.atLeast != null && actual < Math.max(bound.atLeast, listed)) {
      failures.add(
          "responses: expected at least "
              + Math.max(bound.atLeast, listed)
              + " messages but got "
              + actual);
    }
    for (int i = 0; i < Math.min(listed, actual); i++) {
      bound.responses.get(i).check(stream.message(i), "responses[" + i + "].", failures);
    }
  }

  /** Plays a bidi interaction's steps; failures of expect steps are collected, the stream ends. */
  private static StreamResponse converse(
      GrpcClient client, BoundInteraction bound, CallParams params, List<String> failures) {
    Duration budget = params.deadline().orElse(client.defaultDeadline());
    try (BidiStream stream = client.bidiStream(bound.interaction.method(), params)) {
      int index = 0;
      boolean ended = false;
      for (BoundInteraction.Step step : bound.steps) {
        String label = "steps[" + index++ + "]";
        if (ended) {
          break;
        }
        switch (step.kind()) {
          case "send":
            stream.send(step.message());
            break;
          case "halfClose":
            stream.halfClose();
            break;
          case "cancel":
            stream.cancel("the contract cancels the call at " + label);
            ended = true;
            break;
          default:
            Duration wait = step.within() == null ? budget : step.within();
            try {
              Message received = stream.receive(wait);
              step.check().check(received, label + ".expect.", failures);
            } catch (AssertionError e) {
              failures.add(label + ".expect: no message arrived within " + wait);
            } catch (IllegalStateException e) {
              failures.add(label + ".expect: the stream had ended: " + e.getMessage());
              ended = true;
            }
        }
      }
      return stream.awaitCompletion(budget);
    }
  }
}
