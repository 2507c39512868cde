package dev.grpccontract.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grpccontract.client.GrpcResponse;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection mistakes: each says which attribute to set, in the call's status or at setup. */
class ConnectionHintsTest {

  static String configurationFailure(GrpcContractExtension.Builder builder) {
    NetworkTargetTest.ThroughExtension.extension =
        builder
            .schema(
                dev.grpccontract.proto.ProtoSchema.fromClasses(
                    dev.grpccontract.testing.TestServiceGrpc.class))
            .build();
    NetworkTargetTest.ThroughExtension.sink = response -> {};
    return GrpcContractExtensionTest.failureOf(NetworkTargetTest.ThroughExtension.class);
  }

  @Test
  void tlsClientAgainstAPlaintextServerSaysToSetPlaintext() throws Exception {
    try (NetworkTargetTest.OwnServer plain =
        new NetworkTargetTest.OwnServer(io.grpc.InsecureServerCredentials.create())) {
      GrpcResponse response =
          NetworkTargetTest.callThrough(
              GrpcContractExtension.builder()
                  .address(plain.address())
                  .trustCertificates("classpath:certs/ca.pem"));

      assertThat(response.code()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(response.description())
          .contains("NotSslRecordException")
          .contains("fix: the server speaks plaintext, not TLS: set plaintext = true");
    }
  }

  @Test
  void plaintextClientAgainstATlsServerSaysNotToSetPlaintext() throws Exception {
    try (NetworkTargetTest.OwnServer tls =
        new NetworkTargetTest.OwnServer(
            NetworkTargetTest.serverTls("certs/server1.pem", "certs/server1.key", false))) {
      GrpcResponse response =
          NetworkTargetTest.callThrough(
              GrpcContractExtension.builder().address(tls.address()).plaintext());

      assertThat(response.code()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(response.description())
          .contains("a TLS server does this to a plaintext client")
          .contains("do not set plaintext = true");
    }
  }

  @Test
  void untrustedCertificateNamesTrustCertificates() throws Exception {
    try (NetworkTargetTest.OwnServer tls =
        new NetworkTargetTest.OwnServer(
            NetworkTargetTest.serverTls("certs/server1.pem", "certs/server1.key", false))) {
      GrpcResponse response =
          NetworkTargetTest.callThrough(
              GrpcContractExtension.builder()
                  .address(tls.address())
                  .authority("foo.test.google.fr"));

      assertThat(response.code()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(response.description())
          .contains("not signed by a CA the client trusts")
          .contains("@Tls(trustCertificates)");
    }
  }

  @Test
  void portThatSpeaksHttp1SaysSo() throws Exception {
    com.sun.net.httpserver.HttpServer http =
        com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.start();
    try {
      GrpcResponse response =
          NetworkTargetTest.callThrough(
              GrpcContractExtension.builder()
                  .address("127.0.0.1:" + http.getAddress().getPort())
                  .plaintext());

      assertThat(response.code()).isNotEqualTo(Status.Code.OK);
      assertThat(response.description())
          .contains("fix: the port answers in HTTP/1.1, not gRPC's HTTP/2");
    } finally {
      http.stop(0);
    }
  }

  @Test
  void plaintextWithTlsMaterialIsAConfigurationError() {
    assertThat(
            configurationFailure(
                GrpcContractExtension.builder()
                    .address("127.0.0.1:1")
                    .plaintext()
                    .trustCertificates("classpath:certs/ca.pem")))
        .contains("plaintext = true and TLS material in tls = @Tls(...)");
  }

  @GrpcTarget(
      address = "127.0.0.1:1",
      plaintext = true,
      tls = @Tls(trustCertificates = "classpath:certs/ca.pem"))
  @ProtoSource(classes = dev.grpccontract.testing.TestServiceGrpc.class)
  static class PlaintextAndTlsExample {
    @Test
    void call(dev.grpccontract.client.GrpcClient client) {}
  }

  @Test
  void plaintextWithTlsOnTheAnnotationIsAConfigurationError() {
    assertThat(GrpcContractExtensionTest.failureOf(PlaintextAndTlsExample.class))
        .contains("sets plaintext = true and TLS material");
  }

  @Test
  void httpUrlAddressSaysToWriteHostAndPort() {
    assertThat(
            configurationFailure(
                GrpcContractExtension.builder().address("http://localhost:50051/").plaintext()))
        .contains("a gRPC address is host:port, not a URL; write \"localhost:50051\"");
    assertThat(
            configurationFailure(GrpcContractExtension.builder().address("https://api.test:443")))
        .contains("write \"api.test:443\" (TLS is the default)");
  }

  @Test
  void pkcs1KeyIsNamedWithTheConversion(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("client-rsa.key");
    Files.writeString(
        key,
        "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"
            + "-----END RSA PRIVATE KEY-----\n");

    assertThat(
            configurationFailure(
                GrpcContractExtension.builder()
                    .address("127.0.0.1:1")
                    .trustCertificates("classpath:certs/ca.pem")
                    .clientCertificate("classpath:certs/client.pem", key.toString())))
        .contains("@Tls(clientKey) = \"" + key + "\"")
        .contains("is a PKCS#1 key (BEGIN RSA PRIVATE KEY)")
        .contains("openssl pkcs8 -topk8 -nocrypt -in " + key);
  }

  @Test
  void callsStillWorkAfterTheChecks() throws Exception {
    try (NetworkTargetTest.OwnServer tls =
        new NetworkTargetTest.OwnServer(
            NetworkTargetTest.serverTls("certs/server1.pem", "certs/server1.key", false))) {
      GrpcResponse response =
          NetworkTargetTest.callThrough(
              GrpcContractExtension.builder()
                  .address(tls.address())
                  .authority("foo.test.google.fr")
                  .trustCertificates("classpath:certs/ca.pem"));

      assertThat(response.code()).isEqualTo(Status.Code.OK);
    }
  }
}
