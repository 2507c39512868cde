package dev.grpccontract.samples.orders;

import static dev.grpccontract.mock.Stubbing.fieldMatching;
import static dev.grpccontract.mock.Stubbing.json;
import static dev.grpccontract.mock.Stubbing.messages;
import static dev.grpccontract.mock.Stubbing.method;
import static dev.grpccontract.mock.Stubbing.partialJson;
import static dev.grpccontract.mock.Stubbing.status;
import static dev.grpccontract.mock.Stubbing.times;
import static org.assertj.core.api.Assertions.assertThat;

import dev.grpccontract.client.GrpcClient;
import dev.grpccontract.contract.ContractVerifier;
import dev.grpccontract.contract.Contracts;
import dev.grpccontract.contract.Interaction;
import dev.grpccontract.junit.GrpcMock;
import dev.grpccontract.junit.ProtoSource;
import dev.grpccontract.mock.GrpcMockServer;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

/**
 * The consumer side: {@link OrdersClient} tested against a mock of the orders service, stubbed in
 * Java and from {@code contracts/orders.grpc.yaml}, the file {@code OrderServiceContractFileTest}
 * verifies against the real service in the same build.
 */
@ProtoSource(classes = OrderServiceGrpc.class)
class OrdersClientMockTest {

  static final String GET_ORDER = "orders.v1.OrderService/GetOrder";

  @GrpcMock GrpcMockServer orders;

  @Test
  void findsAnOrder() {
    orders.stubFor(
        method(GET_ORDER)
            .withRequest(partialJson("{\"id\": \"o-42\"}"))
            .willReturn(json("{\"id\": \"o-42\", \"state\": \"OPEN\"}")));

    assertThat(new OrdersClient(orders.channel()).find("o-42"))
        .get()
        .extracting(Order::getState)
        .isEqualTo(Order.State.OPEN);
    orders.verify(method(GET_ORDER).withRequest(partialJson("{\"id\": \"o-42\"}")), times(1));
  }

  @Test
  void aMissingOrderIsEmpty() {
    orders.stubFor(
        method(GET_ORDER)
            .withRequest(fieldMatching("id", "o-4[0-9]{2}"))
            .willReturn(status(Status.Code.NOT_FOUND, "no such order")));

    assertThat(new OrdersClient(orders.channel()).find("o-404")).isEmpty();
  }

  @Test
  void readsTheHistoryOfAnOrderFromAStream() {
    orders.stubFor(
        method("orders.v1.OrderService/WatchOrder")
            .required()
            .willReturn(
                messages(
                    "{\"orderId\": \"o-7\", \"state\": \"OPEN\"}",
                    "{\"orderId\": \"o-7\", \"state\": \"SHIPPED\"}")));

    assertThat(new OrdersClient(orders.channel()).history("o-7"))
        .containsExactly(Order.State.OPEN, Order.State.SHIPPED);
  }

  @Test
  void theContractFileDrivesTheMock(
      @GrpcMock(contracts = "classpath:contracts/orders.grpc.yaml") GrpcMockServer provider) {
    assertThat(new OrdersClient(provider.channel()).find("o-42"))
        .get()
        .extracting(Order::getItemsCount)
        .isEqualTo(1);
    assertThat(new OrdersClient(provider.channel()).find("o-404")).isEmpty();

    // The same file, verified against the mock as OrderServiceContractFileTest verifies it
    // against the real service: one file drives both sides.
    GrpcClient client = GrpcClient.create(provider.channel(), provider.schema());
    for (Interaction interaction :
        Contracts.load("classpath:contracts/orders.grpc.yaml").get(0).interactions()) {
      ContractVerifier.verify(client, interaction).assertPassed();
    }
    client.close();
  }
}
