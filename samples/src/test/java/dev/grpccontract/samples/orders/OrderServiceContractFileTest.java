package dev.grpccontract.samples.orders;

import com.google.protobuf.Timestamp;
import dev.grpccontract.contract.Interaction;
import dev.grpccontract.junit.ContractTest;
import dev.grpccontract.junit.GrpcContracts;
import dev.grpccontract.junit.GrpcService;
import dev.grpccontract.junit.GrpcTarget;
import dev.grpccontract.junit.ProviderState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The orders service verified from its contract file: every interaction of {@code
 * contracts/orders.grpc.yaml} (unary calls with rich errors, a server stream, a client stream and a
 * bidi conversation) is one test. The service is built per test with a fixed clock; provider states
 * put orders into it.
 */
@GrpcTarget
@GrpcContracts("classpath:contracts/orders.grpc.yaml")
class OrderServiceContractFileTest {

  @GrpcService
  final OrderService orders =
      new OrderService(Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));

  @ProviderState("an order exists")
  void orderExists(Map<String, Object> params) {
    orders.put(
        Order.newBuilder()
            .setId((String) params.get("id"))
            .addItems(LineItem.newBuilder().setSku((String) params.get("sku")).setQuantity(1))
            .setCreatedAt(Timestamp.newBuilder().setSeconds(1_764_000_000L))
            .setState(Order.State.valueOf((String) params.getOrDefault("state", "OPEN")))
            .build());
  }

  @ContractTest
  void verify(Interaction interaction) {}
}
