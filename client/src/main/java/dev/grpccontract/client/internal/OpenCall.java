package dev.grpccontract.client.internal;

import com.google.protobuf.Message;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The sending side of an open streaming call (client streams and bidirectional streams): sends with
 * flow control, half-closes, cancels, and records the sends that could not happen because the call
 * had already ended. The call's {@link CallRecorder} is the lock of its state.
 */
public final class OpenCall {

  /** How long past the call's deadline the transport gets to report the close. */
  private static final long GRACE_NANOS = 1_000_000_000L;

  private final String method;
  private final ClientCall<Message, Message> call;
  private final CallRecorder recorder;
  private final Function<Object, Message> converter;
  private final Duration timeout;
  private final long deadline;
  private final int maxOutboundMessageSize;
  private final List<String> unsent = new ArrayList<>();
  private int sent;
  private boolean halfClosed;
  private boolean everReady;

  /**
   * Creates the sending side of {@code call}, which is not started yet.
   *
   * @param converter turns a test's request (JSON, Map, Message) into a message of the input type
   * @param timeout the call's deadline, counted from now
   * @param maxOutboundMessageSize the largest request in bytes, or a negative number for no limit
   */
  public OpenCall(
      String method,
      ClientCall<Message, Message> call,
      CallRecorder recorder,
      Function<Object, Message> converter,
      Duration timeout,
      int maxOutboundMessageSize) {
    this.method = method;
    this.call = call;
    this.recorder = recorder;
    this.converter = converter;
    this.timeout = timeout;
    this.deadline = System.nanoTime() + timeout.toNanos();
    this.maxOutboundMessageSize = maxOutboundMessageSize;
  }

  /** Starts the call, sending {@code extraHeaders} (or none when {@code null}). */
  public void start(Metadata extraHeaders) {
    recorder.start(call, extraHeaders);
  }

  /** Returns the full method name. */
  public String method() {
    return method;
  }

  /** Returns the recorder of the call, which is also the lock of its state. */
  public CallRecorder recorder() {
    return recorder;
  }

  /** Returns the call's deadline as a duration from its start. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Sends one request, waiting while the transport cannot take more. A send on a call that has
   * ended (the server closed it, its deadline passed, it was cancelled) does nothing but record why
   * in {@link #unsent()}: the call's status tells the outcome. A request over {@code
   * maxOutboundMessageSize} ends the call with {@code RESOURCE_EXHAUSTED}.
   *
   * @return whether the request was handed to the transport
   * @throws IllegalArgumentException when the request does not fit the input type
   * @throws IllegalStateException after {@link #halfClose()}, a mistake in the test
   * @throws AssertionError when the call is still open past its deadline and the transport still
   *     cannot take the message: the server is not reading
   */
  public boolean send(Object request) {
    Message message = converter.apply(request);
    Status tooLarge = OutboundLimit.check(message, maxOutboundMessageSize);
    boolean cancel = false;
    synchronized (recorder) {
      int number = sent + unsent.size();
      if (halfClosed) {
        throw new IllegalStateException(
            "Cannot send on the stream of " + method + ": halfClose() was already called");
      }
      if (recorder.isClosed()) {
        unsent.add(
            "request " + number + ": the call had ended with " + describe(recorder.status()));
        return false;
      }
      if (tooLarge != null) {
        unsent.add("request " + number + ": " + tooLarge.getDescription());
        cancel = recorder.finish(tooLarge, new Metadata());
      } else {
        boolean waited = !call.isReady();
        BooleanSupplier readyOrClosed = () -> recorder.isClosed() || call.isReady();
        awaitOn(readyOrClosed, deadline + GRACE_NANOS - System.nanoTime());
        if (recorder.isClosed()) {
          // Blame the server only when it was there (it answered, or took messages before) and
          // flow control held the request until the deadline: not for a call that never got
          // going, nor for one whose deadline had passed before this send.
          boolean notReading =
              waited
                  && (everReady || recorder.headers() != null)
                  && recorder.status().getCode() == Status.Code.DEADLINE_EXCEEDED;
          unsent.add(
              "request "
                  + number
                  + ": "
                  + (notReading ? "the server was not reading, and " : "")
                  + "the call ended with "
                  + describe(recorder.status()));
          return false;
        }
        everReady = true;
        if (!call.isReady()) {
          throw new AssertionError(
              "The stream of "
                  + method
                  + " could not take another message within its deadline of "
                  + timeout
                  + ": the server is not reading");
        }
        call.sendMessage(message);
        sent++;
        return true;
      }
    }
    if (cancel) {
      call.cancel("the request is over maxOutboundMessageSize", null);
    }
    return false;
  }

  /** Tells the server the client has nothing more to send. Idempotent; no effect once ended. */
  public void halfClose() {
    synchronized (recorder) {
      if (!halfClosed && !recorder.isClosed()) {
        halfClosed = true;
        call.halfClose();
      }
    }
  }

  /** Returns whether {@link #halfClose()} was called. */
  public boolean isHalfClosed() {
    synchronized (recorder) {
      return halfClosed;
    }
  }

  /**
   * Cancels the call, also before anything was sent; it ends with {@code CANCELLED} and {@code
   * reason}. No effect on an ended call.
   */
  public void cancel(String reason) {
    // The transport may never report the close of a call whose server had already finished with
    // messages still unread (in-process does not), so the call ends here.
    if (recorder.finish(Status.CANCELLED.withDescription(reason), new Metadata())) {
      call.cancel(reason, null);
    }
  }

  /** Returns why each request that was not sent was not, in order; empty when all went out. */
  public List<String> unsent() {
    synchronized (recorder) {
      return List.copyOf(unsent);
    }
  }

  /** Returns how many requests were handed to the transport. */
  public int sentCount() {
    synchronized (recorder) {
      return sent;
    }
  }

  /**
   * Waits until {@code condition} holds or {@code nanos} pass; an interrupt cancels the call.
   *
   * @return whether the condition holds
   */
  public boolean awaitOn(BooleanSupplier condition, long nanos) {
    try {
      return recorder.await(condition, nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel("interrupted");
      throw new IllegalStateException("Interrupted while waiting on the stream of " + method, e);
    }
  }

  /** Returns the status code and its description, for messages. */
  public static String describe(Status status) {
    return status.getCode()
        + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")");
  }
}
