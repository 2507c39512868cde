package dev.grpccontract.client.internal;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * One blocking single-response call (unary, or client-streaming with its requests at hand) whose
 * callbacks run on the calling thread, the way grpc-java's blocking stubs run theirs: the call's
 * executor queues each callback and wakes the caller, which runs it. The {@link CallRecorder}
 * records headers, message, status and trailers, as it does for every other kind of call, and a
 * failed call costs no exception.
 */
public final class UnaryCall {

  private UnaryCall() {}

  /**
   * Runs the call and waits for its close; the deadline in {@code options} bounds the wait. An
   * interrupt cancels the call, and the thread's interrupt flag is set again on return.
   *
   * @param extraHeaders metadata to send, or {@code null}
   * @param requests the requests, sent in order before half-closing (one for a unary call)
   * @return the recorder of the ended call
   */
  public static CallRecorder run(
      Channel channel,
      MethodDescriptor<Message, Message> method,
      CallOptions options,
      Metadata extraHeaders,
      List<? extends Message> requests) {
    CallerExecutor executor = new CallerExecutor();
    ClientCall<Message, Message> call = channel.newCall(method, options.withExecutor(executor));
    CallRecorder recorder = new CallRecorder(CallRecorder.Reading.SINGLE, 0);
    recorder.startAndSend(call, extraHeaders, requests);
    boolean interrupted = false;
    while (!recorder.isClosed()) {
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
    return recorder;
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
}
