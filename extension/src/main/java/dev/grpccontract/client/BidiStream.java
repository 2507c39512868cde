package dev.grpccontract.client;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.grpccontract.client.internal.CallCapture;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

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
 * bounded by the call's deadline. Closing it cancels the call if it is still open; the JUnit
 * extension closes streams a test left open when the test ends. Methods may be called from any
 * thread, but the stream is meant for one test thread.
 */
public final class BidiStream implements AutoCloseable {

  private final String method;
  private final ClientCall<Message, Message> call;
  private final CallCapture capture;
  private final Function<Object, Message> converter;
  private final Duration timeout;
  private final JsonFormat.TypeRegistry typeRegistry;
  private final Runnable onEnd;
  private final long start = System.nanoTime();

  private final Object lock = new Object();
  private final Deque<Message> inbox = new ArrayDeque<>();
  private final List<Message> received = new ArrayList<>();
  private boolean halfClosed;
  private boolean unbounded;
  private Status status;
  private Metadata trailers;
  private long end;

  BidiStream(
      String method,
      ClientCall<Message, Message> call,
      CallCapture capture,
      Function<Object, Message> converter,
      Duration timeout,
      JsonFormat.TypeRegistry typeRegistry,
      Runnable onEnd) {
    this.method = method;
    this.call = call;
    this.capture = capture;
    this.converter = converter;
    this.timeout = timeout;
    this.typeRegistry = typeRegistry;
    this.onEnd = onEnd;
  }

  void start() {
    call.start(
        new ClientCall.Listener<Message>() {
          @Override
          public void onMessage(Message message) {
            synchronized (lock) {
              inbox.addLast(message);
              received.add(message);
              lock.notifyAll();
            }
          }

          @Override
          public void onReady() {
            synchronized (lock) {
              lock.notifyAll();
            }
          }

          @Override
          public void onClose(Status closeStatus, Metadata closeTrailers) {
            end(GrpcClient.explained(closeStatus), closeTrailers);
          }
        },
        new Metadata());
    call.request(1);
  }

  /** Returns the full name of the method this stream calls. */
  public String method() {
    return method;
  }

  /**
   * Sends one request: JSON text, a {@code Map} or a {@code Message}, as for {@link
   * GrpcClient#invoke(String, Object)}. Waits while the transport cannot take more.
   *
   * @return this stream, for chaining
   * @throws IllegalArgumentException when the request does not fit the method's input type
   * @throws IllegalStateException when the stream was half-closed or has ended
   */
  public BidiStream send(Object request) {
    Message message = converter.apply(request);
    synchronized (lock) {
      if (status != null) {
        throw new IllegalStateException(
            "Cannot send on the stream of " + method + ": it ended with " + describe(status));
      }
      if (halfClosed) {
        throw new IllegalStateException(
            "Cannot send on the stream of " + method + ": halfClose() was already called");
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!call.isReady() && status == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "The stream of "
                  + method
                  + " could not take another message within "
                  + timeout
                  + ": the server is not reading");
        }
        waitOn(left);
      }
      if (status != null) {
        throw new IllegalStateException(
            "Cannot send on the stream of " + method + ": it ended with " + describe(status));
      }
      call.sendMessage(message);
    }
    return this;
  }

  /**
   * Receives the next response, waiting up to the call's deadline. See {@link #receive(Duration)}.
   */
  public DynamicMessage receive() {
    return receive(timeout);
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
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (lock) {
      while (inbox.isEmpty()) {
        if (status != null) {
          throw new IllegalStateException(
              "The stream of "
                  + method
                  + " ended with "
                  + describe(status)
                  + " after "
                  + received.size()
                  + " messages; there is nothing more to receive");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "No message from "
                  + method
                  + " within "
                  + wait
                  + " ("
                  + received.size()
                  + " received so far; the stream is still open"
                  + (halfClosed ? ", half-closed by the client" : "")
                  + ")");
        }
        waitOn(left);
      }
      Message next = inbox.removeFirst();
      if (status == null && !unbounded) {
        call.request(1);
      }
      return CallResult.toDynamic(next);
    }
  }

  /**
   * Waits for the server to end the stream and returns the responses not yet received, in order.
   *
   * @throws AssertionError when the stream does not end within the call's deadline
   */
  public List<DynamicMessage> receiveAll() {
    awaitEnd(timeout);
    List<DynamicMessage> rest = new ArrayList<>();
    synchronized (lock) {
      while (!inbox.isEmpty()) {
        rest.add(CallResult.toDynamic(inbox.removeFirst()));
      }
    }
    return rest;
  }

  /** Tells the server the client has nothing more to send (k6's {@code end()}). Idempotent. */
  public BidiStream halfClose() {
    synchronized (lock) {
      if (!halfClosed && status == null) {
        halfClosed = true;
        call.halfClose();
      }
    }
    return this;
  }

  /** Cancels the call; the stream ends with {@code CANCELLED}. No effect on an ended stream. */
  public void cancel(String reason) {
    call.cancel(reason, null);
    // The transport may never report the close of a call whose server had already finished with
    // messages still unread (in-process does not), so the stream ends here.
    end(Status.CANCELLED.withDescription(reason), new Metadata());
  }

  private void end(Status finalStatus, Metadata finalTrailers) {
    synchronized (lock) {
      if (status != null) {
        return;
      }
      status = finalStatus;
      trailers = finalTrailers;
      end = System.nanoTime();
      lock.notifyAll();
    }
    onEnd.run();
  }

  /**
   * Waits for the server to end the stream and returns the whole exchange: every message the server
   * sent (received or not), the final status, headers and trailers.
   *
   * @throws AssertionError when the stream does not end within {@code wait}
   */
  public StreamResponse awaitCompletion(Duration wait) {
    awaitEnd(wait);
    synchronized (lock) {
      return StreamResponse.received(
          method,
          status,
          received,
          capture.headers(),
          trailers,
          Duration.ofNanos(end - start),
          false,
          typeRegistry);
    }
  }

  /** Returns whether the server has ended the stream. */
  public boolean isFinished() {
    synchronized (lock) {
      return status != null;
    }
  }

  /** Cancels the call if it is still open. */
  @Override
  public void close() {
    if (!isFinished()) {
      cancel("closed by the test");
    }
  }

  private void awaitEnd(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (lock) {
      if (status == null && !unbounded) {
        // Half of the int range, once: transports add requests to what is still outstanding, and
        // Integer.MAX_VALUE on top of an outstanding request overflows and stalls the stream.
        unbounded = true;
        call.request(Integer.MAX_VALUE / 2);
      }
      while (status == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "The stream of "
                  + method
                  + " did not end within "
                  + wait
                  + " ("
                  + received.size()
                  + " messages so far"
                  + (halfClosed ? "" : "; the client has not called halfClose()")
                  + ")");
        }
        waitOn(left);
      }
    }
  }

  private void waitOn(long nanos) {
    try {
      lock.wait(Math.max(1, nanos / 1_000_000), 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel("interrupted", e);
      throw new IllegalStateException("Interrupted while waiting on the stream of " + method, e);
    }
  }

  private static String describe(Status status) {
    return status.getCode()
        + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")");
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "BidiStream{"
          + method
          + ", received="
          + received.size()
          + (status == null ? ", open" : ", ended " + describe(status))
          + "}";
    }
  }
}
