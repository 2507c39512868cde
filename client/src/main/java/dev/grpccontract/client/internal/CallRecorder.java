package dev.grpccontract.client.internal;

import com.google.protobuf.Message;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The one listener of every call the dynamic client makes, whatever its kind: it records the
 * headers, the messages, the final status and the trailers, and ends the call on the client's own
 * rules (a unary or client-streaming method answered with more than one message, a message limit).
 *
 * <p>The first end wins: the server's close, or a decision of the client ({@link #finish}). State
 * is guarded by the recorder's monitor, and every event wakes the threads waiting on it ({@link
 * #await}), so the streams use the recorder as their lock.
 */
public final class CallRecorder extends ClientCall.Listener<Message> {

  /** How a call reads its responses. */
  public enum Reading {
    /** One response expected (unary, client-streaming): a second one fails the call. */
    SINGLE,
    /** Every message is read as it comes (server streams collected whole). */
    ALL,
    /** The test asks for each message itself ({@link #request}); bidirectional streams. */
    ON_DEMAND
  }

  /** grpc-java's own words for a unary call answered with a second message. */
  static final String MORE_THAN_ONE = "More than one value received for unary call";

  private final Reading reading;
  private final boolean singleResponse;
  private final int limit;
  private final long start = System.nanoTime();
  private ClientCall<Message, Message> call;
  private Metadata headers;
  private final List<Message> messages = new ArrayList<>();
  private Status status;
  private Metadata trailers;
  private long end;
  private boolean truncated;
  private volatile Runnable onEnd = () -> {};

  /** Set when this recorder ends the call itself; later messages are dropped. */
  private boolean closing;

  /**
   * Creates a recorder.
   *
   * @param reading how the call reads its responses; with {@link Reading#SINGLE} a second message
   *     ends the call with {@code INTERNAL}, as grpc-java's stubs report it
   * @param limit how many messages to read before cancelling the call, or 0 for no limit
   */
  public CallRecorder(Reading reading, int limit) {
    this.reading = reading;
    this.singleResponse = reading == Reading.SINGLE;
    this.limit = limit;
  }

  /**
   * Runs {@code action} once, when the call ends (on the thread that ends it); set before start.
   */
  public CallRecorder onEnd(Runnable action) {
    this.onEnd = action;
    return this;
  }

  /**
   * Starts {@code call} with this recorder as its listener, sending {@code extraHeaders} (or none
   * when {@code null}), and asks for the first message.
   */
  public void start(ClientCall<Message, Message> started, Metadata extraHeaders) {
    synchronized (this) {
      this.call = started;
    }
    Metadata sent = new Metadata();
    if (extraHeaders != null) {
      sent.merge(extraHeaders);
    }
    started.start(this, sent);
    started.request(singleResponse ? 2 : 1);
  }

  /**
   * Starts {@code started} as {@link #start} does, sends {@code requests} in order and half-closes:
   * the one way every call with its requests at hand (unary, async unary, server stream, client
   * stream given whole) is made. When starting or sending throws, the call is cancelled and the
   * exception rethrown.
   */
  public void startAndSend(
      ClientCall<Message, Message> started,
      Metadata extraHeaders,
      List<? extends Message> requests) {
    try {
      start(started, extraHeaders);
      for (Message request : requests) {
        started.sendMessage(request);
      }
      started.halfClose();
    } catch (RuntimeException | Error e) {
      started.cancel("the request could not be sent", e);
      throw e;
    }
  }

  @Override
  public synchronized void onHeaders(Metadata received) {
    headers = received;
    notifyAll();
  }

