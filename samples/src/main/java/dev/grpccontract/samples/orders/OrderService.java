package dev.grpccontract.samples.orders;

import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Orders kept in memory; mistakes are answered with google.rpc error details. */
public class OrderService extends OrderServiceGrpc.OrderServiceImplBase {

  /** The domain of this service's {@code ErrorInfo} details. */
  public static final String DOMAIN = "orders.example.com";

  private final Map<String, Order> orders = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final Clock clock;

  /** A service whose orders are stamped by {@code clock}. */
  public OrderService(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void createOrder(CreateOrderRequest request, StreamObserver<Order> responses) {
    if ("true".equals(request.getLabelsMap().get("throttle"))) {
      responses.onError(
          StatusProto.toStatusRuntimeException(
              com.google.rpc.Status.newBuilder()
                  .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
                  .setMessage("too many orders; retry later")
                  .addDetails(
                      Any.pack(
                          RetryInfo.newBuilder()
                              .setRetryDelay(
                                  com.google.protobuf.Duration.newBuilder().setSeconds(2))
                              .build()))
                  .build()));
      return;
    }
    BadRequest.Builder problems = BadRequest.newBuilder();
    if (request.getItemsCount() == 0) {
      problems.addFieldViolations(violation("items", "an order needs at least one item"));
    }
    for (int i = 0; i < request.getItemsCount(); i++) {
      LineItem item = request.getItems(i);
      if (item.getSku().isBlank()) {
        problems.addFieldViolations(violation("items[" + i + "].sku", "sku must not be empty"));
      }
      if (item.getQuantity() <= 0) {
        problems.addFieldViolations(
            violation(
                "items[" + i + "].quantity",
                "quantity must be positive, was " + item.getQuantity()));
      }
    }
    if (problems.getFieldViolationsCount() > 0) {
      responses.onError(
          StatusProto.toStatusRuntimeException(
              com.google.rpc.Status.newBuilder()
                  .setCode(Code.INVALID_ARGUMENT_VALUE)
                  .setMessage("the order has " + problems.getFieldViolationsCount() + " problems")
                  .addDetails(Any.pack(problems.build()))
                  .build()));
      return;
    }
    Instant now = clock.instant();
    Order order =
        Order.newBuilder()
            .setId("o-" + ids.incrementAndGet())
            .addAllItems(request.getItemsList())
            .putAllLabels(request.getLabelsMap())
            .setCreatedAt(
                Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
            .setState(Order.State.OPEN)
            .build();
    orders.put(order.getId(), order);
    responses.onNext(order);
    responses.onCompleted();
  }

  @Override
  public void getOrder(GetOrderRequest request, StreamObserver<Order> responses) {
    Order order = orders.get(request.getId());
    if (order == null) {
      responses.onError(
          StatusProto.toStatusRuntimeException(
              com.google.rpc.Status.newBuilder()
                  .setCode(Code.NOT_FOUND_VALUE)
                  .setMessage("no order " + request.getId())
                  .addDetails(
                      Any.pack(
                          ErrorInfo.newBuilder()
                              .setReason("ORDER_NOT_FOUND")
                              .setDomain(DOMAIN)
                              .putMetadata("id", request.getId())
                              .build()))
                  .build()));
      return;
    }
    responses.onNext(order);
    responses.onCompleted();
  }

  private static BadRequest.FieldViolation violation(String field, String description) {
    return BadRequest.FieldViolation.newBuilder()
        .setField(field)
        .setDescription(description)
        .build();
  }
}
