package dev.grpccontract.mock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grpccontract.client.BidiStream;
import dev.grpccontract.client.CallParams;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.client.GrpcResponse;
import dev.grpccontract.contract.ContractFile;
import dev.grpccontract.contract.ContractVerifier;
import dev.grpccontract.contract.ContractWriter;
import dev.grpccontract.contract.Contracts;
import dev.grpccontract.contract.Interaction;
import dev.grpccontract.contract.VerificationResult;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.testing.EchoRequest;
import dev.grpccontract.testing.EchoResponse;
import dev.grpccontract.testing.TestServiceGrpc;
import dev.grpccontract.testing.TestServiceImpl;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder forwards all four call kinds to a real server and writes what passed as a contract
 * that the same server fulfils and a changed one breaks, with a field-path diff.
 */
class GrpcRecorderTest {

  static final String SERVICE = "grpccontract.test.TestService/";
  static final ProtoSchema SCHEMA = ProtoSchema.fromClasses(TestServiceGrpc.class);

  /** A real server of {@code service} with the metadata echo, noting each call's deadline. */
  private static final class Real implements AutoCloseable {
    final List<String> deadlines = new CopyOnWriteArrayList<>();
    final Server server;
    final ManagedChannel channel;

    Real(BindableService service) throws Exception {
      String name = InProcessServerBuilder.generateName();
      ServerInterceptor deadlineNote =
          new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
              deadlines.add(
                  call.getMethodDescriptor().getBareMethodName()
                      + " "
                      + (Context.current().getDeadline() != null));
              return Contexts.interceptCall(Context.current(), call, headers, next);
            }
          };
      server =
          InProcessServerBuilder.forName(name)
              .addService(
                  ServerInterceptors.intercept(
                      service, TestServiceImpl.ECHO_METADATA, deadlineNote))
              .build()
              .start();
      channel = InProcessChannelBuilder.forName(name).build();
    }

    @Override
    public void close() throws Exception {
      channel.shutdownNow();
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** The test service with another echo: what a provider's change looks like. */
  static final class ChangedService extends TestServiceImpl {
    @Override
    public void echo(EchoRequest request, StreamObserver<EchoResponse> responses) {
      responses.onNext(EchoResponse.newBuilder().setText(request.getText() + "!").build());
      responses.onCompleted();
    }
  }

  /** Makes one call of each kind (and a failing one) through {@code channel}. */
  private static void exercise(ManagedChannel channel) {
    try (GrpcClient client = GrpcClient.create(channel, SCHEMA)) {
      GrpcResponse echo =
          client.invoke(
              SERVICE + "Echo",
              "{\"text\": \"ab\", \"times\": 2}",
              CallParams.withMetadata("x-tenant", "acme").andDeadline(Duration.ofSeconds(3)));
      assertThat(echo.json()).contains("abab");
      assertThat(echo.headers().get(Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER)))
          .as("response headers come back through the recorder")
          .isEqualTo("acme");
      assertThat(
              client
                  .serverStream(SERVICE + "Repeat", "{\"text\": \"x\", \"times\": 3}")
                  .messageCount())
          .isEqualTo(3);
      assertThat(
              client
                  .clientStream(SERVICE + "Collect", "{\"text\": \"a\"}", "{\"text\": \"b\"}")
                  .json())
          .contains("ab");
      BidiStream chat = client.bidiStream(SERVICE + "Chat");
      chat.send("{\"text\": \"hi\"}");
      assertThat(chat.receive().toString()).contains("HI");
      chat.send("{\"text\": \"yo\"}");
      assertThat(chat.receive().toString()).contains("YO");
      chat.halfClose();
      assertThat(chat.awaitCompletion(Duration.ofSeconds(5)).status().isOk()).isTrue();
      GrpcResponse fail =
          client.invoke(
              SERVICE + "Fail",
              "{\"code\": \"NOT_FOUND\", \"description\": \"no order 7\","
                  + " \"trailers\": {\"x-why\": \"gone\"}}");
      assertThat(fail.status().getCode()).isEqualTo(Status.Code.NOT_FOUND);
      assertThat(fail.trailers().get(Metadata.Key.of("x-why", Metadata.ASCII_STRING_MARSHALLER)))
          .as("trailers come back through the recorder")
          .isEqualTo("gone");
    }
  }

  @Test
  void recordsEveryCallKindAsAContractTheSameServiceFulfilsAndAChangedOneBreaks(@TempDir Path dir)
      throws Exception {
    Path file;
    try (Real real = new Real(new TestServiceImpl());
        GrpcRecorder recorder = GrpcRecorder.start(SCHEMA, real.channel)) {
      exercise(recorder.channel());

      assertThat(real.deadlines).contains("Echo true");
      assertThat(recorder.calls()).hasSize(5);
      file = recorder.writeTo(dir, "web", "echo");
    }
    ContractFile contract = Contracts.load(file.toString()).get(0);
    assertThat(contract.interactions())
        .extracting(Interaction::name)
        .containsExactly(
            "recorded: Chat #4",
            "recorded: Collect #3",
            "recorded: Echo",
            "recorded: Fail #5",
            "recorded: Repeat #2");
    assertThat(Files.readString(file))
        .contains("    metadata:\n      x-tenant: acme\n")
        .contains("    status: NOT_FOUND\n    description: \"no order 7\"\n")
        .contains("      - halfClose: true\n");

    try (Real same = new Real(new TestServiceImpl());
        GrpcClient client = GrpcClient.create(same.channel, SCHEMA)) {
      for (Interaction interaction : contract.interactions()) {
        VerificationResult result = ContractVerifier.verify(client, interaction);
        assertThat(result.passed()).as(result.describe()).isTrue();
      }
    }
    try (Real changed = new Real(new ChangedService());
        GrpcClient client = GrpcClient.create(changed.channel, SCHEMA)) {
      VerificationResult echo =
          ContractVerifier.verify(client, contract.interaction("recorded: Echo"));
      assertThat(echo.passed()).isFalse();
      assertThat(echo.describe())
          .contains("recorded: Echo")
          .contains("response.text: expected \"abab\" but was \"ab!\"");
      assertThat(
              ContractVerifier.verify(client, contract.interaction("recorded: Repeat #2")).passed())
          .isTrue();
    }
  }

  @Test
  void theWrittenContractIsTheSameBytesForTheSameCalls(@TempDir Path dir) throws Exception {
    String first;
    String second;
    try (Real real = new Real(new TestServiceImpl());
        GrpcRecorder recorder = GrpcRecorder.startOnLoopbackPort(SCHEMA, real.channel)) {
      ManagedChannel channel =
          io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forTarget(recorder.address())
              .usePlaintext()
              .build();
      try {
        exercise(channel);
        first = ContractWriter.write("web", "echo", recorder.interactions("r"));
        recorder.reset();
        exercise(channel);
        second = ContractWriter.write("web", "echo", recorder.interactions("r"));
      } finally {
        channel.shutdownNow();
      }
    }
    assertThat(second).isEqualTo(first).contains("x-tenant: acme").doesNotContain("user-agent");
  }
}