  @Override
  public void onMessage(Message message) {
    ClientCall<Message, Message> toCancel = null;
    String reason = null;
    Status ending = null;
    boolean truncatedHere = false;
    boolean more = false;
    synchronized (this) {
      notifyAll();
      if (status != null || closing) {
        return;
      }
      messages.add(message);
      if (singleResponse && messages.size() > 1) {
        reason = MORE_THAN_ONE;
        ending = Status.INTERNAL.withDescription(MORE_THAN_ONE);
        toCancel = call;
        closing = true;
      } else if (limit > 0 && messages.size() >= limit) {
        reason = "grpc-contract read the " + limit + " messages CallParams allowed";
        truncated = true;
        truncatedHere = true;
        // The outcome is known now; the transport may never report the close of a call whose
        // server had finished with messages still unread (in-process does not).
        ending = Status.CANCELLED.withDescription(reason);
        toCancel = call;
        closing = true;
      } else {
        more = reading == Reading.ALL;
      }
    }
    if (toCancel != null && truncatedHere) {
      // Cancel first, then end: whoever waits for the end sees a call already cancelled.
      toCancel.cancel(reason, null);
      finish(ending, new Metadata());
    } else if (toCancel != null) {
      // The answer's status is ours (INTERNAL), not the cancellation's: end first.
      finish(ending, new Metadata());
      toCancel.cancel(reason, null);
    } else if (more) {
      call.request(1);
    }
  }

  /** Asks the server for {@code count} more messages ({@link Reading#ON_DEMAND}). */
  public void request(int count) {
    ClientCall<Message, Message> started;
    synchronized (this) {
      if (status != null) {
        return;
      }
      started = call;
    }
    started.request(count);
  }

  @Override
  public synchronized void onReady() {
    notifyAll();
  }

  @Override
  public void onClose(Status closeStatus, Metadata closeTrailers) {
    finish(Statuses.explain(closeStatus), closeTrailers);
  }

  /**
   * Ends the call as the client saw it, unless it has already ended; the first end wins.
   *
   * @return whether this call ended it
   */
  public boolean finish(Status finalStatus, Metadata finalTrailers) {
    boolean ended;
    synchronized (this) {
      ended = finishLocked(finalStatus, finalTrailers);
    }
    if (ended) {
      onEnd.run();
    }
    return ended;
  }

  private boolean finishLocked(Status finalStatus, Metadata finalTrailers) {
    if (status != null) {
      return false;
    }
    Status ended = finalStatus;
    if (ended.isOk() && singleResponse && messages.isEmpty()) {
      ended = Status.INTERNAL.withDescription("The server closed a unary call without a message");
    }
    status = ended;
    trailers = finalTrailers == null ? new Metadata() : finalTrailers;
    end = System.nanoTime();
    notifyAll();
    return true;
  }

  /** Returns whether the call has ended. */
  public synchronized boolean isClosed() {
    return status != null;
  }

  /** Returns the final status, or {@code null} while the call is open. */
  public synchronized Status status() {
    return status;
  }

  /** Returns the headers the server sent, or {@code null} when it sent none. */
  public synchronized Metadata headers() {
    return headers;
  }

  /** Returns the trailers, or {@code null} while the call is open. */
  public synchronized Metadata trailers() {
    return trailers;
  }

  /** Returns a copy of the messages received so far, in order. */
  public synchronized List<Message> messages() {
    return List.copyOf(messages);
  }

  /** Returns how many messages have been received. */
  public synchronized int messageCount() {
    return messages.size();
  }

  /** Returns message {@code index} (0-based) of those received. */
  public synchronized Message message(int index) {
    return messages.get(index);
  }

  /** Returns the one response of a successful single-response call, else {@code null}. */
  public synchronized Message single() {
    return status != null && status.isOk() && messages.size() == 1 ? messages.get(0) : null;
  }

  /** Returns whether the message limit ended the call. */
  public synchronized boolean truncated() {
    return truncated;
  }

  /** Returns the nanoseconds from the recorder's creation to the end of the call (or now). */
  public synchronized long elapsedNanos() {
    return (status == null ? System.nanoTime() : end) - start;
  }

  /**
   * Waits on the recorder's monitor until {@code condition} holds or {@code nanos} pass; the
   * condition is checked with the monitor held, after every event of the call.
   *
   * @return whether the condition holds
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public synchronized boolean await(BooleanSupplier condition, long nanos)
      throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
