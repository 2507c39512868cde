package dev.grpccontract.benchmarks.suite;

import dev.grpccontract.benchmarks.EchoService;
import dev.grpccontract.junit.GrpcTarget;

/**
 * The tests of {@link ExtensionSuite} with the services on the calling thread ({@code
 * directExecutor = true}), the opt-in that saves two thread hand-offs per call.
 */
@GrpcTarget(services = EchoService.class, directExecutor = true)
public class ExtensionDirectSuite extends ExtensionSuite {}
