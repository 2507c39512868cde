/**
 * AssertJ assertions for gRPC contract tests: statuses, metadata, and protobuf messages.
 *
 * <p>Start from {@link dev.grpccontract.assertj.GrpcAssertions}: {@code assertThat(response)}
 * returns a {@link dev.grpccontract.assertj.GrpcResponseAssert}, and the same status checks work on
 * {@link io.grpc.Status}, {@link io.grpc.StatusRuntimeException} and {@link
 * io.grpc.StatusException} through {@link dev.grpccontract.assertj.StatusAssert}.
 */
package dev.grpccontract.assertj;
