package dev.grpccontract.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grpccontract.internal.Durations;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class PlaceholdersTest {

  final Placeholders placeholders =
      new Placeholders(
          Map.of("orders.grpc", "from-property", "both", "property-wins")::get,
          Map.of("both", "env", "ORDERS_TOKEN", "t0k3n", "PLAIN", "p")::get);

  @Test
  void propertyThenVariableThenUpperCaseVariableThenDefault() {
    assertThat(placeholders.resolve("${orders.grpc}", "a")).isEqualTo("from-property");
    assertThat(placeholders.resolve("${both}", "a")).isEqualTo("property-wins");
    assertThat(placeholders.resolve("${PLAIN}", "a")).isEqualTo("p");
    assertThat(placeholders.resolve("${orders.token}", "a")).isEqualTo("t0k3n");
    assertThat(placeholders.resolve("${missing:localhost:50051}", "a"))
        .isEqualTo("localhost:50051");
    assertThat(placeholders.resolve("${missing:}", "a")).isEmpty();
  }

  @Test
  void placeholdersMixWithText() {
    assertThat(placeholders.resolve("dns:///${PLAIN}.example:${port:443}", "a"))
        .isEqualTo("dns:///p.example:443");
    assertThat(placeholders.resolve("no placeholder", "a")).isEqualTo("no placeholder");
    assertThat(Placeholders.hasPlaceholder("x${y}")).isTrue();
    assertThat(Placeholders.hasPlaceholder("localhost:1")).isFalse();
  }

  @Test
  void unsetPlaceholderWithoutDefaultNamesWhatWasLookedUp() {
    assertThatThrownBy(() -> placeholders.resolve("${orders.address}", "@GrpcTarget(address)"))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "@GrpcTarget(address) = \"${orders.address}\": ${orders.address} is not set. Looked up"
                + " the system property 'orders.address' and the environment variable"
                + " 'orders.address' and 'ORDERS_ADDRESS'; set one of them, or give a default:"
                + " ${orders.address:value}");
  }

  @Test
  void durationsAcceptUnitsAndIso() {
    assertThat(Durations.parsePositive("500ms", "d")).hasMillis(500);
    assertThat(Durations.parsePositive("1.5s", "d")).hasMillis(1500);
    assertThat(Durations.parsePositive("2m", "d")).hasSeconds(120);
    assertThat(Durations.parsePositive("PT3S", "d")).hasSeconds(3);
    assertThatThrownBy(() -> Durations.parsePositive("0s", "d"))
        .hasMessageContaining("must be a positive duration");
  }
}
