package dev.grpccontract.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grpccontract.client.CallParams;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.client.GrpcResponse;
import dev.grpccontract.testing.EchoResponse;
import dev.grpccontract.testing.TestServiceImpl;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Netty transport, TLS, credentials, limits and compression, through whole engine runs. */
class NetworkTargetTest {

  static final String ECHO = "grpccontract.test.TestService/Echo";
  static final Map<String, String> SEEN = new ConcurrentHashMap<>();

  /** Records a few request headers the server received. */
  static final ServerInterceptor RECORDING =
      new ServerInterceptor() {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
          for (String key : List.of("authorization", "x-tenant", "grpc-encoding", "x-signed")) {
            String value = headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
            if (value != null) {
              SEEN.put(key, value);
            }
          }
          return next.startCall(call, headers);
        }
      };

  @AfterEach
  void clear() {
    SEEN.clear();
    System.clearProperty("gc.test.address");
    System.clearProperty("gc.test.token");
  }

  static String echo(GrpcClient client, String text) {
    GrpcResponse response = client.invoke(ECHO, Map.of("text", text));
    assertThat(response.code()).as(response.toString()).isEqualTo(Status.Code.OK);
    return response.as(EchoResponse.class).getText();
  }

  // ------------------------------------------------------------------ Netty transport, plaintext

  static final List<String> AUTHORITIES = new CopyOnWriteArrayList<>();

  @GrpcTarget(services = TestServiceImpl.class, transport = GrpcTarget.Transport.NETTY)
  static class NettyExample {
    @Test
    void overARealSocket(GrpcClient client, ManagedChannel channel) {
      AUTHORITIES.add(channel.authority());
      assertThat(channel.authority()).startsWith("127.0.0.1:");
      assertThat(echo(client, "n")).isEqualTo("n");
    }

    @Test
    void deadlineExceededAtTheDeadline(GrpcClient client) {
      GrpcResponse response =
          client.invoke(
              "grpccontract.test.TestService/Slow",
              "{\"millis\": 3000}",
              CallParams.withDeadline(Duration.ofMillis(200)));
      assertThat(response.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(response.duration()).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void hostsServicesOnALoopbackNettyServer() {
    AUTHORITIES.clear();
    EngineRunner.assertAllSucceeded(EngineRunner.run(NettyExample.class), 2);
    assertThat(AUTHORITIES).hasSize(1);
  }

  @Test
  void manyNettyClassesLeaveNoPortsOrThreadsBehind() throws Exception {
    // Pools (grpc-java's shared executor and event loops) size themselves to the load in the first
    // runs; a leak would instead grow with every run. So: warm up, count, run more, count again.
    for (int i = 0; i < 10; i++) {
      EngineRunner.assertAllSucceeded(EngineRunner.run(NettyExample.class), 2);
    }
    AUTHORITIES.clear();
    int warm = settledThreadCount(Integer.MAX_VALUE);
    int warmDedicated = dedicatedThreads().size();

    for (int i = 0; i < 30; i++) {
      EngineRunner.assertAllSucceeded(EngineRunner.run(NettyExample.class), 2);
    }

    assertThat(AUTHORITIES).hasSize(30);
    for (String authority : AUTHORITIES) {
      int port = Integer.parseInt(authority.substring(authority.indexOf(':') + 1));
      assertThat(connects(port)).as("port %s still open", port).isFalse();
    }
    settledThreadCount(warm);
    // grpc-java's shared cached executor grows with peak concurrency, not with runs, and retires
    // idle threads after 60 s; every other thread (event loops, timers) must be back to before.
    assertThat(dedicatedThreads())
        .as("threads besides the shared executor")
        .hasSizeLessThanOrEqualTo(warmDedicated);
    assertThat(dedicatedThreads())
        .noneMatch(
            name -> name.contains("worker") || name.contains("boss") || name.contains("nio"));
  }

  static List<String> dedicatedThreads() {
    List<String> names = threadNames();
    names.removeIf(name -> name.startsWith("grpc-default-executor"));
    return names;
  }

  /** Waits (up to 5 s) for the shared event loops to release idle threads, then counts. */
  static int settledThreadCount(int target) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    Thread.sleep(
        1200); // grpc-java releases a shared event loop group one second after its last use
    int count = Thread.activeCount();
    while (count > target && System.nanoTime() < end) {
      Thread.sleep(100);
      count = Thread.activeCount();
    }
    return count;
  }

  static List<String> threadNames() {
    List<String> names = new java.util.ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      names.add(thread.getName());
    }
    java.util.Collections.sort(names);
    return names;
  }

  private static boolean connects(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (ConnectException e) {
      return false;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------ TLS and mTLS

  @GrpcTarget(
      services = TestServiceImpl.class,
      transport = GrpcTarget.Transport.NETTY,
      authority = "foo.test.google.fr",
      tls =
          @Tls(
              trustCertificates = "classpath:certs/ca.pem",
              serverCertificate = "classpath:certs/server1.pem",
              serverKey = "classpath:certs/server1.key"))
  static class TlsExample {
    @Test
    void tls(GrpcClient client) {
      assertThat(echo(client, "secure")).isEqualTo("secure");
    }
  }

  @GrpcTarget(
      services = TestServiceImpl.class,
      transport = GrpcTarget.Transport.NETTY,
      authority = "foo.test.google.fr",
      tls =
          @Tls(
              trustCertificates = "classpath:certs/ca.pem",
              clientCertificate = "classpath:certs/client.pem",
              clientKey = "classpath:certs/client.key",
              serverCertificate = "classpath:certs/server1.pem",
              serverKey = "classpath:certs/server1.key",
              requireClientCertificate = true))
  static class MutualTlsExample {
    @Test
    void mutualTls(GrpcClient client) {
      assertThat(echo(client, "mutual")).isEqualTo("mutual");
    }
  }

  @Test
  void tlsAndMutualTlsWork() {
    EngineRunner.assertAllSucceeded(EngineRunner.run(TlsExample.class, MutualTlsExample.class), 2);
  }

  /** Starts a Netty server of its own, so a client can be configured against it wrongly. */
  static final class OwnServer implements AutoCloseable {
    final Server server;

    OwnServer(io.grpc.ServerCredentials credentials) throws Exception {
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), credentials)
              .addService(ServerInterceptors.intercept(new TestServiceImpl(), RECORDING))
              .build()
              .start();
    }

    String address() {
      return "127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() throws Exception {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  static io.grpc.ServerCredentials serverTls(String cert, String key, boolean requireClient)
      throws Exception {
    ClassLoader loader = NetworkTargetTest.class.getClassLoader();
    io.grpc.TlsServerCredentials.Builder builder =
        io.grpc.TlsServerCredentials.newBuilder()
            .keyManager(loader.getResourceAsStream(cert), loader.getResourceAsStream(key));
    if (requireClient) {
      builder
          .trustManager(loader.getResourceAsStream("certs/ca.pem"))
          .clientAuth(io.grpc.TlsServerCredentials.ClientAuth.REQUIRE);
    }
    return builder.build();
  }

  static GrpcResponse callThrough(GrpcContractExtension.Builder builder) {
    GrpcResponse[] result = new GrpcResponse[1];
    ThroughExtension.extension =
        builder
            .schema(
                dev.grpccontract.proto.ProtoSchema.fromClasses(
                    dev.grpccontract.testing.TestServiceGrpc.class))
            .deadline(Duration.ofSeconds(4))
            .build();
    ThroughExtension.sink = r -> result[0] = r;
    EngineRunner.assertAllSucceeded(EngineRunner.run(ThroughExtension.class), 1);
    return result[0];
  }

  static class ThroughExtension {
    @org.junit.jupiter.api.extension.RegisterExtension static GrpcContractExtension extension;
    static java.util.function.Consumer<GrpcResponse> sink;

    @Test
    void call(GrpcClient client) {
      sink.accept(client.invoke(ECHO, "{\"text\": \"t\"}"));
    }
  }

  @Test
  void wrongCaFailsWithACertificateError() throws Exception {
    try (OwnServer server =
        new OwnServer(serverTls("certs/badserver.pem", "certs/badserver.key", false))) {
      GrpcResponse response =
          callThrough(
              GrpcContractExtension.builder()
                  .address(server.address())
                  .authority("foo.test.google.fr")
                  .trustCertificates("classpath:certs/ca.pem"));

      assertThat(response.code()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(response.description()).containsIgnoringCase("certificat");
      assertThat(response.duration()).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void clientWithoutCertificateIsRefusedByAMutualTlsServer() throws Exception {
    try (OwnServer server =
        new OwnServer(serverTls("certs/server1.pem", "certs/server1.key", true))) {
      GrpcResponse refused =
          callThrough(
              GrpcContractExtension.builder()
                  .address(server.address())
                  .authority("foo.test.google.fr")
                  .trustCertificates("classpath:certs/ca.pem"));
      GrpcResponse accepted =
          callThrough(
              GrpcContractExtension.builder()
                  .address(server.address())
                  .authority("foo.test.google.fr")
                  .trustCertificates("classpath:certs/ca.pem")
                  .clientCertificate("classpath:certs/client.pem", "classpath:certs/client.key"));

      assertThat(refused.code()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(refused.duration()).isLessThan(Duration.ofSeconds(4));
      assertThat(accepted.code()).isEqualTo(Status.Code.OK);
    }
  }

  @Test
  void plaintextAgainstTlsAndTlsAgainstPlaintextFailClearlyWithoutHanging() throws Exception {
    try (OwnServer tls = new OwnServer(serverTls("certs/server1.pem", "certs/server1.key", false));
        OwnServer plain = new OwnServer(io.grpc.InsecureServerCredentials.create())) {
      GrpcResponse plaintextToTls =
          callThrough(GrpcContractExtension.builder().address(tls.address()).plaintext());
      GrpcResponse tlsToPlaintext =
          callThrough(
              GrpcContractExtension.builder()
                  .address(plain.address())
                  .trustCertificates("classpath:certs/ca.pem"));

      assertThat(plaintextToTls.code()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(plaintextToTls.duration()).isLessThan(Duration.ofSeconds(4));
      assertThat(tlsToPlaintext.code()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(tlsToPlaintext.description()).isNotBlank();
      assertThat(tlsToPlaintext.duration()).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void nothingListeningGivesUnavailableWithTheCause() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    GrpcResponse response =
        callThrough(GrpcContractExtension.builder().address("127.0.0.1:" + port).plaintext());

    assertThat(response.code()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(response.description()).contains("Connection refused");
  }

  // ------------------------------------------------------------------ addresses and credentials

  @Test
  void unixDomainSocketTargets(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        io.grpc.netty.shaded.io.netty.channel.epoll.Epoll.isAvailable(),
        "Unix domain sockets need Netty's native epoll transport, not available on this platform");
    String socket = dir.resolve("grpc.sock").toString();
    io.grpc.netty.shaded.io.netty.channel.EventLoopGroup loop =
        new io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup(
            1, io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler.newFactory());
    Server server =
        NettyServerBuilder.forAddress(
                new io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress(socket))
            .channelType(
                io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel.class)
            .bossEventLoopGroup(loop)
            .workerEventLoopGroup(loop)
            .addService(new TestServiceImpl())
            .build()
            .start();
    try {
      GrpcResponse response =
          callThrough(GrpcContractExtension.builder().address("unix://" + socket).plaintext());
      assertThat(response.code()).as(response.toString()).isEqualTo(Status.Code.OK);
    } finally {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
  }

  @GrpcTarget(services = TestServiceImpl.class, address = "${gc.test.address:}", plaintext = true)
  static class SwitchExample {
    @GrpcService static final ServerInterceptor MARK_IN_PROCESS = RECORDING;

    @Test
    void call(GrpcClient client, ManagedChannel channel) {
      AUTHORITIES.add(channel.authority());
      assertThat(echo(client, "s")).isEqualTo("s");
    }
  }

  @Test
  void addressPlaceholderSwitchesBetweenInProcessAndAServer() throws Exception {
    AUTHORITIES.clear();
    EngineRunner.assertAllSucceeded(EngineRunner.run(SwitchExample.class), 1);

    try (OwnServer server = new OwnServer(io.grpc.InsecureServerCredentials.create())) {
      System.setProperty("gc.test.address", server.address());
      EngineRunner.assertAllSucceeded(EngineRunner.run(SwitchExample.class), 1);
      assertThat(AUTHORITIES.get(1)).isEqualTo(server.address());
    }
    assertThat(AUTHORITIES.get(0)).isNotEqualTo(AUTHORITIES.get(1));
  }

  @GrpcTarget(address = "${gc.test.unset.address}", plaintext = true)
  static class UnsetPlaceholderExample {
    @Test
    void t(GrpcClient client) {}
  }

  @Test
  void unsetPlaceholderNamesThePropertyAndTheVariable() {
    assertThat(GrpcContractExtensionTest.failureOf(UnsetPlaceholderExample.class))
        .contains(
            "${gc.test.unset.address} is not set",
            "system property 'gc.test.unset.address'",
            "environment variable 'gc.test.unset.address' and 'GC_TEST_UNSET_ADDRESS'",
            "${gc.test.unset.address:value}");
  }

  @GrpcTarget(
      services = TestServiceImpl.class,
      bearerToken = "${gc.test.token:default-token}",
      metadata = "x-tenant: acme")
  static class CredentialsExample {
    @GrpcService static final ServerInterceptor RECORD = RECORDING;

    @GrpcCallCredentials
    static final CallCredentials SIGNER =
        new CallCredentials() {
          @Override
          public void applyRequestMetadata(
              RequestInfo info, Executor executor, MetadataApplier applier) {
            Metadata signed = new Metadata();
            signed.put(
                Metadata.Key.of("x-signed", Metadata.ASCII_STRING_MARSHALLER),
                info.getMethodDescriptor().getBareMethodName());
            applier.apply(signed);
          }
        };

    @Test
    void sendsTokenMetadataAndCredentials(GrpcClient client) {
      echo(client, "c");
    }
  }

  @Test
  void bearerTokenMetadataAndCallCredentialsReachTheServer() {
    System.setProperty("gc.test.token", "s3cr3t");
    EngineRunner.assertAllSucceeded(EngineRunner.run(CredentialsExample.class), 1);

    assertThat(SEEN)
        .containsEntry("authorization", "Bearer s3cr3t")
        .containsEntry("x-tenant", "acme")
        .containsEntry("x-signed", "Echo");
  }

  // ------------------------------------------------------------------ limits and compression

  /** Over a real transport: in-process calls hand generated messages across without serializing. */
  @GrpcTarget(
      services = TestServiceImpl.class,
      transport = GrpcTarget.Transport.NETTY,
      maxInboundMessageSize = 1000,
      maxOutboundMessageSize = 1000)
  static class LimitsExample {
    @GrpcService static final ServerInterceptor RECORD = RECORDING;

    @Test
    void responseAtAndOverTheInboundLimit(GrpcClient client) {
      // The response repeats the request: text plus its copy inside "request".
      assertThat(client.invoke(ECHO, Map.of("text", "x".repeat(400))).code())
          .isEqualTo(Status.Code.OK);
      GrpcResponse over = client.invoke(ECHO, Map.of("text", "x".repeat(100), "times", 20));
      assertThat(over.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(over.description()).contains("exceeds maximum");
    }

    @Test
    void requestAtAndOverTheOutboundLimit(GrpcClient client) {
      // 900 bytes go out; the server answers with a status only, so the inbound limit stays out of
      // it.
      GrpcResponse at =
          client.invoke(
              "grpccontract.test.TestService/Fail",
              Map.of("code", "ALREADY_EXISTS", "description", "y".repeat(900)));
      assertThat(at.code()).isEqualTo(Status.Code.ALREADY_EXISTS);
      GrpcResponse over = client.invoke(ECHO, Map.of("text", "y".repeat(1200)));
      assertThat(over.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(over.description())
          .contains("message too large 1203 > 1000", "so grpc-contract did not send it");
    }

    @Test
    void gzipPerCall(GrpcClient client) {
      GrpcResponse response =
          client.invoke(ECHO, Map.of("text", "z".repeat(300)), CallParams.withCompression("gzip"));
      assertThat(response.code()).isEqualTo(Status.Code.OK);
      assertThat(SEEN).containsEntry("grpc-encoding", "gzip");
    }
  }

  @Test
  void messageSizeLimitsAndCompression() {
    EngineRunner.assertAllSucceeded(EngineRunner.run(LimitsExample.class), 3);
  }
}
