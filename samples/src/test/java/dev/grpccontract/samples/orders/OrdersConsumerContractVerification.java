package dev.grpccontract.samples.orders;

import com.google.protobuf.Timestamp;
import dev.grpccontract.contract.Interaction;
import dev.grpccontract.junit.ContractTest;
import dev.grpccontract.junit.GrpcContracts;
import dev.grpccontract.junit.GrpcService;
import dev.grpccontract.junit.GrpcTarget;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;

/**
 * The provider side of {@link OrdersClientConsumerTest}: the contract file the consumer's tests
 * wrote, verified against the real orders service. Runs in the module's second surefire execution,
 * after the consumer tests (its name does not match surefire's default includes, so the first
 * execution leaves it out).
 */
@GrpcTarget
@GrpcContracts("target/grpc-contracts/web-orders.grpc.yaml")
class OrdersConsumerContractVerification {

  @GrpcService
  final OrderService orders =
      new OrderService(Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));

  /** The orders the web consumer's tests assume exist. */
  @BeforeEach
  void knownOrders() {
    Timestamp created = Timestamp.newBuilder().setSeconds(1_764_000_000L).build();
    orders.put(
        Order.newBuilder()
            .setId("o-42")
            .addItems(LineItem.newBuilder().setSku("B-7").setQuantity(1))
            .setCreatedAt(created)
            .setState(Order.State.OPEN)
            .build());
    orders.put(
        Order.newBuilder()
            .setId("o-7")
            .addItems(LineItem.newBuilder().setSku("A-1").setQuantity(2))
            .setCreatedAt(created)
            .setState(Order.State.SHIPPED)
            .build());
  }

  @ContractTest
  void verify(Interaction interaction) {}
}
