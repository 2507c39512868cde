package dev.grpccontract.assertj;

import static org.assertj.core.description.EmptyTextDescription.emptyDescription;

import dev.grpccontract.assertj.internal.TextFactory;
import dev.grpccontract.assertj.internal.Texts;
import dev.grpccontract.client.HealthCheck;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.error.BasicErrorMessageFactory;

/**
 * Assertions on the answer of the standard health service ({@code grpc.health.v1.Health/Check}), a
 * {@link HealthCheck}.
 *
 * <p>Every check first verifies that the health check is not {@code null}. A failure is an {@code
 * org.opentest4j.AssertionFailedError} whose expected and actual values are the two serving
 * statuses; its message names the service ({@code (server)} for the server as a whole), the actual
 * serving status and the status of the health call itself. Create instances with {@link
 * GrpcAssertions#assertThat(HealthCheck)}; the class is not final so that soft assertions can proxy
 * it.
 */
public class HealthCheckAssert extends AbstractAssert<HealthCheckAssert, HealthCheck> {

  /**
   * Creates an assertion on a health check.
   *
   * @param actual the health check under test; {@code null} fails every check
   */
  public HealthCheckAssert(HealthCheck actual) {
    super(actual, HealthCheckAssert.class);
  }

  /**
   * Verifies that the service is {@link ServingStatus#SERVING SERVING}.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the health check is {@code null} or has another serving status
   */
  public HealthCheckAssert isServing() {
    return hasServingStatus(ServingStatus.SERVING);
  }

  /**
   * Verifies that the service is {@link ServingStatus#NOT_SERVING NOT_SERVING}: known to the health
   * service and reported down.
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the health check is {@code null} or has another serving status
   */
  public HealthCheckAssert isNotServing() {
    return hasServingStatus(ServingStatus.NOT_SERVING);
  }

  /**
   * Verifies that the health service does not know the service ({@link
   * ServingStatus#SERVICE_UNKNOWN SERVICE_UNKNOWN}, the server answered {@code NOT_FOUND}).
   *
   * @return this assertion, for chaining
   * @throws AssertionError when the health check is {@code null} or has another serving status
   */
  public HealthCheckAssert isServiceUnknown() {
    return hasServingStatus(ServingStatus.SERVICE_UNKNOWN);
  }

  /**
   * Verifies that the serving status is {@code expected}.
   *
   * @param expected the expected serving status, not {@code null}
   * @return this assertion, for chaining
   * @throws AssertionError when the health check is {@code null} or has another serving status
   */
  public HealthCheckAssert hasServingStatus(ServingStatus expected) {
    Objects.requireNonNull(expected, "expected serving status");
    isNotNull();
    if (actual.servingStatus() != expected) {
      String service = actual.service().isEmpty() ? "(server)" : Texts.quote(actual.service());
      BasicErrorMessageFactory message =
          new BasicErrorMessageFactory(
              "%nExpecting health of service %s to be:%n  %s%nbut was:%n  %s%n"
                  + "health call status:%n  %s",
              TextFactory.unquotedString(service),
              TextFactory.unquotedString(expected.name()),
              TextFactory.unquotedString(actual.servingStatus().name()),
              TextFactory.unquotedString(Texts.status(actual.status())));
      throw failureWithActualExpected(
          actual.servingStatus(),
          expected,
          "%s",
          message.create(emptyDescription(), info.representation()));
    }
    return myself;
  }
}
