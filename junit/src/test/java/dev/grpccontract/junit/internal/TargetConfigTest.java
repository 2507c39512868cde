package dev.grpccontract.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.junit.GrpcTarget;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class TargetConfigTest {

  @Test
  void defaultsHostInProcessWithTheClientsDeadlineAndNoTls() {
    TargetConfig config = TargetConfig.builder().build();

    assertThat(config.hosted()).isTrue();
    assertThat(config.transport()).isEqualTo(GrpcTarget.Transport.IN_PROCESS);
    assertThat(config.deadline()).isEqualTo(GrpcClient.DEFAULT_DEADLINE);
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.tls()).isEqualTo(TargetConfig.TlsMaterial.NONE);
    assertThat(config.maxInboundMessageSize()).isEqualTo(-1);
    assertThat(config.maxOutboundMessageSize()).isEqualTo(-1);
    assertThat(config.metadata()).isEmpty();
    assertThat(config.callCredentials()).isEmpty();
    assertThat(config.schema()).isNull();
    assertThat(config.directExecutor()).isFalse();
  }

  @Test
  void metadataIsAnOrderedMultimapWithRepeatedKeysAndBinaryValues() {
    TargetConfig config =
        TargetConfig.builder()
            .metadata(" X-Tenant ", " acme ")
            .metadata("x-tenant", "other")
            .metadata("trace-bin", "AQI=")
            .build();

    assertThat(config.metadata())
        .containsExactly(
            Map.entry("x-tenant", "acme"),
            Map.entry("x-tenant", "other"),
            Map.entry("trace-bin", "AQI="));
    Metadata headers = config.headers();
    assertThat(headers.getAll(Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER)))
        .containsExactly("acme", "other");
    assertThat(headers.get(Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER)))
        .containsExactly(1, 2);
  }

  @Test
  void callCredentialsAreTheirOwnFieldNotServices() {
    CallCredentials credentials = new NoCredentials();
    TargetConfig config = TargetConfig.builder().callCredentials(credentials).build();

    assertThat(config.callCredentials()).containsExactly(credentials);
    assertThat(config.services()).isEmpty();
  }

  @Test
  void toBuilderKeepsEveryValueSoEqualConfigurationsShareATarget() {
    TargetConfig config =
        TargetConfig.builder()
            .testClass(TargetConfigTest.class)
            .where("class X")
            .address(" localhost:1 ")
            .plaintext(true)
            .authority("svc")
            .metadata("k", "v")
            .deadline(Duration.ofMillis(500))
            .maxInboundMessageSize(10)
            .directExecutor(true)
            .build();

    TargetConfig copy = config.toBuilder().build();

    assertThat(copy).isEqualTo(config).hasSameHashCodeAs(config);
    assertThat(copy.address()).isEqualTo("localhost:1");
    assertThat(config.toBuilder().metadata(List.of()).build()).isNotEqualTo(config);
  }

  @Test
  void aDeadlineThatIsNotPositiveIsRejectedWhereItIsSet() {
    assertThatThrownBy(() -> TargetConfig.builder().deadline(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deadline must be positive, but was PT0S");
  }

  private static final class NoCredentials extends CallCredentials {
    @Override
    public void applyRequestMetadata(
        RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
      applier.apply(new Metadata());
    }
  }
}
