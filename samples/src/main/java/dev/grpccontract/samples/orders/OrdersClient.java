package dev.grpccontract.samples.orders;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A caller of the orders service, as another team would write it with the generated stub: the
 * consumer whose tests run against a mock of the service ({@code OrdersClientMockTest}).
 */
public class OrdersClient {

  private final OrderServiceGrpc.OrderServiceBlockingStub stub;

  /** A client calling the orders service over {@code channel}. */
  public OrdersClient(Channel channel) {
    this.stub = OrderServiceGrpc.newBlockingStub(channel);
  }

  /** Returns the order with that id, or empty when the service has none. */
  public Optional<Order> find(String id) {
    try {
      return Optional.of(
          stub.withDeadlineAfter(2, TimeUnit.SECONDS)
              .getOrder(GetOrderRequest.newBuilder().setId(id).build()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Orders {@code quantity} of {@code sku}; returns the new order's id. */
  public String order(String sku, int quantity) {
    return stub.withDeadlineAfter(2, TimeUnit.SECONDS)
        .createOrder(
            CreateOrderRequest.newBuilder()
                .addItems(LineItem.newBuilder().setSku(sku).setQuantity(quantity))
                .build())
        .getId();
  }

  /** Returns the states the order has been through, oldest first. */
  public List<Order.State> history(String id) {
    List<Order.State> states = new ArrayList<>();
    Iterator<OrderEvent> events =
        stub.withDeadlineAfter(2, TimeUnit.SECONDS)
            .watchOrder(GetOrderRequest.newBuilder().setId(id).build());
    events.forEachRemaining(event -> states.add(event.getState()));
    return states;
  }
}
