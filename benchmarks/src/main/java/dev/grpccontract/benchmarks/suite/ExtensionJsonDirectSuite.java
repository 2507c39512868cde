package dev.grpccontract.benchmarks.suite;

import dev.grpccontract.benchmarks.EchoService;
import dev.grpccontract.junit.GrpcTarget;

/**
 * The tests of {@link ExtensionJsonSuite} (schema from {@code bench.proto}, JSON in and out) with
 * the services on the calling thread ({@code directExecutor = true}), as the hand-written suite
 * runs them.
 */
@GrpcTarget(services = EchoService.class, directExecutor = true)
public class ExtensionJsonDirectSuite extends ExtensionJsonSuite {}
