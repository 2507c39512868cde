/**
 * A mock gRPC server for the consumer side of a contract: {@link
 * dev.grpccontract.mock.GrpcMockServer} serves every method of any schema, answers with stubs
 * written in Java ({@link dev.grpccontract.mock.Stubbing}) or loaded from contract files, and
 * verifies the calls it received.
 */
package dev.grpccontract.mock;
