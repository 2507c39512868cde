package dev.grpccontract.mock.internal;

import com.google.protobuf.Message;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One call the mock answers: plays scripts of actions (send a message, pause, close) on the call,
 * one script after the other in the order they were given, pauses on a timer so no thread sleeps.
 * Thread-safe: every action on the call is taken under one lock, and nothing is sent after the call
 * closed or the client cancelled it.
 */
public final class MockCall {

  /** Something the mock does on a call. */
  public sealed interface Action permits Send, Pause, Headers, Close {}

  /** Sends a message. */
  public record Send(Message message) implements Action {}

  /** Waits before the next action. */
  public record Pause(Duration duration) implements Action {}

  /** Adds response headers, sent with the first message or at the close. */
  public record Headers(Metadata headers) implements Action {}

  /** Ends the call with a status and trailers. */
  public record Close(Status status, Metadata trailers) implements Action {}

  private final ServerCall<Message, Message> call;
  private final ScheduledExecutorService timer;
  private final Object lock = new Object();
  private final Metadata headers = new Metadata();
  private final List<Future<?>> pending = new ArrayList<>();
  private Future<?> idle;
  private boolean headersSent;
  private boolean closed;
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

  private final java.util.function.Consumer<Action> observer;

  /** Wraps {@code call}; pauses are timed on {@code timer}. */
  public MockCall(ServerCall<Message, Message> call, ScheduledExecutorService timer) {
    this(call, timer, action -> {});
  }

  /**
   * Wraps {@code call}; pauses are timed on {@code timer}; {@code observer} is told of every
   * message and of the close, in order, just before it is sent (so a client that saw the answer
   * finds it recorded).
   */
  public MockCall(
      ServerCall<Message, Message> call,
      ScheduledExecutorService timer,
      java.util.function.Consumer<Action> observer) {
    this.call = call;
    this.timer = timer;
    this.observer = observer;
  }

  /** Returns the call. */
  public ServerCall<Message, Message> call() {
    return call;
  }

  /** Plays {@code actions} after every script given before has been played. */
  public void play(List<Action> actions) {
    List<Action> copy = List.copyOf(actions);
    synchronized (lock) {
      tail = tail.thenCompose(ignored -> run(copy, 0));
    }
  }

  /** Returns whether the call has ended: closed by the mock or cancelled by the client. */
  public boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /**
   * Runs {@code onIdle} on the timer unless this is called again (or the call ends) within {@code
   * limit}: each call restarts the wait; {@code null} stops it.
   */
  public void watchIdle(Duration limit, Runnable onIdle) {
    synchronized (lock) {
      if (idle != null) {
        idle.cancel(false);
        idle = null;
      }
      if (closed || limit == null) {
        return;
      }
      try {
        idle = timer.schedule(onIdle, limit.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // the mock is closing
      }
    }
  }

  /** Marks the call as ended by the client; pending pauses are dropped. */
  public void cancelled() {
    synchronized (lock) {
      closed = true;
      if (idle != null) {
        idle.cancel(false);
      }
      pending.forEach(f -> f.cancel(false));
      pending.clear();
    }
  }

  private CompletableFuture<Void> run(List<Action> actions, int from) {
    for (int i = from; i < actions.size(); i++) {
      Action action = actions.get(i);
      if (action instanceof Pause pause) {
        CompletableFuture<Void> later = new CompletableFuture<>();
        int next = i + 1;
        synchronized (lock) {
          if (closed) {
            return CompletableFuture.completedFuture(null);
          }
          try {
            pending.add(
                timer.schedule(
                    () -> {
                      run(actions, next).whenComplete((v, t) -> later.complete(null));
                    },
                    pause.duration().toNanos(),
                    TimeUnit.NANOSECONDS));
          } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null); // the mock is closing
          }
        }
        return later;
      }
      apply(action);
    }
    return CompletableFuture.completedFuture(null);
  }

  private void apply(Action action) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      try {
        if (action instanceof Headers extra) {
          headers.merge(extra.headers());
        } else if (action instanceof Send send) {
          sendHeaders();
          observer.accept(send);
          call.sendMessage(send.message());
        } else if (action instanceof Close close) {
          sendHeaders();
          closed = true;
          observer.accept(close);
          call.close(close.status(), close.trailers());
        }
      } catch (IllegalStateException e) {
        closed = true; // the client went away between our check and the action
      }
    }
  }

  private void sendHeaders() {
    if (!headersSent) {
      headersSent = true;
      call.sendHeaders(headers);
    }
  }
}
