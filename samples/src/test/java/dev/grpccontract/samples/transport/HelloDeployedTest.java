package dev.grpccontract.samples.transport;

import dev.grpccontract.junit.GrpcTarget;
import dev.grpccontract.samples.hello.HelloServiceImpl;

/**
 * The same contract against a deployed server when {@code HELLO_GRPC_ADDRESS} is set (a system
 * property or an environment variable, e.g. {@code -DHELLO_GRPC_ADDRESS=hello.staging:443}), and
 * against the in-process service when it is not, as in CI here. The service's generated descriptors
 * are the schema either way.
 */
@GrpcTarget(services = HelloServiceImpl.class, address = "${HELLO_GRPC_ADDRESS:}")
class HelloDeployedTest extends HelloContract {}
