package dev.grpccontract.mock;

import com.google.protobuf.Message;
import dev.grpccontract.proto.compare.ProtoJson;
import io.grpc.Metadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A call the mock received: the method, the request metadata, the request messages so far, the stub
 * that answered it, and why it was unexpected when no stub did. Safe to read from any thread; the
 * requests of a stream still open may grow.
 */
public final class RecordedCall {

  private final String method;
  private final Metadata headers;
  private final Duration deadline;
  private final List<Message> requests = new ArrayList<>();
  private volatile String stub;
  private volatile java.util.Map<String, ReplyMatcher> responseMatchers = java.util.Map.of();
  private final List<String> unexpected = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();
  private volatile io.grpc.Status status;
  private volatile Metadata trailers;

  /**
   * A message of the call, in the order of the wire: a request received or a response sent; a
   * request without a message is the client's half-close.
   */
  record Event(boolean request, Message message) {}

  RecordedCall(String method, Metadata headers, Duration deadline) {
    this.method = method;
    this.headers = headers;
    this.deadline = deadline;
  }

  /** Returns the full method name, {@code package.Service/Method}. */
  public String method() {
    return method;
  }

  /** Returns the request metadata the client sent. */
  public Metadata headers() {
    return headers;
  }

  /**
   * Returns the time the call had left before its deadline when the mock received it, or empty when
   * the client set no deadline.
   */
  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  /** Returns the request messages received so far, in order. */
  public List<Message> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Returns the name of the stub that answered the call, or empty when none did. */
  public Optional<String> stub() {
    return Optional.ofNullable(stub);
  }

  /**
   * Returns why the call (or a request of a bidi call) was unexpected: no stub matched it, with the
   * differences from the closest stub; empty when it was expected.
   */
  public List<String> unexpected() {
    synchronized (unexpected) {
      return List.copyOf(unexpected);
    }
  }

  /** Returns the messages the mock sent on the call so far, in order. */
  public List<Message> responses() {
    List<Message> sent = new ArrayList<>();
    synchronized (requests) {
      for (Event event : events) {
        if (!event.request()) {
          sent.add(event.message());
        }
      }
    }
    return sent;
  }

  /** Returns the status the mock ended the call with, or empty while it is open. */
  public Optional<io.grpc.Status> status() {
    return Optional.ofNullable(status);
  }

  /** Returns the trailers the mock ended the call with, or empty while it is open. */
  public Optional<Metadata> trailers() {
    return Optional.ofNullable(trailers);
  }

  /** Returns the requests received and responses sent, in the order they passed. */
  List<Event> events() {
    synchronized (requests) {
      return List.copyOf(events);
    }
  }

  void addRequest(Message request) {
    synchronized (requests) {
      requests.add(request);
      events.add(new Event(true, request));
    }
  }

  void halfClosed() {
    synchronized (requests) {
      events.add(new Event(true, null));
    }
  }

  void sent(Message response) {
    synchronized (requests) {
      events.add(new Event(false, response));
    }
  }

  void closed(io.grpc.Status finalStatus, Metadata finalTrailers) {
    this.trailers = finalTrailers;
    this.status = finalStatus;
  }

  void answeredBy(String stubName) {
    this.stub = stubName;
  }

  /** Notes the answering stub and the matchers of its reply, by contract path. */
  void answeredBy(String stubName, java.util.Map<String, ReplyMatcher> matchers) {
    this.responseMatchers = java.util.Map.copyOf(matchers);
    this.stub = stubName;
  }

  /** Returns the matchers of the answering stub's reply, by the path a contract writes them at. */
  java.util.Map<String, ReplyMatcher> responseMatchers() {
    return responseMatchers;
  }

  void unexpected(String why) {
    synchronized (unexpected) {
      unexpected.add(why);
    }
  }

  /** Returns the method and the requests as compact JSON, one line. */
  @Override
  public String toString() {
    List<String> json = new ArrayList<>();
    for (Message request : requests()) {
      json.add(ProtoJson.compact(request));
    }
    return method + " " + (json.size() == 1 ? json.get(0) : json.toString());
  }
}
