package dev.grpccontract.mock;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Message;
import dev.grpccontract.contract.ContractWriter;
import dev.grpccontract.mock.internal.MockCall;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.proto.compare.ProtoJson;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A stub checked against the schema: its method, bound matchers and the actions of its reply. */
final class BoundStub {

  /** A conversation rule, bound. */
  record BoundRule(RequestMatcher.Bound when, List<MockCall.Action> actions, boolean once) {}

  final MethodStub source;
  final String name;
  final MethodDescriptor method;
  final String fullName;
  final boolean bidi;
  final boolean clientStreaming;
  final int priority;
  final long order;
  final boolean required;
  final List<RequestMatcher.Bound> request = new ArrayList<>();
  final List<RequestMatcher.Bound> requests;
  final List<MethodStub.MetadataMatcher> metadata;
  final Duration deadline;
  final MethodStub.Scenario scenario;
  final java.util.Set<String> states;
  final List<MockCall.Action> plan;
  final List<MockCall.Action> start;
  final List<BoundRule> rules = new ArrayList<>();
  final List<MockCall.Action> halfClose;
  final AtomicInteger calls = new AtomicInteger();

  /**
   * The reply's matchers by the path a contract file writes them at ({@code [*].x} for a stream).
   */
  final java.util.Map<String, ReplyMatcher> responseMatchers = new java.util.LinkedHashMap<>();

  private BoundStub(MethodStub stub, ProtoSchema schema, long order, boolean pattern) {
    this.source = stub;
    this.order = order;
    this.priority = stub.priority();
    this.required = stub.isRequired();
    this.metadata = stub.metadata();
    this.deadline = stub.deadline();
    this.scenario = stub.scenario();
    this.states = stub.states();
    this.method = schema.method(stub.method());
    this.fullName = method.getService().getFullName() + "/" + method.getName();
    this.name = stub.name() != null ? stub.name() : "stub #" + order + " " + stub;
    this.clientStreaming = method.isClientStreaming();
    this.bidi = method.isClientStreaming() && method.isServerStreaming();
    String where = (pattern ? "" : "stubFor(") + stub + (pattern ? "" : ")");
    Descriptor in = method.getInputType();
    Descriptor out = method.getOutputType();
    if (bidi && (!stub.request().isEmpty() || stub.requests() != null)) {
      throw new IllegalArgumentException(
          where
              + ": "
              + fullName
              + " is bidirectional-streaming, so a stub of it is chosen when the call starts,"
              + " before any request; put request matchers in its conversation:"
              + " willConverse(conversation().on(partialJson(...), json(...)))");
    }
    if (stub.requests() != null && !clientStreaming) {
      throw new IllegalArgumentException(
          where
              + ": withRequests(...) is for client-streaming methods; "
              + fullName
              + " takes one request: use withRequest(...)");
    }
    for (RequestMatcher matcher : stub.request()) {
      request.add(matcher.bind(schema, in, where + ":"));
    }
    if (stub.requests() != null) {
      List<RequestMatcher.Bound> inOrder = new ArrayList<>();
      for (RequestMatcher matcher : stub.requests()) {
        inOrder.add(matcher.bind(schema, in, where + ":"));
      }
      this.requests = inOrder;
    } else {
      this.requests = null;
    }
    Reply reply = stub.reply();
    Conversation conversation = stub.conversation();
    if (pattern) {
      plan = List.of();
      start = List.of();
      halfClose = List.of();
      return;
    }
    if (reply == null && conversation == null) {
      throw new IllegalArgumentException(
          where
              + " has no answer: add willReturn(json(...)), willReturn(status(...))"
              + (bidi ? " or willConverse(conversation()...)" : ""));
    }
    if (conversation != null && !bidi) {
      throw new IllegalArgumentException(
          where
              + ": willConverse(...) is for bidirectional-streaming methods; "
              + fullName
              + " is not: use willReturn(...)");
    }
    boolean conversationMatchers =
        conversation != null
            && (hasMatchers(conversation.start())
                || hasMatchers(conversation.halfClose())
                || conversation.rules().stream().anyMatch(r -> hasMatchers(r.reply())));
    if (bidi && (hasMatchers(reply) || conversationMatchers)) {
      throw new IllegalArgumentException(
          where
              + ": matching(...) is for unary, client- and server-streaming replies; "
              + fullName
              + " is bidirectional-streaming");
    }
    if (bidi) {
      if (conversation == null) {
        conversation = Conversation.empty().onHalfClose(reply);
      }
      start =
          conversation.start() == null
              ? List.of()
              : conversation.start().bind(schema, out, where + " atStart", false);
      for (Conversation.Rule rule : conversation.rules()) {
        String ruleWhere = where + " on(" + rule.when() + ")";
        rules.add(
            new BoundRule(
                rule.when().bind(schema, in, ruleWhere + ":"),
                rule.reply().bind(schema, out, ruleWhere, false),
                rule.once()));
      }
      Reply last = conversation.halfClose() == null ? Reply.empty() : conversation.halfClose();
      halfClose = last.bind(schema, out, where + " onHalfClose", true);
      plan = List.of();
      return;
    }
    if (!method.isServerStreaming()) {
      int count = reply.messageCount();
      if (reply.code() == Status.Code.OK && count != 1) {
        throw new IllegalArgumentException(
            where
                + ": "
                + fullName
                + " answers one message, but the reply sends "
                + count
                + "; give one message, or end with an error status; messages(...) is for"
                + " server-streaming methods");
      }
      if (reply.code() != Status.Code.OK && count > 0) {
        throw new IllegalArgumentException(
            where
                + ": a call of "
                + fullName
                + " that ends with "
                + reply.code()
                + " sends no message (the client would drop it); reply with status(...) alone");
      }
    }
    plan = reply.bind(schema, out, where, true);
    checkMatchers(reply, where);
    start = List.of();
    halfClose = List.of();
  }

