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
  private final List<String> unexpected = new ArrayList<>();

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

  void addRequest(Message request) {
    synchronized (requests) {
      requests.add(request);
    }
  }

  void answeredBy(String stubName) {
    this.stub = stubName;
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
