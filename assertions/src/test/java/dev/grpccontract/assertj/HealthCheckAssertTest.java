package dev.grpccontract.assertj;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;
import static dev.grpccontract.assertj.GrpcAssertions.then;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.grpccontract.client.HealthCheck;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The health check assertion. */
class HealthCheckAssertTest {

  @Test
  void passesOnTheMatchingServingStatus() {
    assertThat(HealthCheck.of("shop.OrderService", ServingStatus.SERVING, Status.OK)).isServing();
    assertThat(HealthCheck.of("shop.OrderService", ServingStatus.NOT_SERVING, Status.OK))
        .isNotServing();
    assertThat(HealthCheck.of("nope", ServingStatus.SERVICE_UNKNOWN, Status.OK)).isServiceUnknown();
    then(HealthCheck.of("", ServingStatus.UNKNOWN, Status.UNIMPLEMENTED))
        .hasServingStatus(ServingStatus.UNKNOWN);
  }

  @Test
  void failureNamesTheServiceTheStatusAndTheHealthCallStatus() {
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () ->
                assertThat(
                        HealthCheck.of("shop.OrderService", ServingStatus.NOT_SERVING, Status.OK))
                    .as("orders")
                    .isServing());

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessage(
            String.format(
                "[orders] %nExpecting health of service \"shop.OrderService\" to be:%n  SERVING%n"
                    + "but was:%n  NOT_SERVING%n"
                    + "health call status:%n  OK (no description)"));
    org.assertj.core.api.Assertions.assertThat(error.getExpected().getValue())
        .isEqualTo(ServingStatus.SERVING);
    org.assertj.core.api.Assertions.assertThat(error.getActual().getValue())
        .isEqualTo(ServingStatus.NOT_SERVING);
  }

  @Test
  void theWholeServerIsNamedServerAndAFailedCallIsShown() {
    AssertionFailedError error =
        catchThrowableOfType(
            AssertionFailedError.class,
            () ->
                assertThat(
                        HealthCheck.of(
                            "",
                            ServingStatus.UNKNOWN,
                            Status.UNIMPLEMENTED.withDescription("no health service")))
                    .isServing());

    org.assertj.core.api.Assertions.assertThat(error)
        .hasMessage(
            String.format(
                "%nExpecting health of service (server) to be:%n  SERVING%n"
                    + "but was:%n  UNKNOWN%n"
                    + "health call status:%n  UNIMPLEMENTED \"no health service\""));
  }

  @Test
  void nullFails() {
    org.assertj.core.api.Assertions.assertThat(
            catchThrowableOfType(
                AssertionError.class, () -> assertThat((HealthCheck) null).isServing()))
        .hasMessageContaining("Expecting actual not to be null");
  }
}
