package dev.grpccontract.samples.orders;

import static dev.grpccontract.assertj.GrpcAssertions.assertThat;

import com.google.rpc.ErrorInfo;
import dev.grpccontract.assertj.GrpcSoftAssertions;
import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.client.GrpcResponse;
import dev.grpccontract.junit.GrpcService;
import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service built with a fake clock (a {@code @GrpcService} instance field, so each test gets a
 * fresh one), checked with field paths, partial JSON and the rich error model.
 */
class OrderServiceContractTest {

  static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");

  @GrpcService final OrderService orders = new OrderService(Clock.fixed(NOON, ZoneOffset.UTC));

  @GrpcService final BindableService health = healthy();

  private static BindableService healthy() {
    HealthStatusManager manager = new HealthStatusManager();
    manager.setStatus("orders.v1.OrderService", ServingStatus.SERVING);
    return manager.getHealthService();
  }

  private static GrpcResponse create(GrpcClient client, Object request) {
    return client.invoke("orders.v1.OrderService/CreateOrder", request);
  }

  @Test
  void createsAnOrder(GrpcClient client) {
    GrpcResponse response =
        create(
            client,
            Map.of(
                "items",
                    List.of(
                        Map.of("sku", "A-1", "quantity", 2), Map.of("sku", "B-7", "quantity", 1)),
                "labels", Map.of("channel", "web")));

    assertThat(response).isOk();
    assertThat(response)
        .message()
        .hasField("id", "o-1")
        .hasField("items[1].sku", "B-7")
        .hasField("labels[\"channel\"]", "web")
        .hasField("createdAt", "2026-11-25T12:00:00Z")
        .hasField("state", "OPEN")
        .hasRepeatedFieldSize("items", 2)
        .conformsToJson("{\"items\": [{\"sku\": \"A-1\", \"quantity\": 2}, {\"sku\": \"B-7\"}]}");
  }

  @Test
  void readsBackWhatItCreated(GrpcClient client) {
    create(client, "{\"items\": [{\"sku\": \"A-1\", \"quantity\": 1}]}");

    assertThat(client.invoke("orders.v1.OrderService/GetOrder", "{\"id\": \"o-1\"}"))
        .isOk()
        .message()
        .ignoringFields("createdAt")
        .isEqualToJson(
            "{\"id\": \"o-1\", \"items\": [{\"sku\": \"A-1\", \"quantity\": 1}], \"state\": \"OPEN\"}");
  }

  @Test
  void reportsEveryBadFieldAsAViolation(GrpcClient client) {
    assertThat(create(client, "{\"items\": [{\"sku\": \"\", \"quantity\": 0}]}"))
        .isInvalidArgument()
        .hasDescription("the order has 2 problems")
        .hasFieldViolation("items[0].sku", "must not be empty")
        .hasFieldViolation("items[0].quantity", "must be positive");
  }

  @Test
  void unknownOrderCarriesErrorInfo(GrpcClient client) {
    assertThat(client.invoke("orders.v1.OrderService/GetOrder", "{\"id\": \"o-404\"}"))
        .isNotFound()
        .hasErrorInfo("ORDER_NOT_FOUND", OrderService.DOMAIN)
        .hasErrorDetail(ErrorInfo.class)
        .hasField("metadata[\"id\"]", "o-404");
  }

  @Test
  void throttlingSaysWhenToRetry(GrpcClient client) {
    assertThat(
            create(
                client,
                Map.of(
                    "items",
                    List.of(Map.of("sku", "A", "quantity", 1)),
                    "labels",
                    Map.of("throttle", "true"))))
        .isResourceExhausted()
        .hasRetryDelay(Duration.ofSeconds(2));
  }

  @Test
  void reportsItselfHealthy(GrpcClient client) {
    assertThat(client.healthCheck("orders.v1.OrderService")).isServing();
    assertThat(client.healthCheck("orders.v1.Unknown")).isServiceUnknown();
  }

  @Test
  void softAssertionsReportEveryFailureAtOnce(GrpcClient client) {
    GrpcResponse created = create(client, "{\"items\": [{\"sku\": \"A-1\", \"quantity\": 3}]}");

    GrpcSoftAssertions.assertSoftly(
        softly -> {
          softly.assertThat(created).isOk();
          softly.assertThat(created).message().hasField("items[0].quantity", 3);
          softly.assertThat(created).hasDurationLessThan(Duration.ofSeconds(5));
        });
  }
}
