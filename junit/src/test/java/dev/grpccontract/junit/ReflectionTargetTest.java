package dev.grpccontract.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.testing.TestServiceImpl;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reflection through a target: its deadline, and its connection failures. */
class ReflectionTargetTest {

  /** A reflection service that never answers. */
  static final class SilentReflection extends ServerReflectionGrpc.ServerReflectionImplBase {
    @Override
    public StreamObserver<ServerReflectionRequest> serverReflectionInfo(
        StreamObserver<ServerReflectionResponse> responses) {
      return new StreamObserver<>() {
        @Override
        public void onNext(ServerReflectionRequest request) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
      };
    }
  }

  @GrpcTarget(services = TestServiceImpl.class, deadline = "300ms")
  @ProtoSource(reflection = true)
  static class SilentReflectionExample {
    @GrpcService static final SilentReflection REFLECTION = new SilentReflection();

    @Test
    void call(GrpcClient client) {}
  }

  @Test
  void reflectionWaitsForTheTargetsDeadlineNotTenSeconds() {
    String failure = GrpcContractExtensionTest.failureOf(SilentReflectionExample.class);

    assertThat(failure)
        .contains(
            "@ProtoSource(reflection = true)", "Server reflection failed with DEADLINE_EXCEEDED")
        .containsPattern("deadline exceeded after 0\\.\\d+s");
  }

  @Test
  void tlsFailureDuringReflectionKeepsItsCauseAndSaysToSetPlaintext() throws Exception {
    try (NetworkTargetTest.OwnServer plain =
        new NetworkTargetTest.OwnServer(io.grpc.InsecureServerCredentials.create())) {
      ManagedChannel channel =
          Grpc.newChannelBuilder(
                  plain.address(),
                  TlsChannelCredentials.newBuilder()
                      .trustManager(getClass().getClassLoader().getResourceAsStream("certs/ca.pem"))
                      .build())
              .build();
      try {
        Throwable failure = catchThrowable(() -> ProtoSchema.fromReflection(channel));

        assertThat(failure)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("Server reflection failed with UNAVAILABLE")
            .hasMessageContaining("fix: the server speaks plaintext, not TLS: set plaintext = true")
            .hasRootCauseInstanceOf(
                io.grpc.netty.shaded.io.netty.handler.ssl.NotSslRecordException.class);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