  private static boolean hasMatchers(Reply reply) {
    return reply != null && !reply.matchers().isEmpty();
  }

  /**
   * Checks the reply's matchers against the response type and the reply's own messages, and keeps
   * them by the path a contract file writes them at.
   */
  private void checkMatchers(Reply reply, String where) {
    if (reply.matchers().isEmpty()) {
      return;
    }
    ContractWriter.Call check = ContractWriter.call("stub", method);
    for (MockCall.Action action : plan) {
      if (action instanceof MockCall.Send send) {
        check.response(send.message());
      }
    }
    if (!method.isServerStreaming() && reply.messageCount() == 0) {
      throw new IllegalArgumentException(
          where
              + ": matching(...) describes the answer's message, but this reply ends with "
              + reply.code()
              + " and sends none; leave the matchers out");
    }
    for (java.util.Map.Entry<String, ReplyMatcher> entry : reply.matchers()) {
      String given = entry.getKey().trim();
      String relative =
          given.equals("$") ? "" : given.startsWith("$.") ? given.substring(2) : given;
      String path =
          method.isServerStreaming()
              ? "[*]" + (relative.isEmpty() ? "" : "." + relative)
              : relative.isEmpty() ? "$" : relative;
      try {
        check.matcher(path, entry.getValue().kind(), entry.getValue().arguments());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            where + " matching(\"" + given + "\", " + entry.getValue() + "): " + e.getMessage(), e);
      }
      responseMatchers.put(path, entry.getValue());
    }
    List<String> problems = check.matcherProblems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          where
              + ": the reply's own message breaks its matchers, so a provider answering like the"
              + " mock would fail the contract:\n  "
              + String.join("\n  ", problems));
    }
  }

  /**
   * Binds {@code stub} to {@code schema}.
   *
   * @throws IllegalArgumentException for a method the schema lacks (naming the closest), JSON that
   *     does not fit a message type (naming the field path), a path the type lacks, or an answer
   *     that does not suit the method's kind
   */
  static BoundStub bind(MethodStub stub, ProtoSchema schema, long order) {
    return new BoundStub(stub, schema, order, false);
  }

  /** Binds a verification pattern: matchers only, no answer needed. */
  static BoundStub pattern(MethodStub stub, ProtoSchema schema) {
    return new BoundStub(stub, schema, 0, true);
  }

  /**
   * Returns how a call differs from what this stub answers: deadline, metadata, then the requests
   * (all of them for a client stream; none for a bidi stream, whose rules judge each request);
   * empty when it matches.
   */
  List<String> differences(Metadata headers, Duration callDeadline, List<Message> received) {
    List<String> differences = new ArrayList<>();
    if (deadline != null && (callDeadline == null || callDeadline.compareTo(deadline) > 0)) {
      differences.add(
          "deadline: expected at most "
              + deadline
              + " but "
              + (callDeadline == null
                  ? "the call has none"
                  : "the call had " + callDeadline + " left"));
    }
    for (MethodStub.MetadataMatcher matcher : metadata) {
      Iterable<String> values =
          matcher.key().endsWith(Metadata.BINARY_HEADER_SUFFIX)
              ? null
              : headers.getAll(Metadata.Key.of(matcher.key(), Metadata.ASCII_STRING_MARSHALLER));
      List<String> all = new ArrayList<>();
      if (values != null) {
        values.forEach(all::add);
      }
      boolean found =
          all.stream()
              .anyMatch(
                  v ->
                      matcher.regex() == null
                          ? v.equals(matcher.value())
                          : matcher.regex().matcher(v).matches());
      if (!found) {
        differences.add(
            "metadata "
                + matcher.key()
                + ": expected "
                + (matcher.regex() == null
                    ? ProtoJson.quote(matcher.value())
                    : "a value matching /" + matcher.regex().pattern() + "/")
                + " but "
                + (all.isEmpty() ? "there is none" : "was " + all));
      }
    }
    if (bidi) {
      return differences;
    }
    if (!clientStreaming) {
      Message only = received.isEmpty() ? null : received.get(0);
      if (only != null) {
        for (RequestMatcher.Bound matcher : request) {
          differences.addAll(matcher.differences(only, "request."));
        }
      }
      return differences;
    }
    if (requests != null && requests.size() != received.size()) {
      differences.add(
          "requests: expected "
              + requests.size()
              + " messages but the client sent "
              + received.size());
    }
    for (int i = 0; i < received.size(); i++) {
      String label = "requests[" + i + "].";
      for (RequestMatcher.Bound matcher : request) {
        differences.addAll(matcher.differences(received.get(i), label));
      }
      if (requests != null && i < requests.size()) {
        differences.addAll(requests.get(i).differences(received.get(i), label));
      }
    }
    return differences;
  }

  /** Returns the rules of a bidi conversation with their once-only state for one call. */
  List<CallRule> rulesForCall() {
    List<CallRule> result = new ArrayList<>();
    for (BoundRule rule : rules) {
      result.add(new CallRule(rule, new AtomicBoolean()));
    }
    return result;
  }

  /** A rule of one call: a once-only rule is used up after it answered. */
  record CallRule(BoundRule rule, AtomicBoolean used) {}
}
