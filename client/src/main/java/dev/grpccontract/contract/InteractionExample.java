package dev.grpccontract.contract;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Message;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.proto.compare.ProtoJson;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An interaction read the other way round, for a mock server that plays the provider: the requests
 * the consumer sends and an answer that keeps the contract (the examples of the file's responses,
 * status, description, error details, headers and trailers), resolved against a schema.
 *
 * <p>Made by {@link #of(Interaction, ProtoSchema)}; immutable.
 */
public final class InteractionExample {

  /** One step of a bidi conversation: a message the consumer sends, or one it expects. */
  public record Step(Kind kind, Message message) {

    /** What a step does. */
    public enum Kind {
      /** The consumer sends {@link Step#message()}. */
      SEND,
      /** The provider answers {@link Step#message()}, the example of the expected message. */
      EXPECT,
      /** The consumer half-closes. */
      HALF_CLOSE,
      /** The consumer cancels the call. */
      CANCEL
    }
  }

  private final Interaction interaction;
  private final MethodDescriptor method;
  private final Metadata metadata;
  private final List<Message> requests;
  private final List<Message> responses;
  private final List<Step> steps;
  private final Status.Code status;
  private final String description;
  private final List<Message> errorDetails;
  private final Map<String, String> headers;
  private final Map<String, String> trailers;
  private final List<String> exampleProblems;

  private InteractionExample(BoundInteraction bound) {
    this.interaction = bound.interaction;
    this.method = bound.method;
    this.metadata = bound.metadata;
    List<Message> requests = new ArrayList<>();
    List<Message> responses = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    switch (bound.kind) {
      case UNARY:
      case SERVER_STREAMING:
        requests.add(bound.request);
        break;
      case CLIENT_STREAMING:
        requests.addAll(bound.requests);
        break;
      default:
        for (BoundInteraction.Step step : bound.steps) {
          switch (step.kind()) {
            case "send":
              steps.add(new Step(Step.Kind.SEND, step.message()));
              requests.add(step.message());
              break;
            case "expect":
              step.check().checkExample("steps[" + steps.size() + "].expect.", problems);
              steps.add(new Step(Step.Kind.EXPECT, step.check().example()));
              responses.add(step.check().example());
              break;
            case "halfClose":
              steps.add(new Step(Step.Kind.HALF_CLOSE, null));
              break;
            default:
              steps.add(new Step(Step.Kind.CANCEL, null));
          }
        }
    }
    if (bound.response != null) {
      bound.response.checkExample("response.", problems);
      responses.add(bound.response.example());
    }
    for (MessageCheck check : bound.responses) {
      check.checkExample("responses[" + responses.size() + "].", problems);
      responses.add(check.example());
    }
    int wanted = bound.count != null ? bound.count : bound.atLeast != null ? bound.atLeast : 0;
    while (!bound.responses.isEmpty() && responses.size() < wanted) {
      responses.add(responses.get(responses.size() - 1));
    }
    this.requests = List.copyOf(requests);
    this.responses = List.copyOf(responses);
    this.steps = List.copyOf(steps);
    this.status = bound.status;
    this.description = example(bound.description);
    if (bound.description != null && this.description == null) {
      problems.add(
          "description: "
              + bound.description.expected()
              + " has no text to send; add one: description: {regex: "
              + ProtoJson.quote(bound.description.regex.pattern())
              + ", example: \"...\"}");
    }
    List<Message> details = new ArrayList<>();
    for (BoundInteraction.DetailCheck detail : bound.errorDetails) {
      details.add(detail.expected());
    }
    this.errorDetails = List.copyOf(details);
    this.headers = examples("headers", bound.headers, problems);
    this.trailers = examples("trailers", bound.trailers, problems);
    this.exampleProblems = List.copyOf(problems);
  }

  /**
   * Returns the example of {@code interaction} in {@code schema}'s types.
   *
   * @throws ContractException when the interaction's file does not fit the schema, listing every
   *     problem with its line and column
   */
  public static InteractionExample of(Interaction interaction, ProtoSchema schema) {
    Objects.requireNonNull(interaction, "interaction");
    Objects.requireNonNull(schema, "schema");
    interaction.file().requireFits(schema);
    return new InteractionExample(interaction.bind(schema));
  }

  private static String example(BoundInteraction.TextCheck check) {
    if (check == null) {
      return null;
    }
    if (check.exact != null) {
      return check.exact;
    }
    return check.example != null ? check.example : check.contains;
  }

  private static Map<String, String> examples(
      String what, Map<String, BoundInteraction.TextCheck> checks, List<String> problems) {
    Map<String, String> result = new LinkedHashMap<>();
    checks.forEach(
        (key, check) -> {
          String text = example(check);
          if (text != null) {
            result.put(key, text);
          } else {
            problems.add(
                what
                    + "[\""
                    + key
                    + "\"]: "
                    + check.expected()
                    + " has no value to send; add one: "
                    + key
                    + ": {regex: "
                    + ProtoJson.quote(check.regex.pattern())
                    + ", example: \"...\"}");
          }
        });
    return java.util.Collections.unmodifiableMap(result);
  }

  /** Returns the interaction. */
  public Interaction interaction() {
    return interaction;
  }

  /** Returns the method called. */
  public MethodDescriptor method() {
    return method;
  }

  /** Returns a copy of the request metadata the interaction sends. */
  public Metadata metadata() {
    Metadata copy = new Metadata();
    copy.merge(metadata);
    return copy;
  }

  /**
   * Returns the messages the consumer sends: the request (unary, server stream), the requests
   * (client stream), or the messages of the {@code send} steps (bidi), in order.
   */
  public List<Message> requests() {
    return requests;
  }

  /**
   * Returns the messages the provider answers, in order: the response's example, the responses'
   * examples (the last repeated up to {@code count} or {@code atLeast}), or the examples of the
   * {@code expect} steps (bidi); empty when the interaction expects none.
   */
  public List<Message> responses() {
    return responses;
  }

  /** Returns the steps of a bidi interaction in order; empty for the other kinds. */
  public List<Step> steps() {
    return steps;
  }

  /** Returns the status the call ends with. */
  public Status.Code status() {
    return status;
  }

  /**
   * Returns a description that keeps the contract: its exact text, else its {@code example}, else
   * the text it must contain; empty when the contract gives none, or only a regular expression
   * without an example (then {@link #exampleProblems} says so).
   */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** Returns the rich error details the call carries, as the file gives them. */
  public List<Message> errorDetails() {
    return errorDetails;
  }

  /**
   * Returns header values that keep the contract (exact texts, examples, or contained texts), by
   * key; a regular expression without an example gives none (then {@link #exampleProblems} says
   * so).
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * Returns every way the examples break their own matchers (a value a {@code regex} does not
   * match, a field a {@code type} matcher needs left out), each with its path: a mock that sends
   * the examples would break the contract there. Empty when the examples keep it.
   */
  public List<String> exampleProblems() {
    return exampleProblems;
  }

  /**
   * Returns trailer values that keep the contract (exact texts, examples, or contained texts), by
   * key; a regular expression without an example gives none (then {@link #exampleProblems} says
   * so).
   */
  public Map<String, String> trailers() {
    return trailers;
  }
}
