package dev.grpccontract.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grpccontract.client.CallParams;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.client.GrpcResponse;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.testing.EchoResponse;
import dev.grpccontract.testing.TestServiceGrpc;
import dev.grpccontract.testing.TestServiceImpl;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Leaks, parallel runs and unreachable targets, seen through whole engine runs. */
class ReliabilityTest {

  static final String ECHO = "grpccontract.test.TestService/Echo";
  static final List<ManagedChannel> CHANNELS = new CopyOnWriteArrayList<>();
  static final Map<String, String> RESULTS = new ConcurrentHashMap<>();
  static final Set<String> THREADS = ConcurrentHashMap.newKeySet();

  @GrpcTarget(services = TestServiceImpl.class)
  static class SmallContract {
    @Test
    void echoes(GrpcClient client, ManagedChannel channel) {
      CHANNELS.add(channel);
      assertThat(client.invoke(ECHO, "{\"text\": \"x\"}").code()).isEqualTo(Status.Code.OK);
    }

    @Test
    void fails(GrpcClient client) {
      assertThat(
              client
                  .invoke("grpccontract.test.TestService/Fail", "{\"code\": \"NOT_FOUND\"}")
                  .code())
          .isEqualTo(Status.Code.NOT_FOUND);
    }
  }

  @ProtoSource(classes = TestServiceGrpc.class)
  static class InstanceFieldContract {
    @GrpcService final TestServiceImpl service = new TestServiceImpl();

    @Test
    void echoes(GrpcClient client, ManagedChannel channel) {
      CHANNELS.add(channel);
      assertThat(client.invoke(ECHO, "{}").isOk()).isTrue();
    }
  }

  private static int liveThreads() throws InterruptedException {
    // Let pools retire idle threads that a previous run left, then count.
    System.gc();
    Thread.sleep(50);
    return Thread.activeCount();
  }

  @Test
  void twoHundredClassRunsLeaveNoChannelsServersOrThreadsBehind() throws Exception {
    EngineRunner.run(SmallContract.class, InstanceFieldContract.class); // warm the shared pools
    CHANNELS.clear();
    int threadsBefore = liveThreads();

    for (int i = 0; i < 100; i++) {
      EngineRunner.assertAllSucceeded(
          EngineRunner.run(SmallContract.class, InstanceFieldContract.class), 3);
    }

    assertThat(CHANNELS).hasSize(200);
    assertThat(CHANNELS).allMatch(ManagedChannel::isTerminated, "terminated");
    assertThat(CHANNELS.stream().distinct().count()).isEqualTo(200);
    // grpc-java's shared executors keep a few idle threads; nothing grows with the run count.
    assertThat(liveThreads()).isLessThanOrEqualTo(threadsBefore + 4);
    assertThat(Thread.getAllStackTraces().keySet())
        .as("targets share one deadline timer thread instead of starting one each")
        .noneMatch(thread -> thread.getName().startsWith("grpc-contract-timer") && thread.isAlive())
        .filteredOn(thread -> thread.getName().equals("grpc-contract-deadlines"))
        .hasSizeLessThanOrEqualTo(1);
  }

