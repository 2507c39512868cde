package dev.grpccontract.client;

import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.client.internal.CallRecorder;
import dev.grpccontract.client.internal.OpenCall;
import java.time.Duration;
import java.util.List;

/**
 * An open client-streaming call, fed message by message: the Java form of k6's {@code Stream} on a
 * client-streaming method ({@code write}, {@code end}, {@code on('data' | 'error')}). Send
 * requests, then take the {@link #response()}, which half-closes the stream and waits for the
 * server's one answer. {@link #cancel(String)} ends it at any point, also before anything was sent.
 *
 * <pre>{@code
 * try (ClientStream stream = client.openClientStream("shop.Cart/AddItems")) {
 *   stream.send("{\"sku\": \"A-1\"}").send(Map.of("sku", "B-2"));
 *   assertThat(stream.response()).isOk();
 * }
 * }</pre>
 *
 * <p>{@link #send} waits while the transport cannot take more, at most until the call's deadline. A
 * send after the call has ended (the server answered early, the deadline passed) does nothing but
 * record why in {@link #unsent()}; the response's status tells what happened. Closing the stream
 * cancels the call if it is still open; the JUnit extension closes streams a test left open. Meant
 * for one test thread; thread-safe.
 */
public final class ClientStream implements AutoCloseable {

  private final OpenCall call;
  private final CallRecorder recorder;
  private final JsonFormat.TypeRegistry typeRegistry;

  ClientStream(OpenCall call, JsonFormat.TypeRegistry typeRegistry) {
    this.call = call;
    this.recorder = call.recorder();
    this.typeRegistry = typeRegistry;
  }

  /** Returns the full name of the method this stream calls. */
  public String method() {
    return call.method();
  }

  /**
   * Sends one request: JSON text, a {@code Map} or a {@code Message}, as for {@link
   * GrpcClient#invoke(String, Object)}. When the call has already ended the request is not sent and
   * {@link #unsent()} says why; a request over {@code maxOutboundMessageSize} ends the call with
   * {@code RESOURCE_EXHAUSTED} without being sent.
   *
   * @return this stream, for chaining
   * @throws IllegalArgumentException when the request does not fit the method's input type
   * @throws IllegalStateException when {@link #halfClose()} (or {@link #response()}) was already
   *     called
   * @throws AssertionError when the call is still open after its deadline and the transport still
   *     cannot take the message (the server is not reading)
   */
  public ClientStream send(Object request) {
    call.send(request);
    return this;
  }

  /** Tells the server the client has nothing more to send (k6's {@code end()}). Idempotent. */
  public ClientStream halfClose() {
    call.halfClose();
    return this;
  }

  /**
   * Cancels the call, also before anything was sent; the response is then {@code CANCELLED} with
   * {@code reason}. No effect on an ended call.
   */
  public void cancel(String reason) {
    call.cancel(reason);
  }

  /**
   * Half-closes the stream if the test has not, waits for the call to end and returns its outcome:
   * the server's one response, or the failed status (a cancelled, oversized or late call included).
   * The call's deadline bounds the wait.
   *
   * @throws AssertionError when the transport does not end the call within a second past its
   *     deadline
   */
  public GrpcResponse response() {
    call.halfClose();
    synchronized (recorder) {
      if (!call.awaitOn(recorder::isClosed, call.timeout().toNanos() + 1_000_000_000L)) {
        throw new AssertionError(
            "The client stream of " + method() + " did not end within " + call.timeout());
      }
      return GrpcResponse.received(
          method(),
          recorder.status(),
          recorder.single(),
          recorder.headers(),
          recorder.trailers(),
          Duration.ofNanos(recorder.elapsedNanos()),
          typeRegistry);
    }
  }

  /**
   * Returns why each request that was not sent was not, in the order they were given; empty when
   * every request went out.
   */
  public List<String> unsent() {
    return call.unsent();
  }

  /** Returns whether the call has ended. */
  public boolean isFinished() {
    return recorder.isClosed();
  }

  /** Cancels the call if it is still open. */
  @Override
  public void close() {
    if (!isFinished()) {
      cancel("closed by the test");
    }
  }

  /** Returns a one-line summary: method, requests sent, open or the final status. */
  @Override
  public String toString() {
    synchronized (recorder) {
      return "ClientStream{"
          + method()
          + ", sent="
          + call.sentCount()
          + (recorder.isClosed() ? ", ended " + OpenCall.describe(recorder.status()) : ", open")
          + "}";
    }
  }
}
