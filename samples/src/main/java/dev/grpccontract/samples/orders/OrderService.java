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

  /**
   * Stores {@code order} as it is, replacing one with the same id: how contract tests put the
   * service into a provider state.
   */
  public void put(Order order) {
    orders.put(order.getId(), order);
  }

  @Override
  public void watchOrder(GetOrderRequest request, StreamObserver<OrderEvent> events) {
    Order order = orders.get(request.getId());
    if (order == null) {
      events.onError(notFound(request.getId()));
      return;
    }
    for (Order.State state : Order.State.values()) {
      if (state == Order.State.UNRECOGNIZED || state == Order.State.STATE_UNSPECIFIED) {
        continue;
      }
      events.onNext(OrderEvent.newBuilder().setOrderId(order.getId()).setState(state).build());
      if (state == order.getState()) {
        break;
      }
    }
    events.onCompleted();
  }

  @Override
  public StreamObserver<CreateOrderRequest> importOrders(StreamObserver<ImportSummary> summary) {
    ImportSummary.Builder result = ImportSummary.newBuilder();
    return new StreamObserver<>() {
      @Override
      public void onNext(CreateOrderRequest request) {
        CollectingObserver created = new CollectingObserver();
        createOrder(request, created);
        if (created.order != null) {
          result.setCreated(result.getCreated() + 1).addIds(created.order.getId());
        } else {
          result.setRejected(result.getRejected() + 1);
        }
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        summary.onNext(result.build());
        summary.onCompleted();
      }
    };
  }

  @Override
  public StreamObserver<GetOrderRequest> shipOrders(StreamObserver<Shipment> shipments) {
    return new StreamObserver<>() {
      private boolean ended;

      @Override
      public void onNext(GetOrderRequest request) {
        if (ended) {
          return;
        }
        Order order = orders.get(request.getId());
        if (order == null) {
          ended = true;
          shipments.onError(notFound(request.getId()));
          return;
        }
        orders.put(order.getId(), order.toBuilder().setState(Order.State.SHIPPED).build());
        shipments.onNext(
            Shipment.newBuilder()
                .setOrderId(order.getId())
                .setTrackingNumber("TRK-" + order.getId().toUpperCase(java.util.Locale.ROOT))
                .build());
      }

      @Override
      public void onError(Throwable t) {
        ended = true;
      }

      @Override
      public void onCompleted() {
        if (!ended) {
          shipments.onCompleted();
        }
      }
    };
  }

  /** Receives the answer of {@link #createOrder} inside the service. */
  private static final class CollectingObserver implements StreamObserver<Order> {
    Order order;

    @Override
    public void onNext(Order value) {
      order = value;
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }

  @Override
  public void getOrder(GetOrderRequest request, StreamObserver<Order> responses) {
    Order order = orders.get(request.getId());
    if (order == null) {
      responses.onError(notFound(request.getId()));
      return;
    }
    responses.onNext(order);
    responses.onCompleted();
  }

  private static RuntimeException notFound(String id) {
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(Code.NOT_FOUND_VALUE)
            .setMessage("no order " + id)
            .addDetails(
                Any.pack(
                    ErrorInfo.newBuilder()
                        .setReason("ORDER_NOT_FOUND")
                        .setDomain(DOMAIN)
                        .putMetadata("id", id)
                        .build()))
            .build());
  }

  private static BadRequest.FieldViolation violation(String field, String description) {
    return BadRequest.FieldViolation.newBuilder()
        .setField(field)
        .setDescription(description)
        .build();
  }
}
