/**
 * AssertJ assertions for gRPC contract tests: statuses, metadata, protobuf messages, streams and
 * health checks.
 *
 * <p>Start from {@link dev.grpccontract.assertj.GrpcAssertions}: {@code assertThat(response)}
 * returns a {@link dev.grpccontract.assertj.GrpcResponseAssert}, {@code assertThat(stream)} a
 * {@link dev.grpccontract.assertj.StreamResponseAssert}, {@code assertThat(healthCheck)} a {@link
 * dev.grpccontract.assertj.HealthCheckAssert}; the same status checks, rich error details included
 * ({@code hasErrorDetail(BadRequest.class)}, {@code hasFieldViolation}, {@code hasErrorInfo}, ...),
 * work on {@link io.grpc.Status}, {@link io.grpc.StatusRuntimeException} and {@link
 * io.grpc.StatusException} through {@link dev.grpccontract.assertj.StatusAssert}.
 *
 * <p>{@link dev.grpccontract.assertj.ProtoMessageAssert} compares messages by protobuf meaning,
 * with ProtoTruth's settings ({@code ignoringRepeatedFieldOrder()}, {@code
 * comparingExpectedFieldsOnly()}, tolerances, ...), partial matches ({@code conformsToJson}) and
 * field paths ({@code hasField("items[0].sku", "A")}). {@link
 * dev.grpccontract.assertj.GrpcSoftAssertions} collects failures instead of throwing them, and
 * {@link dev.grpccontract.assertj.GrpcInstanceOfAssertFactories} narrows {@code Object} assertions
 * to these. Failure messages never show the values of secret metadata keys; see {@link
 * dev.grpccontract.assertj.GrpcAssertions#maskMetadataKeys(String...)}.
 */
package dev.grpccontract.assertj;
