package dev.grpccontract.junit.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduler of an in-process target's deadline timers (the client's, and the server's context
 * deadline), in place of grpc-java's shared one.
 *
 * <p>Every call has a deadline, so every in-process call arms two timers and cancels them a few
 * microseconds later. On an otherwise empty timer queue each new timer becomes the head, and arming
 * it wakes the timer thread: measured in {@code benchmarks/}, that is most of what a deadline costs
 * in-process. A no-op task repeating every second keeps the head of the queue at most a second
 * away, so deadlines of a second or more never wake the thread. One daemon thread per target,
 * stopped with it.
 */
public final class DeadlineTimer implements AutoCloseable {

  private static final AtomicInteger COUNT = new AtomicInteger();

  private final ScheduledThreadPoolExecutor executor;

  private DeadlineTimer(ScheduledThreadPoolExecutor executor) {
    this.executor = executor;
  }

  /** Starts a timer thread. */
  public static DeadlineTimer start() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "grpc-contract-timer-" + COUNT.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    executor.scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.SECONDS);
    return new DeadlineTimer(executor);
  }

  /** Returns the scheduler to give the in-process server and channel builders. */
  public ScheduledExecutorService scheduler() {
    return executor;
  }

  /** Stops the timer thread; pending timers are dropped (their calls have ended). */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
