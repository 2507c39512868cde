/**
 * Comparison of protobuf messages by meaning, field paths and protobuf JSON, shared by the
 * assertions ({@code grpc-contract-assertions}) and the contract verifier.
 *
 * <p>{@link dev.grpccontract.proto.compare.MessageDiff} lists the differences between two messages
 * with their field paths ({@code items[1].sku}, {@code labels["env"]}); {@link
 * dev.grpccontract.proto.compare.FieldPath} reads a value at such a path; {@link
 * dev.grpccontract.proto.compare.ProtoJson} parses and prints protobuf JSON with error messages
 * that name the field that does not fit. The package is public so that every module of the project
 * uses one implementation; before 1.0 its types may still change between minor versions.
 */
package dev.grpccontract.proto.compare;
