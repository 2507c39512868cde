package dev.grpccontract.client;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.client.internal.CallRecorder;
import dev.grpccontract.client.internal.OpenCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An open bidirectional-streaming call: the Java form of k6's {@code Stream} ({@code write}, {@code
 * end}, {@code on('data' | 'error' | 'end')}). Send requests, receive responses as they come,
 * half-close when done sending, then await the final status.
 *
 * <pre>{@code
 * try (BidiStream stream = client.bidiStream("hello.HelloService/BidiHello")) {
 *   stream.send("{\"greeting\": \"Bert\"}");
 *   assertThat(stream.receive().getField(reply)).isEqualTo("hello Bert");
 *   stream.halfClose();
 *   assertThat(stream.awaitCompletion(Duration.ofSeconds(1))).isOk();
 * }
 * }</pre>
 *
 * <p>Flow control is honoured both ways: {@link #send} waits while the transport cannot take more,
 * and the server is asked for one message at a time as the test receives them. The stream is
 * bounded by the call's deadline. A send after the call has ended (the server closed it, the
 * deadline passed) is not an error: it does nothing, {@link #unsent()} records it, and the stream's
 * status tells what happened, as grpc-java's own interop client checks it. Closing the stream
 * cancels the call if it is still open; the JUnit extension closes streams a test left open when
 * the test ends. Methods may be called from any thread, but the stream is meant for one test
 * thread.
 */
public final class BidiStream implements AutoCloseable {

  private final OpenCall call;
  private final CallRecorder recorder;
  private final JsonFormat.TypeRegistry typeRegistry;
  private int taken;
  private boolean unbounded;

  BidiStream(OpenCall call, JsonFormat.TypeRegistry typeRegistry) {
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
   * GrpcClient#invoke(String, Object)}. Waits while the transport cannot take more, at most until
   * the call's deadline.
   *
   * <p>When the call has ended, or ends while waiting (its deadline passed, the server closed it),
   * the request is not sent and {@link #unsent()} says why; assert the outcome on {@link
   * #awaitCompletion(Duration)}'s status. A request over {@code maxOutboundMessageSize} ends the
   * call with {@code RESOURCE_EXHAUSTED} without sending it.
   *
   * @return this stream, for chaining
   * @throws IllegalArgumentException when the request does not fit the method's input type
   * @throws IllegalStateException when {@link #halfClose()} was already called
   * @throws AssertionError when the call is still open after its deadline and the transport still
   *     cannot take the message (the server is not reading)
   */
  public BidiStream send(Object request) {
    call.send(request);
    return this;
  }

  /**
   * Returns why each request that was not sent was not (the call had ended, or was over {@code
   * maxOutboundMessageSize}), in the order they were given; empty when every request went out.
   */
  public List<String> unsent() {
    return call.unsent();
  }

  /**
   * Receives the next response, waiting up to the call's deadline. See {@link #receive(Duration)}.
   */
  public DynamicMessage receive() {
    return receive(call.timeout());
  }

  /**
   * Receives the next response, waiting up to {@code wait} for it.
   *
   * @throws AssertionError when none arrives in time (the message names the method, the wait and
   *     how many messages came so far)
   * @throws IllegalStateException when the server has ended the stream and every message has been
   *     received (the message names the final status)
   */
  public DynamicMessage receive(Duration wait) {
    synchronized (recorder) {
      call.awaitOn(() -> recorder.messageCount() > taken || recorder.isClosed(), wait.toNanos());
      if (recorder.messageCount() > taken) {
        return take();
      }
      if (recorder.isClosed()) {
        throw new IllegalStateException(
            "The stream of "
                + method()
                + " ended with "
                + OpenCall.describe(recorder.status())
                + " after "
                + recorder.messageCount()
                + " messages; there is nothing more to receive");
      }
      throw new AssertionError(
          "No message from "
              + method()
              + " within "
              + wait
              + " ("
              + recorder.messageCount()
              + " received so far; the stream is still open"
              + (call.isHalfClosed() ? ", half-closed by the client" : "")
              + ")");
    }
  }

  /**
   * Returns the next response if one has arrived and not been received yet, without waiting: the
   * way to check that nothing has come (yet). Empty also when the stream has ended.
   */
  public Optional<DynamicMessage> poll() {
    synchronized (recorder) {
      return recorder.messageCount() > taken ? Optional.of(take()) : Optional.empty();
    }
  }

  private DynamicMessage take() {
    Message next = recorder.message(taken++);
    if (!unbounded) {
      recorder.request(1);
    }
    return CallResult.toDynamic(next);
  }

  /**
   * Waits for the server to end the stream and returns the responses not yet received, in order.
   *
   * @throws AssertionError when the stream does not end within the call's deadline
   */
  public List<DynamicMessage> receiveAll() {
    awaitEnd(call.timeout());
    List<DynamicMessage> rest = new ArrayList<>();
    synchronized (recorder) {
      while (recorder.messageCount() > taken) {
        rest.add(CallResult.toDynamic(recorder.message(taken++)));
      }
    }
    return rest;
  }

  /** Tells the server the client has nothing more to send (k6's {@code end()}). Idempotent. */
  public BidiStream halfClose() {
    call.halfClose();
    return this;
  }

  /** Cancels the call; the stream ends with {@code CANCELLED}. No effect on an ended stream. */
  public void cancel(String reason) {
    call.cancel(reason);
  }

  /**
   * Waits for the server to end the stream and returns the whole exchange: every message the server
   * sent (received or not), the final status, headers and trailers.
   *
   * @throws AssertionError when the stream does not end within {@code wait}
   */
  public StreamResponse awaitCompletion(Duration wait) {
    awaitEnd(wait);
    synchronized (recorder) {
      return StreamResponse.received(
          method(),
          recorder.status(),
          recorder.messages(),
          recorder.headers(),
          recorder.trailers(),
          Duration.ofNanos(recorder.elapsedNanos()),
          false,
          typeRegistry);
    }
  }

  /** Returns whether the stream has ended. */
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

  private void awaitEnd(Duration wait) {
    synchronized (recorder) {
      if (!recorder.isClosed() && !unbounded) {
        // Half of the int range, once: transports add requests to what is still outstanding, and
        // Integer.MAX_VALUE on top of an outstanding request overflows and stalls the stream.
        unbounded = true;
        recorder.request(Integer.MAX_VALUE / 2);
      }
      if (!call.awaitOn(recorder::isClosed, wait.toNanos())) {
        throw new AssertionError(
            "The stream of "
                + method()
                + " did not end within "
                + wait
                + " ("
                + recorder.messageCount()
                + " messages so far"
                + (call.isHalfClosed() ? "" : "; the client has not called halfClose()")
                + ")");
      }
    }
  }

  /** Returns a one-line summary: method, messages received, open or the final status. */
  @Override
  public String toString() {
    synchronized (recorder) {
      List<String> unsent = call.unsent();
      return "BidiStream{"
          + method()
          + ", received="
          + recorder.messageCount()
          + (recorder.isClosed() ? ", ended " + OpenCall.describe(recorder.status()) : ", open")
          + (unsent.isEmpty() ? "" : ", unsent=" + unsent.size())
          + "}";
    }
  }
}
