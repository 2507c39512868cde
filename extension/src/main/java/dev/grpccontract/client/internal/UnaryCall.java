package dev.grpccontract.client.internal;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * One blocking unary call whose callbacks run on the calling thread, the way grpc-java's blocking
 * stubs run theirs: the call's executor queues each callback and wakes the caller, which runs it.
 * The listener sees the headers, the message and the close directly, so capturing headers and
 * trailers needs no interceptor, and a failed call costs no exception.
 */
public final class UnaryCall {

  /** What a unary call ended with. */
  public record Outcome(Message message, Status status, Metadata headers, Metadata trailers) {}

  private UnaryCall() {}

  /**
   * Runs the call and waits for its close; the deadline in {@code options} bounds the wait. An
   * interrupt cancels the call, and the thread's interrupt flag is set again on return.
   *
   * @param extraHeaders metadata to send, or {@code null}
   */
  public static Outcome run(
      Channel channel,
      MethodDescriptor<Message, Message> method,
      CallOptions options,
      Metadata extraHeaders,
      Message request) {
    CallerExecutor executor = new CallerExecutor();
    ClientCall<Message, Message> call = channel.newCall(method, options.withExecutor(executor));
    Listener listener = new Listener();
    Metadata headers = new Metadata();
    if (extraHeaders != null) {
      headers.merge(extraHeaders);
    }
    try {
      call.start(listener, headers);
      call.request(2);
      call.sendMessage(request);
      call.halfClose();
    } catch (RuntimeException | Error e) {
      call.cancel("the request could not be sent", e);
      throw e;
    }
    boolean interrupted = false;
    while (listener.status == null) {
      Runnable callback = executor.poll();
      if (callback != null) {
        callback.run();
        continue;
      }
      LockSupport.park(executor);
      if (Thread.interrupted() && !interrupted) {
        interrupted = true;
        call.cancel("the calling thread was interrupted", null);
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Status status = listener.status;
    Message message = status.isOk() ? listener.message : null;
    if (status.isOk() && message == null) {
      status = Status.INTERNAL.withDescription("The server closed a unary call without a message");
    }
    return new Outcome(message, status, listener.headers, listener.trailers);
  }

  /** Queues callbacks for the one thread waiting on the call, and wakes it. */
  private static final class CallerExecutor extends ConcurrentLinkedQueue<Runnable>
      implements Executor {
    private static final long serialVersionUID = 1L;
    private final transient Thread waiter = Thread.currentThread();

    @Override
    public void execute(Runnable callback) {
      add(callback);
      LockSupport.unpark(waiter);
    }
  }

  /** Runs on the calling thread only (through {@link CallerExecutor}). */
  private static final class Listener extends ClientCall.Listener<Message> {
    Metadata headers;
    Message message;
    Status status;
    Metadata trailers;

    @Override
    public void onHeaders(Metadata received) {
      headers = received;
    }

    @Override
    public void onMessage(Message received) {
      message = received;
    }

    @Override
    public void onClose(Status closeStatus, Metadata closeTrailers) {
      trailers = closeTrailers;
      status = closeStatus;
    }
  }
}
