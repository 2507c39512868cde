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
 * away, so deadlines of a second or more never wake the thread.
 *
 * <p>The extension's targets share one daemon thread for the whole JVM ({@link #shared()}), so a
 * test class does not pay for starting and stopping a thread; {@link #start()} makes a timer of its
 * own, stopped by {@link #close()}.
 */
public final class DeadlineTimer implements AutoCloseable {

  private static final AtomicInteger COUNT = new AtomicInteger();

  private final ScheduledThreadPoolExecutor executor;
  private final boolean shared;

  private DeadlineTimer(ScheduledThreadPoolExecutor executor, boolean shared) {
    this.executor = executor;
    this.shared = shared;
  }

  /** The JVM's shared timer, started on first use. */
  private static final class Shared {
    static final DeadlineTimer TIMER =
        new DeadlineTimer(newExecutor("grpc-contract-deadlines"), true);
  }

  /** Returns the JVM's shared timer: one daemon thread, which {@link #close()} leaves running. */
  public static DeadlineTimer shared() {
    return Shared.TIMER;
  }

  /** Starts a timer thread of its own. */
  public static DeadlineTimer start() {
    return new DeadlineTimer(newExecutor("grpc-contract-timer-" + COUNT.incrementAndGet()), false);
  }

  private static ScheduledThreadPoolExecutor newExecutor(String threadName) {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, threadName);
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    executor.scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.SECONDS);
    return executor;
  }

  /** Returns the scheduler to give the in-process server and channel builders. */
  public ScheduledExecutorService scheduler() {
    return executor;
  }

  /**
   * Stops a timer of its own; pending timers are dropped (their calls have ended). The shared timer
   * keeps running.
   */
  @Override
  public void close() {
    if (!shared) {
      executor.shutdownNow();
    }
  }
}
