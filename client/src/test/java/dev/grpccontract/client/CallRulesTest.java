package dev.grpccontract.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grpccontract.proto.ProtoSchema;
import dev.grpccontract.testing.EchoRequest;
import dev.grpccontract.testing.EchoResponse;
import dev.grpccontract.testing.TestServiceGrpc;
import dev.grpccontract.testing.TestServiceImpl;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's own rules of a call: the outbound size limit, one answer per unary call, cancel. */
class CallRulesTest {

  static final String ECHO = "grpccontract.test.TestService/Echo";
  static final String SLOW = "grpccontract.test.TestService/Slow";
  static final String REPEAT = "grpccontract.test.TestService/Repeat";
  static final String COLLECT = "grpccontract.test.TestService/Collect";
  static final String CHAT = "grpccontract.test.TestService/Chat";

  final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  static ProtoSchema schema() {
    return ProtoSchema.fromDescriptorSet(
        Paths.get("target/test-classes/protosets/testing.protoset"));
  }

  ManagedChannel inProcess(ServerServiceDefinition service) throws Exception {
    String name = InProcessServerBuilder.generateName();
    Server server = InProcessServerBuilder.forName(name).addService(service).build().start();
    resources.add(() -> server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    resources.add(() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    return channel;
  }

  /** A Netty server, and a fresh channel to it that has not connected yet. */
  ManagedChannel unconnectedNettyChannel() throws Exception {
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(new TestServiceImpl())
            .build()
            .start();
    resources.add(() -> server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    resources.add(() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    return channel;
  }

  /** Records what grpc-java logs at WARNING and above (a stack trace on stderr, by default). */
  static final class GrpcLog extends Handler implements AutoCloseable {
    final List<LogRecord> records = new ArrayList<>();
    final Logger logger = Logger.getLogger("io.grpc");

    GrpcLog() {
      logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        records.add(record);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
    }

    synchronized List<String> messages() {
      List<String> messages = new ArrayList<>();
      for (LogRecord record : records) {
        messages.add(record.getLoggerName() + ": " + record.getMessage());
      }
      return messages;
    }
  }

  @Test
  void requestOverMaxOutboundSizeIsResourceExhaustedOnEveryCallKindBeforeConnecting()
      throws Exception {
    Map<String, String> big = Map.of("text", "y".repeat(200));
    try (GrpcLog log = new GrpcLog()) {
      List<GrpcResult> results = new ArrayList<>();
      GrpcClient client = limited(unconnectedNettyChannel());
      results.add(client.invoke(ECHO, big));
      client = limited(unconnectedNettyChannel());
      results.add(client.invokeAsync(ECHO, big).get(5, TimeUnit.SECONDS));
      client = limited(unconnectedNettyChannel());
      results.add(client.serverStream(REPEAT, big));
      client = limited(unconnectedNettyChannel());
      results.add(client.clientStream(COLLECT, Map.of("text", "small"), big));
      client = limited(unconnectedNettyChannel());
      try (ClientStream stream = client.openClientStream(COLLECT)) {
        stream.send(big);
        results.add(stream.response());
        assertThat(stream.unsent()).singleElement().asString().contains("message too large");
      }
      client = limited(unconnectedNettyChannel());
      try (BidiStream stream = client.bidiStream(CHAT)) {
        stream.send(big);
        results.add(stream.awaitCompletion(Duration.ofSeconds(5)));
      }

      assertThat(results)
          .hasSize(6)
          .allSatisfy(
              result -> {
                assertThat(result.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                assertThat(result.description())
                    .contains("message too large 203 > 100", "maxOutboundMessageSize");
              });
      assertThat(log.messages()).isEmpty();
    }
  }

  @Test
  void requestAtTheOutboundLimitIsSent() throws Exception {
    GrpcClient client = limited(unconnectedNettyChannel());

    GrpcResponse response = client.invoke(ECHO, Map.of("text", "y".repeat(97)));

    assertThat(response.code()).isEqualTo(Status.Code.OK);
  }

  @Test
  void compressedRequestIsMeasuredUncompressedAsGrpcJavaDoes() throws Exception {
    GrpcClient client = limited(unconnectedNettyChannel());

    GrpcResponse response =
        client.invoke(ECHO, Map.of("text", "y".repeat(400)), CallParams.withCompression("gzip"));

    assertThat(response.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(response.description()).startsWith("message too large 403 > 100");
  }

  private GrpcClient limited(ManagedChannel channel) {
    GrpcClient client = GrpcClient.builder(channel, schema()).maxOutboundMessageSize(100).build();
    resources.add(client);
    return client;
  }

  /** Serves Echo and Collect as if they were streaming: each answers with two messages. */
  static ServerServiceDefinition answeringTwice() {
    MethodDescriptor<EchoRequest, EchoResponse> echo =
        TestServiceGrpc.getEchoMethod().toBuilder()
            .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
            .build();
    MethodDescriptor<EchoRequest, EchoResponse> collect =
        TestServiceGrpc.getCollectMethod().toBuilder()
            .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
            .build();
    return ServerServiceDefinition.builder(TestServiceGrpc.SERVICE_NAME)
        .addMethod(
            echo,
            ServerCalls.asyncServerStreamingCall(
                (request, responses) -> {
                  responses.onNext(EchoResponse.newBuilder().setText("first").build());
                  responses.onNext(EchoResponse.newBuilder().setText("second").build());
                  responses.onCompleted();
                }))
        .addMethod(
            collect,
            ServerCalls.asyncBidiStreamingCall(
                responses ->
                    new StreamObserver<EchoRequest>() {
                      @Override
                      public void onNext(EchoRequest value) {}

                      @Override
                      public void onError(Throwable t) {}

                      @Override
                      public void onCompleted() {
                        responses.onNext(EchoResponse.newBuilder().setText("first").build());
                        responses.onNext(EchoResponse.newBuilder().setText("second").build());
                        responses.onCompleted();
                      }
                    }))
        .build();
  }

  @Test
  void unaryMethodAnsweredWithTwoMessagesIsAnInternalError() throws Exception {
    GrpcClient client = GrpcClient.create(inProcess(answeringTwice()), schema());

    GrpcResponse blocking = client.invoke(ECHO, "{}");
    GrpcResponse async = client.invokeAsync(ECHO, "{}").get(5, TimeUnit.SECONDS);

    for (GrpcResponse response : List.of(blocking, async)) {
      assertThat(response.code()).isEqualTo(Status.Code.INTERNAL);
      assertThat(response.description()).isEqualTo("More than one value received for unary call");
      assertThat(response.hasMessage()).isFalse();
    }
  }

  @Test
  void clientStreamingMethodAnsweredWithTwoMessagesIsAnInternalError() throws Exception {
    GrpcClient client = GrpcClient.create(inProcess(answeringTwice()), schema());

    GrpcResponse given = client.clientStream(COLLECT, "{}");
    GrpcResponse fed;
    try (ClientStream stream = client.openClientStream(COLLECT)) {
      fed = stream.send("{}").response();
    }

    for (GrpcResponse response : List.of(given, fed)) {
      assertThat(response.code()).isEqualTo(Status.Code.INTERNAL);
      assertThat(response.description()).isEqualTo("More than one value received for unary call");
    }
  }

  @Test
  void cancellingTheFutureOfInvokeAsyncCancelsTheCall() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch cancelled = new CountDownLatch(1);
    ServerServiceDefinition waiting =
        ServerServiceDefinition.builder(TestServiceGrpc.SERVICE_NAME)
            .addMethod(
                TestServiceGrpc.getSlowMethod(),
                ServerCalls.asyncUnaryCall(
                    (request, responses) -> {
                      ((ServerCallStreamObserver<EchoResponse>) responses)
                          .setOnCancelHandler(cancelled::countDown);
                      started.countDown();
                    }))
            .build();
    GrpcClient client = GrpcClient.create(inProcess(waiting), schema());
    CompletableFuture<GrpcResponse> future =
        client.invokeAsync(SLOW, "{}", CallParams.withDeadline(Duration.ofSeconds(30)));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(future.cancel(true)).isTrue();

    assertThat(cancelled.await(10, TimeUnit.SECONDS))
        .as("the server saw the cancellation")
        .isTrue();
    assertThat(future).isCancelled();
  }

  @Test
  void sendToAServerThatIsNotReadingEndsWithTheDeadlineAndSaysTheServerWasNotReading()
      throws Exception {
    ServerServiceDefinition deaf =
        ServerServiceDefinition.builder(TestServiceGrpc.SERVICE_NAME)
            .addMethod(
                TestServiceGrpc.getChatMethod(),
                (call, headers) -> {
                  call.sendHeaders(new io.grpc.Metadata());
                  return new io.grpc.ServerCall.Listener<EchoRequest>() {};
                })
            .build();
    GrpcClient client = GrpcClient.create(inProcess(deaf), schema());

    try (BidiStream stream =
        client.bidiStream(CHAT, CallParams.withDeadline(Duration.ofMillis(300)))) {
      for (int i = 0; i < 20 && stream.unsent().isEmpty(); i++) {
        stream.send(Map.of("text", "z".repeat(64 * 1024)));
      }

      assertThat(stream.unsent())
          .singleElement()
          .asString()
          .contains("the server was not reading, and the call ended with DEADLINE_EXCEEDED");
      assertThat(stream.awaitCompletion(Duration.ofSeconds(5)).code())
          .isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    }
  }
}
