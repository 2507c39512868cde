package dev.grpccontract.benchmarks;

import static dev.grpccontract.mock.Stubbing.method;
import static dev.grpccontract.mock.Stubbing.partialJson;

import dev.grpccontract.benchmarks.proto.EchoReply;
import dev.grpccontract.benchmarks.proto.EchoRequest;
import dev.grpccontract.benchmarks.proto.EchoServiceGrpc;
import dev.grpccontract.mock.GrpcMockServer;
import dev.grpccontract.mock.Stubbing;
import dev.grpccontract.proto.ProtoSchema;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A unary call answered by an in-process {@link GrpcMockServer} stub against the same call answered
 * by a hand-written in-process fake service: (a) {@link #fake}, a generated-stub based {@code
 * BindableService} that checks the request's id and answers a fixed reply, or {@code
 * UNIMPLEMENTED}; (b) {@link #mock}, a mock stub that matches the same id with {@code partialJson}
 * and answers the same reply.
 *
 * <p>Both servers are in-process and run their handlers on grpc-java's default executor, as
 * {@code @GrpcMock} and a hand-hosted fake do; both are called by the same generated blocking stub
 * with the same 5 s deadline, one call per operation. {@link MockBenchmarkMain} prints (b)/(a).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MockBenchmark {

  /** The deadline of every call, the client's default. */
  static final long DEADLINE_SECONDS = 5;

  static final String REQUEST_ID = "order-000042";

  private static final EchoReply REPLY =
      EchoReply.newBuilder()
          .setId(REQUEST_ID)
          .setSequence(42)
          .setStatus("SHIPPED")
          .addTags("contract")
          .build();

  private Server fakeServer;
  private ManagedChannel fakeChannel;
  private EchoServiceGrpc.EchoServiceBlockingStub fakeStub;
  private GrpcMockServer mockServer;
  private EchoServiceGrpc.EchoServiceBlockingStub mockStub;
  private EchoRequest request;

  /** The hand-written fake: the same check and the same reply as the mock's stub. */
  static final class FakeEchoService extends EchoServiceGrpc.EchoServiceImplBase {
    @Override
    public void echo(EchoRequest request, StreamObserver<EchoReply> responseObserver) {
      if (REQUEST_ID.equals(request.getId())) {
        responseObserver.onNext(REPLY);
        responseObserver.onCompleted();
      } else {
        responseObserver.onError(
            Status.UNIMPLEMENTED.withDescription("no answer for " + request.getId()).asException());
      }
    }
  }

  /** Starts both servers and checks that both answer the request with the same reply. */
  @Setup(Level.Trial)
  public void start() {
    request = Payloads.request(Payloads.SMALL);
    String name = InProcessServerBuilder.generateName();
    try {
      fakeServer =
          InProcessServerBuilder.forName(name).addService(new FakeEchoService()).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the fake service", e);
    }
    fakeChannel = InProcessChannelBuilder.forName(name).build();
    fakeStub = EchoServiceGrpc.newBlockingStub(fakeChannel);

    mockServer = GrpcMockServer.start(ProtoSchema.fromServices(List.of(new FakeEchoService())));
    stub();
    mockStub = EchoServiceGrpc.newBlockingStub(mockServer.channel());

    EchoReply fromFake = fake();
    EchoReply fromMock = mock();
    if (!fromFake.equals(REPLY) || !fromMock.equals(REPLY)) {
      throw new IllegalStateException(
          "The fake and the mock must answer the same reply; fake: "
              + fromFake
              + ", mock: "
              + fromMock);
    }
  }

  private void stub() {
    mockServer.stubFor(
        method(EchoFixture.METHOD)
            .withRequest(partialJson("{\"id\": \"" + REQUEST_ID + "\"}"))
            .willReturn(Stubbing.message(REPLY)));
  }

  /**
   * Starts each iteration with a fresh mock state: the mock records every call for {@code verify},
   * as a test's mock does for the few calls of a test, and hundreds of thousands of recorded calls
   * would measure the garbage collector rather than the mock.
   */
  @Setup(Level.Iteration)
  public void resetMock() {
    mockServer.reset();
    stub();
  }

  /** Shuts both servers down. */
  @TearDown(Level.Trial)
  public void stop() throws InterruptedException {
    fakeChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    fakeServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    mockServer.close();
  }

  /** (a) The hand-written fake service. */
  @Benchmark
  public EchoReply fake() {
    return fakeStub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).echo(request);
  }

  /** (b) The mock's stub. */
  @Benchmark
  public EchoReply mock() {
    return mockStub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).echo(request);
  }
}
