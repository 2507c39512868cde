package dev.grpccontract.mock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A stub of one method: which calls it answers (request matchers, metadata) and how (a {@link
 * Reply}, or a {@link Conversation} for bidirectional streams); also the pattern of {@link
 * GrpcMockServer#verify}. Made by {@link Stubbing#method(String)}; immutable, each method returns a
 * new stub.
 *
 * <pre>{@code
 * mock.stubFor(method("orders.v1.OrderService/GetOrder")
 *     .withRequest(partialJson("{\"id\": \"42\"}"))
 *     .willReturn(json("{\"id\": \"42\", \"state\": \"OPEN\"}")));
 * }</pre>
 *
 * <p>Which stub answers: of those that match, the one with the lowest {@link #atPriority priority}
 * number (default {@value #DEFAULT_PRIORITY}), and among equals the one added last, so a test can
 * override stubs loaded from a contract file.
 */
public final class MethodStub {

  /** The priority of a stub that sets none; lower numbers win. */
  public static final int DEFAULT_PRIORITY = 5;

  /** A metadata matcher: the key and the exact value or a regular expression. */
  record MetadataMatcher(String key, String value, Pattern regex) {
    @Override
    public String toString() {
      return regex == null
          ? "withMetadata(\"" + key + "\", \"" + value + "\")"
          : "withMetadataMatching(\"" + key + "\", \"" + regex.pattern() + "\")";
    }
  }

  private final String method;
  private final List<RequestMatcher> request;
  private final List<RequestMatcher> requests;
  private final List<MetadataMatcher> metadata;
  private final Duration deadline;
  private final Scenario scenario;
  private final Set<String> states;
  private final int priority;
  private final boolean required;
  private final String name;
  private final Reply reply;
  private final Conversation conversation;

  private MethodStub(
      String method,
      List<RequestMatcher> request,
      List<RequestMatcher> requests,
      List<MetadataMatcher> metadata,
      Duration deadline,
      int priority,
      boolean required,
      String name,
      Reply reply,
      Conversation conversation,
      Scenario scenario,
      Set<String> states) {
    this.method = method;
    this.states = states;
    this.scenario = scenario;
    this.deadline = deadline;
    this.request = List.copyOf(request);
    this.requests = requests == null ? null : List.copyOf(requests);
    this.metadata = List.copyOf(metadata);
    this.priority = priority;
    this.required = required;
    this.name = name;
    this.reply = reply;
    this.conversation = conversation;
  }

  static MethodStub of(String method) {
    return new MethodStub(
        Objects.requireNonNull(method, "method"),
        List.of(),
        null,
        List.of(),
        null,
        DEFAULT_PRIORITY,
        false,
        null,
        null,
        null,
        null,
        Set.of());
  }

  private MethodStub copy(
      List<RequestMatcher> request,
      List<RequestMatcher> requests,
      List<MetadataMatcher> metadata,
      int priority,
      boolean required,
      String name,
      Reply reply,
      Conversation conversation) {
    return new MethodStub(
        method,
        request,
        requests,
        metadata,
        deadline,
        priority,
        required,
        name,
        reply,
        conversation,
        scenario,
        states);
  }

  /**
   * Returns this stub answering only requests that {@code matcher} accepts. For a client stream,
   * every request the client sends must match; for a bidirectional stream, put request matchers in
   * the {@link Conversation}. Several calls add up: all must hold.
   */
  public MethodStub withRequest(RequestMatcher matcher) {
    List<RequestMatcher> all = new ArrayList<>(request);
    all.add(Objects.requireNonNull(matcher, "matcher"));
    return copy(all, requests, metadata, priority, required, name, reply, conversation);
  }

  /**
   * Returns this stub (of a client-streaming method) answering only when the client sends exactly
   * as many requests as {@code matchers}, each matching the one at its place.
   */
  public MethodStub withRequests(RequestMatcher... matchers) {
    List<RequestMatcher> all = new ArrayList<>();
    for (RequestMatcher matcher : matchers) {
      all.add(Objects.requireNonNull(matcher, "matcher"));
    }
    return copy(request, all, metadata, priority, required, name, reply, conversation);
  }

  /** Returns this stub answering only calls whose metadata has {@code key} with {@code value}. */
  public MethodStub withMetadata(String key, String value) {
    return withMetadata(
        new MetadataMatcher(key(key), Objects.requireNonNull(value, "value"), null));
  }

  /**
   * Returns this stub answering only calls whose metadata has {@code key} with a value matching
   * {@code regex} (the whole value).
   */
  public MethodStub withMetadataMatching(String key, String regex) {
    return withMetadata(
        new MetadataMatcher(key(key), null, Pattern.compile(Objects.requireNonNull(regex))));
  }

  private static String key(String key) {
    return Objects.requireNonNull(key, "key").trim().toLowerCase(java.util.Locale.ROOT);
  }

  private MethodStub withMetadata(MetadataMatcher matcher) {
    List<MetadataMatcher> all = new ArrayList<>(metadata);
    all.add(matcher);
    return copy(request, requests, all, priority, required, name, reply, conversation);
  }

  /**
   * Returns this stub answering only calls that have a deadline no later than {@code limit} from
   * when the mock receives them: a consumer that sets no deadline, or too long a one, gets {@code
   * UNIMPLEMENTED} with the difference.
   *
   * @throws IllegalArgumentException when {@code limit} is not positive
   */
  public MethodStub withDeadlineAtMost(Duration limit) {
    Objects.requireNonNull(limit, "limit");
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("A deadline limit must be positive, but was " + limit);
    }
    return new MethodStub(
        method,
        request,
        requests,
        metadata,
        limit,
        priority,
        required,
        name,
        reply,
        conversation,
        scenario,
        states);
  }

  Duration deadline() {
    return deadline;
  }

  /** A scenario: its name, the state a stub needs, and the state it moves the scenario to. */
  record Scenario(String name, String requiredState, String newState) {}

  /**
   * Returns this stub taking part in scenario {@code name}, a state machine of the mock that starts
   * in {@link Stubbing#STARTED}; with {@link #whenScenarioStateIs} and {@link #willSetStateTo} the
   * same call can be answered differently before and after another.
   */
  public MethodStub inScenario(String name) {
    return withScenario(new Scenario(Objects.requireNonNull(name, "name"), null, null));
  }

  /**
   * Returns this stub answering only while its scenario is in {@code state}.
   *
   * @throws IllegalStateException when no {@link #inScenario} was given first
   */
  public MethodStub whenScenarioStateIs(String state) {
    Scenario current = scenario("whenScenarioStateIs");
    return withScenario(
        new Scenario(current.name(), Objects.requireNonNull(state, "state"), current.newState()));
  }

  /**
   * Returns this stub moving its scenario to {@code state} when it answers a call.
   *
   * @throws IllegalStateException when no {@link #inScenario} was given first
   */
  public MethodStub willSetStateTo(String state) {
    Scenario current = scenario("willSetStateTo");
    return withScenario(
        new Scenario(
            current.name(), current.requiredState(), Objects.requireNonNull(state, "state")));
  }

  private Scenario scenario(String what) {
    if (scenario == null) {
      throw new IllegalStateException(
          what + "(...) needs a scenario: write inScenario(\"name\")." + what + "(...)");
    }
    return scenario;
  }

  private MethodStub withScenario(Scenario scenario) {
    return new MethodStub(
        method,
        request,
        requests,
        metadata,
        deadline,
        priority,
        required,
        name,
        reply,
        conversation,
        scenario,
        states);
  }

  Scenario scenario() {
    return scenario;
  }

  /**
   * Returns this stub answering only while the mock is in every provider state of {@code states}
   * (see {@link GrpcMockServer#givenStates}); a mock in which no states were chosen serves it
   * regardless. Contract files set this from an interaction's {@code given}.
   */
  public MethodStub givenStates(String... states) {
    Set<String> all = new LinkedHashSet<>(this.states);
    for (String state : states) {
      all.add(Objects.requireNonNull(state, "state"));
    }
    return new MethodStub(
        method,
        request,
        requests,
        metadata,
        deadline,
        priority,
        required,
        name,
        reply,
        conversation,
        scenario,
        Collections.unmodifiableSet(all));
  }

  Set<String> states() {
    return states;
  }

  /**
   * Returns this stub with {@code priority}; lower numbers win (default {@value
   * #DEFAULT_PRIORITY}).
   */
  public MethodStub atPriority(int priority) {
    return copy(request, requests, metadata, priority, required, name, reply, conversation);
  }

  /**
   * Returns this stub marked required: {@link GrpcMockServer#verifyRequiredStubsCalled()} (and the
   * JUnit extension at the end of the test) fails when no call used it.
   */
  public MethodStub required() {
    return copy(request, requests, metadata, priority, true, name, reply, conversation);
  }

  /** Returns this stub named {@code name}, as failure messages show it. */
  public MethodStub named(String name) {
    return copy(
        request,
        requests,
        metadata,
        priority,
        required,
        Objects.requireNonNull(name, "name"),
        reply,
        conversation);
  }

  /**
   * Returns this stub answering with {@code reply}: when the client has sent its request (unary,
   * server stream) or half-closed (client stream, and a bidi stream, whose requests it ignores).
   */
  public MethodStub willReturn(Reply reply) {
    return copy(
        request,
        requests,
        metadata,
        priority,
        required,
        name,
        Objects.requireNonNull(reply, "reply"),
        null);
  }

  /** Returns this stub (of a bidirectional-streaming method) playing {@code conversation}. */
  public MethodStub willConverse(Conversation conversation) {
    return copy(
        request,
        requests,
        metadata,
        priority,
        required,
        name,
        null,
        Objects.requireNonNull(conversation, "conversation"));
  }

  String method() {
    return method;
  }

  List<RequestMatcher> request() {
    return request;
  }

  List<RequestMatcher> requests() {
    return requests;
  }

  List<MetadataMatcher> metadata() {
    return metadata;
  }

  int priority() {
    return priority;
  }

  boolean isRequired() {
    return required;
  }

  String name() {
    return name;
  }

  Reply reply() {
    return reply;
  }

  Conversation conversation() {
    return conversation;
  }

  /** Returns the stub as it was written, e.g. {@code method("a.S/M").withRequest(...)}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("method(\"").append(method).append("\")");
    request.forEach(m -> text.append(".withRequest(").append(m).append(')'));
    if (requests != null) {
      text.append(".withRequests(");
      for (int i = 0; i < requests.size(); i++) {
        text.append(i == 0 ? "" : ", ").append(requests.get(i));
      }
      text.append(')');
    }
    metadata.forEach(m -> text.append('.').append(m));
    if (deadline != null) {
      text.append(".withDeadlineAtMost(").append(deadline).append(')');
    }
    if (scenario != null) {
      text.append(".inScenario(\"").append(scenario.name()).append("\")");
      if (scenario.requiredState() != null) {
        text.append(".whenScenarioStateIs(\"").append(scenario.requiredState()).append("\")");
      }
    }
    if (!states.isEmpty()) {
      text.append(".givenStates(\"").append(String.join("\", \"", states)).append("\")");
    }
    return text.toString();
  }
}
