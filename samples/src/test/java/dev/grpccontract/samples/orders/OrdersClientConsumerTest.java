package dev.grpccontract.samples.orders;

import static dev.grpccontract.mock.Stubbing.json;
import static dev.grpccontract.mock.Stubbing.messages;
import static dev.grpccontract.mock.Stubbing.method;
import static dev.grpccontract.mock.Stubbing.partialJson;
import static dev.grpccontract.mock.Stubbing.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.grpccontract.junit.GrpcConsumerContract;
import dev.grpccontract.junit.GrpcMock;
import dev.grpccontract.junit.ProtoSource;
import dev.grpccontract.mock.GrpcMockServer;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

/**
 * Consumer-driven contracts: {@link OrdersClient} tested against a mock of the orders service; the
 * calls the mock answered are written to {@code target/grpc-contracts/web-orders.grpc.yaml}, which
 * {@code OrdersConsumerContractVerification} verifies against the real service later in the same
 * build (a second surefire execution of this module).
 */
@GrpcConsumerContract(consumer = "web", provider = "orders")
@ProtoSource(classes = OrderServiceGrpc.class)
class OrdersClientConsumerTest {

  static final String GET_ORDER = "orders.v1.OrderService/GetOrder";

  @GrpcMock GrpcMockServer orders;

  @Test
  void findsAnOrder() {
    orders.stubFor(
        method(GET_ORDER)
            .withRequest(partialJson("{\"id\": \"o-42\"}"))
            .willReturn(
                json(
                    "{\"id\": \"o-42\", \"items\": [{\"sku\": \"B-7\", \"quantity\": 1}],"
                        + " \"createdAt\": \"2025-11-24T16:00:00Z\", \"state\": \"OPEN\"}")));

    assertThat(new OrdersClient(orders.channel()).find("o-42"))
        .get()
        .extracting(Order::getState)
        .isEqualTo(Order.State.OPEN);
  }

  @Test
  void aMissingOrderIsEmpty() {
    orders.stubFor(
        method(GET_ORDER)
            .withRequest(partialJson("{\"id\": \"o-404\"}"))
            .willReturn(status(Status.Code.NOT_FOUND, "no order o-404")));

    assertThat(new OrdersClient(orders.channel()).find("o-404")).isEmpty();
  }

  @Test
  void readsTheHistoryOfAShippedOrder() {
    orders.stubFor(
        method("orders.v1.OrderService/WatchOrder")
            .withRequest(partialJson("{\"id\": \"o-7\"}"))
            .willReturn(
                messages(
                    "{\"orderId\": \"o-7\", \"state\": \"OPEN\"}",
                    "{\"orderId\": \"o-7\", \"state\": \"SHIPPED\"}")));

    assertThat(new OrdersClient(orders.channel()).history("o-7"))
        .containsExactly(Order.State.OPEN, Order.State.SHIPPED);
  }
}
