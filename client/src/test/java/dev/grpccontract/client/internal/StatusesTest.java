package dev.grpccontract.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The fixes the client writes into descriptions, for causes a real server gives only sometimes. */
class StatusesTest {

  @Test
  void aResetConnectionHintsAtPlaintextAgainstTls() {
    Status reset =
        Status.UNAVAILABLE
            .withDescription("io exception")
            .withCause(
                new IOException(
                    "recvAddress(..) failed with error(-104): Connection reset by peer"));

    assertThat(Statuses.explain(reset).getDescription())
        .contains("Connection reset by peer")
        .contains("a TLS server does this to a plaintext client")
        .contains("do not set plaintext = true");
  }

  @Test
  void aResetDuringATlsHandshakeGetsNoPlaintextHint() {
    Status reset =
        Status.UNAVAILABLE
            .withDescription("io exception")
            .withCause(new javax.net.ssl.SSLException("Connection reset by peer"));

    assertThat(Statuses.explain(reset).getDescription()).doesNotContain("plaintext");
  }
}
