package dev.grpccontract.samples.hello;

import dev.grpccontract.contract.Interaction;
import dev.grpccontract.junit.ContractTest;
import dev.grpccontract.junit.GrpcContracts;
import dev.grpccontract.junit.GrpcTarget;

/**
 * The hello service's contract file, k6's example among it: the same checks as {@link
 * HelloServiceContractTest} and {@link HelloStreamingContractTest}, written as data.
 */
@GrpcTarget(services = HelloServiceImpl.class)
@GrpcContracts("classpath:contracts/hello.grpc.yaml")
class HelloServiceContractFileTest {

  @ContractTest
  void verify(Interaction interaction) {}
}
