package dev.grpccontract.client;

import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.util.Objects;

/**
 * The answer of the standard health service ({@code grpc.health.v1.Health/Check}) for one service
 * name: k6's {@code client.healthCheck()}.
 *
 * <p>A server that does not know the service answers {@code NOT_FOUND}, reported here as {@link
 * ServingStatus#SERVICE_UNKNOWN}; a server without the health service, or a failed call, gives
 * {@link ServingStatus#UNKNOWN} with the call's status in {@link #status()}. Immutable.
 */
public final class HealthCheck {

  private final String service;
  private final ServingStatus servingStatus;
  private final Status status;

  private HealthCheck(String service, ServingStatus servingStatus, Status status) {
    this.service = Objects.requireNonNull(service, "service");
    this.servingStatus = Objects.requireNonNull(servingStatus, "servingStatus");
    this.status = Objects.requireNonNull(status, "status");
  }

  /**
   * Creates a result.
   *
   * @param service the service name asked about; empty for the whole server
   * @param servingStatus what the health service answered
   * @param status the status of the health call itself
   */
  public static HealthCheck of(String service, ServingStatus servingStatus, Status status) {
    return new HealthCheck(service, servingStatus, status);
  }

  /** Returns the service name asked about; empty for the server as a whole. */
  public String service() {
    return service;
  }

  /** Returns the serving status. */
  public ServingStatus servingStatus() {
    return servingStatus;
  }

  /** Returns the status of the health call itself ({@code OK} when the server answered). */
  public Status status() {
    return status;
  }

  /** Returns whether the service is {@link ServingStatus#SERVING}. */
  public boolean isServing() {
    return servingStatus == ServingStatus.SERVING;
  }

  @Override
  public String toString() {
    return "HealthCheck{"
        + (service.isEmpty() ? "(server)" : service)
        + " "
        + servingStatus
        + (status.isOk()
            ? ""
            : ", call ended with "
                + status.getCode()
                + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")"))
        + "}";
  }
}