  @GrpcTarget(services = TestServiceImpl.class, deadline = "150ms")
  static class DeadlineContract {
    @Test
    void slowCallEndsAtTheDeadline(GrpcClient client) {
      GrpcResponse response =
          client.invoke("grpccontract.test.TestService/Slow", "{\"millis\": 3000}");
      assertThat(response.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(response.duration()).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void inProcessDeadlinesFireOnTheTargetsTimer() {
    EngineRunner.assertAllSucceeded(EngineRunner.run(DeadlineContract.class), 1);
  }

  /** A handler that blocks until released and ignores interrupts, as uninterruptible waits do. */
  public static class UninterruptibleService extends TestServiceImpl {
    static final java.util.concurrent.CountDownLatch RELEASE =
        new java.util.concurrent.CountDownLatch(1);
    static final java.util.concurrent.atomic.AtomicInteger INTERRUPTS =
        new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public void slow(
        dev.grpccontract.testing.SlowRequest request,
        io.grpc.stub.StreamObserver<EchoResponse> responses) {
      while (RELEASE.getCount() > 0) {
        try {
          RELEASE.await();
        } catch (InterruptedException e) {
          INTERRUPTS.incrementAndGet(); // and wait on, as an uninterruptible wait would
        }
      }
      responses.onNext(EchoResponse.newBuilder().setText("released").build());
      responses.onCompleted();
    }
  }

  @GrpcTarget(services = UninterruptibleService.class, deadline = "150ms")
  static class UninterruptibleContract {
    @Test
    void blockedCallEndsAtTheDeadline(GrpcClient client) {
      GrpcResponse response =
          client.invoke("grpccontract.test.TestService/Slow", "{\"millis\": 1}");
      assertThat(response.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    }

    @Test
    void theNextTestStillRuns(GrpcClient client) {
      assertThat(client.invoke(ECHO, "{\"text\": \"after\"}").isOk()).isTrue();
    }
  }

  @Test
  void aHandlerThatBlocksUninterruptiblyDoesNotHoldTheTestOrTheSuite() throws Exception {
    // The guarantee that keeps hosted services off the test thread by default: whatever a handler
    // waits on, the call ends at its deadline and the class goes on. A hang shows as a failed get
    // after a generous bound, never as a stuck build.
    java.util.concurrent.ExecutorService runner =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Future<org.junit.platform.testkit.engine.EngineExecutionResults> run =
          runner.submit(() -> EngineRunner.run(UninterruptibleContract.class));
      EngineRunner.assertAllSucceeded(run.get(60, java.util.concurrent.TimeUnit.SECONDS), 2);
    } finally {
      UninterruptibleService.RELEASE.countDown();
      runner.shutdown();
    }
  }

  @GrpcTarget(services = TestServiceImpl.class)
  static class ParallelContract {
    @ParameterizedTest
    @ValueSource(strings = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"})
    void echoes(String text, GrpcClient client) throws InterruptedException {
      THREADS.add(Thread.currentThread().getName());
      Thread.sleep(20); // long enough that the pool spreads the tests over its workers
      GrpcResponse response = client.invoke(ECHO, Map.of("text", text, "times", 3));
      RESULTS.put(text, response.as(EchoResponse.class).getText());
    }

    @Test
    void failsWithTheRequestedCode(GrpcClient client) {
      RESULTS.put(
          "fail",
          client
              .invoke("grpccontract.test.TestService/Fail", "{\"code\": \"ABORTED\"}")
              .code()
              .name());
    }
  }

  @Test
  void parallelExecutionGivesTheSameResultsAsSerial() {
    RESULTS.clear();
    EngineRunner.run(ParallelContract.class).testEvents().assertStatistics(s -> s.succeeded(13));
    Map<String, String> serial = Map.copyOf(RESULTS);

    RESULTS.clear();
    THREADS.clear();
    EngineRunner.run(
            Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4"),
            ParallelContract.class,
            SmallContract.class)
        .testEvents()
        .assertStatistics(s -> s.failed(0).succeeded(15));

    assertThat(RESULTS).isEqualTo(serial);
    assertThat(serial).containsEntry("a", "aaa").containsEntry("fail", "ABORTED");
    assertThat(THREADS.stream().filter(n -> n.contains("ForkJoinPool")).collect(Collectors.toSet()))
        .as("ran on several worker threads")
        .hasSizeGreaterThan(1);
  }

  static int closedPort;

  static class UnreachableContract {
    @RegisterExtension
    static final GrpcContractExtension GRPC =
        GrpcContractExtension.builder()
            .address("127.0.0.1:" + closedPort)
            .plaintext()
            .schema(ProtoSchema.fromClasses(TestServiceGrpc.class))
            .deadline(Duration.ofSeconds(3))
            .build();

    @Test
    void unavailable(GrpcClient client) {
      GrpcResponse response =
          client.invoke(ECHO, "{}", CallParams.withDeadline(Duration.ofSeconds(3)));
      assertThat(response.code()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(response.duration()).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void targetThatIsNotListeningAnswersUnavailableWithinTheDeadline() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    EngineRunner.run(UnreachableContract.class).testEvents().assertStatistics(s -> s.succeeded(1));
  }
}
