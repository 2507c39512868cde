package dev.grpccontract.samples.transport;

import dev.grpccontract.junit.GrpcTarget;
import dev.grpccontract.samples.hello.HelloServiceImpl;

/** The contract against the service in-process: no sockets, the fastest way. */
@GrpcTarget(services = HelloServiceImpl.class)
class HelloInProcessTest extends HelloContract {}
