package dev.grpccontract.mock;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The script of a bidirectional-streaming stub: what to send at the start, on each request that
 * matches a rule, and when the client half-closes. Rules are tried in the order given; the first
 * that matches a request answers it, and a request no rule matches is recorded as unexpected. A
 * rule's reply that sets a status ends the call; the half-close reply ends it with its status
 * ({@code OK} by default). Made by {@link Stubbing#conversation()}; immutable, each method returns
 * a new one.
 *
 * <pre>{@code
 * conversation()
 *     .on(partialJson("{\"text\": \"hi\"}"), json("{\"text\": \"HI\"}"))
 *     .on(anyRequest(), json("{\"text\": \"?\"}"))
 *     .onHalfClose(status(Status.Code.OK))
 * }</pre>
 */
public final class Conversation {

  /** A rule: requests matching {@code when} are answered with {@code reply}. */
  record Rule(RequestMatcher when, Reply reply, boolean once) {}

  private final Reply start;
  private final List<Rule> rules;
  private final Reply halfClose;

  private Conversation(Reply start, List<Rule> rules, Reply halfClose) {
    this.start = start;
    this.rules = List.copyOf(rules);
    this.halfClose = halfClose;
  }

  static Conversation empty() {
    return new Conversation(null, List.of(), null);
  }

  /** Returns this conversation sending {@code reply} as soon as the call starts. */
  public Conversation atStart(Reply reply) {
    return new Conversation(Objects.requireNonNull(reply, "reply"), rules, halfClose);
  }

  /**
   * Returns this conversation answering every request that matches {@code when} with {@code reply}.
   */
  public Conversation on(RequestMatcher when, Reply reply) {
    return withRule(new Rule(Objects.requireNonNull(when, "when"), reply, false));
  }

  /**
   * Returns this conversation answering the next request that matches {@code when} with {@code
   * reply}, once: requests in a fixed order, each answered its own way.
   */
  public Conversation onceOn(RequestMatcher when, Reply reply) {
    return withRule(new Rule(Objects.requireNonNull(when, "when"), reply, true));
  }

  private Conversation withRule(Rule rule) {
    Objects.requireNonNull(rule.reply(), "reply");
    List<Rule> all = new ArrayList<>(rules);
    all.add(rule);
    return new Conversation(start, all, halfClose);
  }

  /** Returns this conversation sending {@code reply} and ending when the client half-closes. */
  public Conversation onHalfClose(Reply reply) {
    return new Conversation(start, rules, Objects.requireNonNull(reply, "reply"));
  }

  Reply start() {
    return start;
  }

  List<Rule> rules() {
    return rules;
  }

  Reply halfClose() {
    return halfClose;
  }

  /** Returns a short description: how many rules the conversation has. */
  @Override
  public String toString() {
    return "conversation of " + rules.size() + " rules";
  }
}
